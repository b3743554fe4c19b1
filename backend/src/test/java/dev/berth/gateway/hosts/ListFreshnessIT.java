package dev.berth.gateway.hosts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.gateway.TestGateway;
import dev.berth.gateway.TestGateway.Answer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway keeps container lists (ContainerListCache) and must still show every change: one
 * made through the gateway at the very next list, one made behind its back (the docker CLI on the
 * engine's socket) as soon as the engine's event arrives. This gateway keeps lists for up to a
 * minute, so a change that shows within the seconds waited here was seen through events, not
 * through the list growing old.
 */
class ListFreshnessIT {

  private static final String HOST = "lf";
  private static final Pattern LISTS = Pattern.compile(
      "berth_engine_call_duration_seconds_count\\{host=\"" + HOST + "\",operation=\"GET containers\"} (\\d+)");

  private static HostsFixture fx;
  private static TestGateway gw;
  private static String[] admin;

  @BeforeAll
  static void setUp() throws Exception {
    fx = HostsFixture.get();
    gw = TestGateway.start("--hosts", HOST + "=" + fx.engine.url, "--list-cache-max-age", "60s");
    admin = gw.setupAdmin("root", HostsFixture.PASSWORD);
  }

  @AfterAll
  static void tearDown() throws Exception {
    fx.engine.tryDocker("rm", "-f", "lf-a", "lf-b", "lf-c");
    if (gw != null) {
      gw.close();
    }
  }

  private static final String LIST = "/api/hosts/" + HOST + "/containers?all=1&label=suite=lf&sort=name";

  /** "name:state" of each listed container. */
  private static List<String> list(String... headers) throws Exception {
    String[] all = new String[admin.length + headers.length];
    System.arraycopy(admin, 0, all, 0, admin.length);
    System.arraycopy(headers, 0, all, admin.length, headers.length);
    Answer a = gw.get(LIST, all);
    assertEquals(200, a.status(), a.body());
    List<String> out = new ArrayList<>();
    JsonArray items = a.json().getJsonArray("items");
    for (int i = 0; i < items.size(); i++) {
      JsonObject c = items.getJsonObject(i);
      out.add(c.getString("name") + ":" + c.getString("state"));
    }
    return out;
  }

  /** How many times this gateway has asked the engine for containers (lists and inspects). */
  private static long engineLists() throws Exception {
    Matcher m = LISTS.matcher(gw.get("/metrics").body());
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }

  /** Lists until the answer is {@code expected}, for at most 10 s (well under the 60 s max age). */
  private static void awaitList(List<String> expected, String what) throws Exception {
    List<String> seen = null;
    for (long end = System.nanoTime() + 10_000_000_000L; System.nanoTime() < end; Thread.sleep(20)) {
      seen = list();
      if (seen.equals(expected)) {
        return;
      }
    }
    assertEquals(expected, seen, what + ": not shown within 10 s");
  }

  @Test
  void keptListsFollowEveryChange() throws Exception {
    fx.engine.docker("create", "--name", "lf-a", "--label", "suite=lf", "busybox", "sleep", "1000");
    assertEquals(List.of("lf-a:created"), list());

    // once the host's event feed is connected, a list is kept: the engine is not asked again
    boolean kept = false;
    for (int i = 0; i < 100 && !kept; i++) {
      long before = engineLists();
      assertEquals(List.of("lf-a:created"), list());
      kept = engineLists() == before;
      Thread.sleep(50);
    }
    assertTrue(kept, "every list asked the engine");
    assertTrue(gw.get("/metrics").body().matches(
        "(?s).*berth_container_lists_total\\{host=\"" + HOST + "\",source=\"kept\"} [1-9].*"), "kept lists are counted");
    long before = engineLists();
    assertEquals(List.of("lf-a:created"), list("Cache-Control", "no-cache"));
    assertEquals(before + 1, engineLists(), "no-cache asks the engine");

    // a write through the gateway shows at the very next list
    assertEquals(204, gw.call("POST", "/api/hosts/" + HOST + "/containers/lf-a/start", null, admin).status());
    assertEquals(List.of("lf-a:running"), list());
    assertEquals(List.of("lf-a:running"), list());

    // changes behind the gateway's back show once their event arrives
    fx.engine.docker("stop", "-t", "0", "lf-a");
    awaitList(List.of("lf-a:exited"), "docker stop");
    fx.engine.docker("create", "--name", "lf-b", "--label", "suite=lf", "busybox", "sleep", "1000");
    awaitList(List.of("lf-a:exited", "lf-b:created"), "docker create");
    fx.engine.docker("rename", "lf-b", "lf-c");
    awaitList(List.of("lf-a:exited", "lf-c:created"), "docker rename");
    fx.engine.docker("start", "lf-c");
    awaitList(List.of("lf-a:exited", "lf-c:running"), "docker start");
    // exec sessions (dockerd runs health probes as execs) change nothing listed: the list is still kept
    boolean keptAcrossExec = false;
    for (int i = 0; i < 5 && !keptAcrossExec; i++) {
      fx.engine.docker("exec", "lf-c", "true");
      Thread.sleep(300); // its events have arrived
      long beforeList = engineLists();
      assertEquals(List.of("lf-a:exited", "lf-c:running"), list());
      keptAcrossExec = engineLists() == beforeList;
    }
    assertTrue(keptAcrossExec, "every docker exec made the gateway ask the engine again");
    fx.engine.docker("pause", "lf-c");
    awaitList(List.of("lf-a:exited", "lf-c:paused"), "docker pause");
    fx.engine.docker("rm", "-f", "lf-a", "lf-c");
    awaitList(List.of(), "docker rm");
  }
}
