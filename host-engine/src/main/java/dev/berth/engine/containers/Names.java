package dev.berth.engine.containers;

import dev.berth.engine.errors.EngineException;
import java.security.SecureRandom;
import java.util.regex.Pattern;

/** Container names as Docker has them: validation, and generated "adjective_name" names. */
final class Names {

  private static final Pattern VALID = Pattern.compile("^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String[] LEFT = {
    "admiring", "agitated", "amazing", "bold", "brave", "busy", "charming", "clever", "cool",
    "dazzling", "eager", "ecstatic", "elegant", "epic", "festive", "focused", "friendly", "gifted",
    "happy", "hopeful", "jolly", "keen", "kind", "laughing", "lucid", "modest", "nice", "optimistic",
    "peaceful", "quirky", "relaxed", "serene", "sharp", "stoic", "tender", "upbeat", "vibrant",
    "wizardly", "youthful", "zealous"
  };
  private static final String[] RIGHT = {
    "albattani", "babbage", "bardeen", "bohr", "brahmagupta", "curie", "darwin", "dijkstra",
    "einstein", "euclid", "faraday", "fermi", "galileo", "goldberg", "hamilton", "hopper",
    "hypatia", "kepler", "knuth", "lamarr", "lovelace", "mccarthy", "meitner", "newton", "noether",
    "pascal", "ritchie", "shannon", "thompson", "torvalds", "turing", "wozniak", "yalow"
  };

  private Names() {}

  /** The name without its leading slash; 400 with Docker's wording when invalid. */
  static String validate(String name) {
    if (!VALID.matcher(name).matches()) {
      throw EngineException.invalidParameter(
          "Invalid container name (" + name + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
    }
    return name.startsWith("/") ? name.substring(1) : name;
  }

  /** A random name; {@code attempt} above a few adds digits, as dockerd does on collisions. */
  static String generate(int attempt) {
    String name = LEFT[RANDOM.nextInt(LEFT.length)] + "_" + RIGHT[RANDOM.nextInt(RIGHT.length)];
    return attempt > 3 ? name + RANDOM.nextInt(10) : name;
  }
}
