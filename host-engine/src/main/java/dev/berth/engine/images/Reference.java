package dev.berth.engine.images;

import dev.berth.engine.errors.EngineException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Docker image reference, normalised as distribution/reference does: "busybox" is
 * "docker.io/library/busybox", shown back without "docker.io/library/". {@code tag} and
 * {@code digest} may be null.
 */
public record Reference(String domain, String path, String tag, String digest) {

  public static final String DEFAULT_DOMAIN = "docker.io";
  private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*";
  private static final String DOMAIN_PART = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
  private static final Pattern DOMAIN =
      Pattern.compile(DOMAIN_PART + "(?:\\." + DOMAIN_PART + ")*(?::[0-9]+)?");
  private static final Pattern PATH = Pattern.compile(COMPONENT + "(?:/" + COMPONENT + ")*");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
  private static final Pattern DIGEST =
      Pattern.compile("[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}");
  private static final Pattern HEX64 = Pattern.compile("[a-f0-9]{64}");
  private static final Pattern WHOLE =
      Pattern.compile("^([^@]+?)(?::([\\w][\\w.-]{0,127}))?(?:@(" + DIGEST.pattern() + "))?$");

  /** Parses and normalises; anything Docker would refuse is a 400 "invalid reference format". */
  public static Reference parse(String text) {
    if (text == null || text.isEmpty()) {
      throw invalid();
    }
    if (HEX64.matcher(text).matches()) {
      throw EngineException.invalidParameter(
          "invalid repository name (" + text + "), cannot specify 64-byte hexadecimal strings");
    }
    Matcher m = WHOLE.matcher(text);
    if (!m.matches()) {
      throw invalid();
    }
    String name = m.group(1);
    String tag = m.group(2);
    String digest = m.group(3);
    String domain;
    String remainder;
    int slash = name.indexOf('/');
    String first = slash < 0 ? "" : name.substring(0, slash);
    if (slash < 0
        || (!first.contains(".")
            && !first.contains(":")
            && !first.equals("localhost")
            && first.toLowerCase().equals(first))) {
      domain = DEFAULT_DOMAIN;
      remainder = name;
    } else {
      domain = first;
      remainder = name.substring(slash + 1);
    }
    if (domain.equals("index.docker.io")) {
      domain = DEFAULT_DOMAIN;
    }
    if (!DOMAIN.matcher(domain).matches()) {
      throw invalid();
    }
    if (!remainder.toLowerCase().equals(remainder)) {
      throw EngineException.invalidParameter(
          "invalid reference format: repository name must be lowercase");
    }
    if (!PATH.matcher(remainder).matches()) {
      throw invalid();
    }
    if (domain.equals(DEFAULT_DOMAIN) && remainder.indexOf('/') < 0) {
      remainder = "library/" + remainder;
    }
    if ((domain + "/" + remainder).length() > 255) {
      throw EngineException.invalidParameter("invalid reference format: repository name must not be more than 255 characters");
    }
    return new Reference(domain, remainder, tag, digest == null ? null : digest.toLowerCase());
  }

  /** True for the name part alone (no tag, no digest): "busybox", "reg:5000/x". */
  public boolean nameOnly() {
    return tag == null && digest == null;
  }

  /** With the default tag "latest" when neither tag nor digest is given. */
  public Reference withDefaultTag() {
    return nameOnly() ? new Reference(domain, path, "latest", null) : this;
  }

  public Reference withTag(String newTag) {
    if (!TAG.matcher(newTag).matches()) {
      throw invalid();
    }
    return new Reference(domain, path, newTag, null);
  }

  /** The full repository name: "docker.io/library/busybox". */
  public String name() {
    return domain + "/" + path;
  }

  /** The short repository name: "busybox", "reg:5000/x". */
  public String familiarName() {
    if (!domain.equals(DEFAULT_DOMAIN)) {
      return name();
    }
    return path.startsWith("library/") && path.indexOf('/', 8) < 0 ? path.substring(8) : path;
  }

  /** The full form with tag or digest: the key under which the store keeps it. */
  public String canonical() {
    return name() + suffix();
  }

  /** What Docker prints: "busybox:latest", "reg:5000/x@sha256:...". */
  public String familiar() {
    return familiarName() + suffix();
  }

  private String suffix() {
    return (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
  }

  @Override
  public String toString() {
    return familiar();
  }

  private static EngineException invalid() {
    return EngineException.invalidParameter("invalid reference format");
  }
}
