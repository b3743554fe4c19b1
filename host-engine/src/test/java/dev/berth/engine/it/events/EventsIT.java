package dev.berth.engine.it.events;

import static dev.berth.engine.it.robustness.Checks.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.engine.it.Cli;
import dev.berth.engine.it.Engines;
import dev.berth.engine.it.TestEngine;
import dev.berth.engine.it.TestImages;
import dev.berth.engine.it.robustness.Checks;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One scenario of container and image operations, run through the real CLI on each engine; its
 * `docker events` are read back with --since/--until/--filter/--format '{{json .}}' and compared
 * with what dockerd reports for the same commands: the same actions, in the same order, with the
 * same attributes.
 */
class EventsIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Docker's events for the scenario, with this run's ids and names replaced by placeholders. */
  private static final List<String> DOCKER_SEQUENCE =
      List.of(
          "image tag name=<repo>:1 qa.ev=<token>",
          "image import name=<image> qa.ev=<token>",
          "image tag name=<repo>:2 qa.ev=<token>",
          "container create image=<repo>:1 name=<a> qa.ev=<token>",
          "container start image=<repo>:1 name=<a> qa.ev=<token>",
          "container pause image=<repo>:1 name=<a> qa.ev=<token>",
          "container unpause image=<repo>:1 name=<a> qa.ev=<token>",
          "container kill image=<repo>:1 name=<a> qa.ev=<token> signal=10",
          "container rename image=<repo>:1 name=<a2> oldName=/<a> qa.ev=<token>",
          "container exec_create: true  execID=<exec> image=<repo>:1 name=<a2> qa.ev=<token>",
          "container exec_start: true  execID=<exec> image=<repo>:1 name=<a2> qa.ev=<token>",
          "container exec_die execID=<exec> exitCode=0 image=<repo>:1 name=<a2> qa.ev=<token>",
          "container create image=<repo>:1 name=<b> qa.ev=<token>",
          "container attach image=<repo>:1 name=<b> qa.ev=<token>",
          "container start image=<repo>:1 name=<b> qa.ev=<token>",
          "container die exitCode=3 image=<repo>:1 name=<b> qa.ev=<token>",
          "container kill image=<repo>:1 name=<a2> qa.ev=<token> signal=15",
          "container die exitCode=0 image=<repo>:1 name=<a2> qa.ev=<token>",
          "container stop image=<repo>:1 name=<a2> qa.ev=<token>",
          "container destroy image=<repo>:1 name=<a2> qa.ev=<token>",
          "container destroy image=<repo>:1 name=<b> qa.ev=<token>",
          "image untag name=<image> qa.ev=<token>",
          "image untag name=<image> qa.ev=<token>",
          // the image is gone by then: its delete event carries no labels
          "image delete name=<image>");

  /** A finished scenario: its window, its actors and the events `docker events` gave back. */
  record Scenario(
      String since, String until, String repo, String token, String imageId, Map<String, String> containers, List<JsonNode> events) {

    /** The id of the scenario's container "a", "a2" (the same container, renamed) or "b". */
    String id(String suffix) {
      return containers.get(repo.substring(0, repo.length() - "-img".length()) + "." + suffix);
    }

    /** This run's ids and names as placeholders, so that runs on two engines compare equal. */
    Map<String, String> placeholders() {
      Map<String, String> p = new LinkedHashMap<>();
      p.put(imageId, "<image>");
      containers.keySet().stream()
          .sorted((x, y) -> y.length() - x.length())
          .forEach(name -> p.put(name, "<" + name.substring(name.lastIndexOf('.') + 1) + ">"));
      p.put(repo, "<repo>");
      p.put(token, "<token>");
      return p;
    }

    /** "type action key=value ..." for each of the scenario's own events (network events aside). */
    List<String> sequence() {
      List<String> out = new ArrayList<>();
      for (JsonNode ev : events) {
        String actor = ev.path("Actor").path("ID").asText();
        if (!actor.equals(imageId) && !containers.containsValue(actor)) {
          continue;
        }
        out.add(render(ev));
      }
      return out;
    }

    String render(JsonNode ev) {
      StringBuilder line = new StringBuilder(ev.path("Type").asText() + " " + ev.path("Action").asText());
      Map<String, String> attrs = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = ev.path("Actor").path("Attributes").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> a = it.next();
        attrs.put(a.getKey(), a.getKey().equals("execID") ? "<exec>" : a.getValue().asText());
      }
      attrs.forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
      String s = line.toString();
      for (Map.Entry<String, String> p : placeholders().entrySet()) {
        s = s.replace(p.getKey(), p.getValue());
      }
      return s;
    }

    /** Placeholder lines of the events that `docker events` returns with these extra arguments. */
    List<String> query(TestEngine e, String... args) {
      List<String> all = new ArrayList<>(List.of("events", "--since", since, "--until", until, "--format", "{{json .}}"));
      all.addAll(List.of(args));
      Cli.Result r = e.docker(Duration.ofSeconds(20), all.toArray(String[]::new));
      assertTrue(r.ok(), r::toString);
      return parse(r.out()).stream().map(this::render).toList();
    }
  }

  private static final Map<String, Scenario> RUNS = new ConcurrentHashMap<>();

  /** The scenario, run once per engine and test JVM. */
  static synchronized Scenario scenario(TestEngine e) {
    return RUNS.computeIfAbsent(e.name() + "@" + e.socket(), k -> runScenario(e));
  }

  private static Scenario runScenario(TestEngine e) {
    TestImages.busybox(e);
    String base = Checks.unique("qaev");
    String repo = base + "-img";
    String token = base + "-tok";
    String a = base + ".a";
    String a2 = base + ".a2";
    String b = base + ".b";
    String since = now();
    String imageId =
        ok(e, "import", "--change", "LABEL qa.ev=" + token, "--change", "CMD [\"sh\"]",
            TestImages.busyboxTar().toString(), repo + ":1").outTrim();
    ok(e, "tag", repo + ":1", repo + ":2");
    String aId =
        ok(e, "create", "--name", a, repo + ":1", "sh", "-c", "trap 'exit 0' TERM; trap '' USR1; while true; do sleep 0.1; done")
            .outTrim();
    ok(e, "start", a);
    ok(e, "pause", a);
    ok(e, "unpause", a);
    ok(e, "kill", "-s", "USR1", a);
    ok(e, "rename", a, a2);
    ok(e, "exec", a2, "true");
    Cli.Result run = e.docker("run", "--name", b, repo + ":1", "sh", "-c", "exit 3");
    assertEquals(3, run.exit(), run::toString);
    String bId = Checks.inspect(e, b, "{{.Id}}");
    ok(e, "stop", a2);
    // one by one: `docker rm x y` removes in parallel, in no fixed order
    ok(e, "rm", a2);
    ok(e, "rm", b);
    ok(e, "rmi", repo + ":2");
    ok(e, "rmi", repo + ":1");
    Checks.sleep(100);
    String until = now();
    long t0 = System.nanoTime();
    Cli.Result r = e.docker(Duration.ofSeconds(20), "events", "--since", since, "--until", until, "--format", "{{json .}}");
    assertTrue(r.ok(), r::toString);
    assertTrue(System.nanoTime() - t0 < 10_000_000_000L, "a past window returns at once and ends");
    return new Scenario(since, until, repo, token, imageId, Map.of(a, aId, a2, aId, b, bId), parse(r.out()));
  }

  static List<JsonNode> parse(String lines) {
    List<JsonNode> out = new ArrayList<>();
    for (String line : lines.split("\n")) {
      if (!line.isBlank()) {
        try {
          out.add(JSON.readTree(line));
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
          throw new UncheckedIOException("not a JSON event: " + line, ex);
        }
      }
    }
    return out;
  }

  /** Now as seconds.nanoseconds, as `docker events` takes it (same host clock as the engine). */
  static String now() {
    Instant t = Instant.now();
    return t.getEpochSecond() + "." + String.format("%09d", t.getNano());
  }

  static String at(long timeNano) {
    return (timeNano / 1_000_000_000L) + "." + String.format("%09d", timeNano % 1_000_000_000L);
  }

  @Test
  void theSameCommandsGiveDockerdsSequenceOnEveryEngine() {
    Map<String, List<String>> sequences = new LinkedHashMap<>();
    Engines.all().forEach(e -> sequences.put(e.name(), scenario(e).sequence()));
    sequences.forEach((engine, seq) -> assertEquals(DOCKER_SEQUENCE, seq, engine + ": " + sequences));
    if (sequences.size() == 2) {
      assertEquals(sequences.get("dockerd"), sequences.get("berth"), "berth and dockerd differ");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void eventsCarryDockersFields(TestEngine e) {
    Scenario s = scenario(e);
    for (JsonNode ev : s.events()) {
      String type = ev.path("Type").asText();
      if (!type.equals("container") && !type.equals("image")) {
        continue;
      }
      String actor = ev.path("Actor").path("ID").asText();
      assertEquals(ev.path("Action").asText(), ev.path("status").asText(), ev::toString);
      assertEquals(actor, ev.path("id").asText(), ev::toString);
      assertEquals("local", ev.path("scope").asText(), ev::toString);
      assertEquals(ev.path("timeNano").asLong() / 1_000_000_000L, ev.path("time").asLong(), ev::toString);
      if (type.equals("container")) {
        assertEquals(ev.path("Actor").path("Attributes").path("image").asText(), ev.path("from").asText(), ev::toString);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void filtersSelectLikeDockerd(TestEngine e) {
    Scenario s = scenario(e);
    List<String> all = s.sequence();
    assertEquals(
        all.stream().filter(l -> l.startsWith("image ")).toList(),
        s.query(e, "--filter", "type=image", "--filter", "image=" + s.imageId()),
        "type=image, image=<id>");
    assertEquals(
        List.of(
            "container die exitCode=3 image=<repo>:1 name=<b> qa.ev=<token>",
            "container die exitCode=0 image=<repo>:1 name=<a2> qa.ev=<token>"),
        s.query(e, "--filter", "event=die", "--filter", "label=qa.ev=" + s.token()));
    assertEquals(
        all.stream().filter(l -> l.contains("name=<b>")).toList(),
        s.query(e, "--filter", "container=" + s.id("b")),
        "container=<name>");
    assertEquals(
        all.stream().filter(l -> l.startsWith("container ") && !l.contains("name=<b>")).toList(),
        s.query(e, "--filter", "container=" + s.id("a").substring(0, 12)),
        "container=<short id> follows the container across its rename");
    assertEquals(
        all.stream().filter(l -> l.contains("<repo>:1")).toList(),
        s.query(e, "--filter", "image=" + s.repo() + ":1"),
        "image=<repo>:1 matches the image's tag event and its containers");
    assertEquals(
        all.stream().filter(l -> l.contains("qa.ev=<token>")).toList(),
        s.query(e, "--filter", "label=qa.ev=" + s.token()),
        "label=key=value");
    assertEquals(
        List.of("container pause image=<repo>:1 name=<a> qa.ev=<token>", "container stop image=<repo>:1 name=<a2> qa.ev=<token>"),
        s.query(e, "--filter", "type=container", "--filter", "event=pause", "--filter", "event=stop", "--filter", "label=qa.ev"
            + "=" + s.token()));
    assertEquals(
        List.of("container exec_start: true  execID=<exec> image=<repo>:1 name=<a2> qa.ev=<token>"),
        s.query(e, "--filter", "event=exec_start", "--filter", "label=qa.ev=" + s.token()),
        "event=exec_start matches \"exec_start: true \"");
    assertEquals(List.of(), s.query(e, "--filter", "label=qa.ev=other"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void sinceAndUntilAreInclusiveNanosecondBounds(TestEngine e) {
    Scenario s = scenario(e);
    long from = -1;
    long to = -1;
    for (JsonNode ev : s.events()) {
      String rendered = s.render(ev);
      if (rendered.startsWith("container start") && rendered.contains("name=<a>")) {
        from = ev.path("timeNano").asLong();
      }
      if (rendered.startsWith("container unpause")) {
        to = ev.path("timeNano").asLong();
      }
    }
    assertTrue(from > 0 && to > from, "start and unpause events found");
    Cli.Result r = e.docker(Duration.ofSeconds(20), "events", "--since", at(from), "--until", at(to), "--format", "{{json .}}",
        "--filter", "label=qa.ev=" + s.token());
    assertTrue(r.ok(), r::toString);
    assertEquals(
        List.of(
            "container start image=<repo>:1 name=<a> qa.ev=<token>",
            "container pause image=<repo>:1 name=<a> qa.ev=<token>",
            "container unpause image=<repo>:1 name=<a> qa.ev=<token>"),
        parse(r.out()).stream().map(s::render).toList(),
        r::toString);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void aFutureUntilStreamsLiveEventsAndEndsOnTime(TestEngine e) throws Exception {
    String image = TestImages.busybox(e);
    String label = Checks.unique("qalive");
    String since = now();
    long t0 = System.nanoTime();
    String until = at(Instant.now().toEpochMilli() * 1_000_000L + 2_500_000_000L);
    var events = java.util.concurrent.CompletableFuture.supplyAsync(
        () -> e.docker(Duration.ofSeconds(20), "events", "--since", since, "--until", until, "--filter", "label=" + label,
            "--format", "{{.Action}} {{index .Actor.Attributes \"exitCode\"}}"));
    Checks.sleep(300);
    String id = ok(e, "create", "--label", label, image, "sh", "-c", "exit 5").outTrim();
    ok(e, "start", id);
    assertEquals("5", ok(e, "wait", id).outTrim());
    ok(e, "rm", id);
    Cli.Result r = events.get();
    long took = (System.nanoTime() - t0) / 1_000_000L;
    assertTrue(r.ok(), r::toString);
    assertEquals(List.of("create", "start", "die 5", "destroy"), r.out().lines().map(String::strip).toList(), r::toString);
    assertTrue(took >= 2_000 && took < 10_000, "the stream ended at until, after " + took + " ms");
  }
}
