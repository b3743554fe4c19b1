package dev.berth.gateway.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.gateway.http.ApiError;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class ContainerListTest {

  private static JsonObject engineItem(String id, String name, long created, String state) {
    return new JsonObject().put("Id", id).put("Names", new JsonArray().add("/" + name)).put("Image", "busybox")
        .put("Created", created).put("State", state).put("Status", state).put("Ports", new JsonArray())
        .put("Labels", null).put("Mounts", new JsonArray().add(new JsonObject().put("Type", "volume")))
        .put("NetworkSettings", new JsonObject().put("Networks", new JsonObject().put("bridge", new JsonObject())));
  }

  private static JsonObject page(ContainerList query, JsonArray engine) {
    return new JsonObject(query.page(engine.toBuffer()));
  }

  private static MultiMap params(String... kv) {
    MultiMap m = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i < kv.length; i += 2) {
      m.add(kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void sortsAndPages() {
    JsonObject a = engineItem("2", "a", 30, "exited").put("Labels", new JsonObject().put("k", "v"))
        .put("Ports", new JsonArray().add(new JsonObject().put("IP", "127.0.0.1").put("PrivatePort", 80)
            .put("PublicPort", 8080).put("Type", "tcp")))
        .put("NetworkSettings", new JsonObject().put("Networks", new JsonObject().put("front", new JsonObject())
            .put("bridge", new JsonObject().put("IPAddress", "10.0.0.2")))).put("HostConfig", new JsonObject());
    JsonArray engine = new JsonArray().add(engineItem("1", "b", 10, "running")).add(a)
        .add(engineItem("3", "c", 20, "running"));
    JsonObject page = page(ContainerList.parse(params("sort", "name", "limit", "2")), engine);
    assertEquals(3, page.getInteger("total"));
    assertEquals("a", page.getJsonArray("items").getJsonObject(0).getString("name"));
    assertEquals("b", page.getJsonArray("items").getJsonObject(1).getString("name"));
    assertEquals(2, page.getJsonArray("items").size());
    JsonObject newest = page(ContainerList.parse(params("offset", "1")), engine);
    assertEquals("3", newest.getJsonArray("items").getJsonObject(0).getString("id"), "default sort is -created");
    assertEquals(2, newest.getJsonArray("items").size());
    JsonObject past = page(ContainerList.parse(params("offset", "10")), engine);
    assertEquals(0, past.getJsonArray("items").size());
    assertEquals(3, past.getInteger("total"));
    assertEquals(new JsonObject("""
        {"id": "2", "name": "a", "names": ["a"], "image": "busybox", "imageId": null, "command": null, "created": 30,
         "state": "exited", "status": "exited", "ports": [{"ip": "127.0.0.1", "privatePort": 80, "publicPort": 8080,
         "type": "tcp"}], "labels": {"k": "v"}, "networks": ["bridge", "front"]}"""),
        page.getJsonArray("items").getJsonObject(0));
  }

  @Test
  void filtersGoToTheEngine() {
    ContainerList q = ContainerList.parse(params("all", "true", "status", "running,paused", "label", "a=b", "name", "web"));
    assertEquals("1", q.engineRequest().query().get("all"));
    assertEquals(new JsonObject("{\"status\":[\"running\",\"paused\"],\"name\":[\"web\"],\"label\":[\"a=b\"]}"),
        new JsonObject(q.engineRequest().query().get("filters")));
    assertEquals(null, ContainerList.parse(params()).engineRequest().query().get("filters"));
  }

  @Test
  void badParameters() {
    assertThrows(ApiError.class, () -> ContainerList.parse(params("limit", "0")));
    assertThrows(ApiError.class, () -> ContainerList.parse(params("limit", "5000")));
    assertThrows(ApiError.class, () -> ContainerList.parse(params("offset", "-1")));
    assertThrows(ApiError.class, () -> ContainerList.parse(params("sort", "size")));
    assertThrows(ApiError.class, () -> ContainerList.parse(params("status", "sleeping")));
    assertThrows(ApiError.class, () -> ContainerList.parse(params("all", "maybe")));
  }

  @Test
  void stringsNeedingEscapesOrUnicodeSurviveUnchanged() {
    String tricky = "q\"uote \\ back/slash \n\t\u0001 caf\u00e9 \u4e2d \ud83d\ude00 <&>";
    JsonObject item = engineItem("e1", "n\u00e9-" + "x", 5, "running").put("Image", tricky).put("Command", "sh -c \"a\\b\"")
        .put("Labels", new JsonObject().put("k\"ey", tricky).put("plain", "v").put("gone", null))
        .put("Ports", new JsonArray().add(new JsonObject().put("PrivatePort", 53).put("Type", "udp").put("IP", null)))
        .put("Status", null).put("Extra", new JsonObject().put("a", new JsonArray().add("]}\"{[").add(1.5e3).add(true)));
    JsonObject got = page(ContainerList.parse(params()), new JsonArray().add(item)).getJsonArray("items").getJsonObject(0);
    assertEquals(tricky, got.getString("image"));
    assertEquals("sh -c \"a\\b\"", got.getString("command"));
    assertEquals("n\u00e9-x", got.getString("name"));
    assertEquals(new JsonObject().put("k\"ey", tricky).put("plain", "v").put("gone", null), got.getJsonObject("labels"));
    assertEquals(new JsonArray().add(new JsonObject().put("ip", null).put("privatePort", 53).put("publicPort", null)
        .put("type", "udp")), got.getJsonArray("ports"));
    assertEquals(null, got.getString("status"));
    assertEquals(5, got.getLong("created"));
  }

  @Test
  void unreadableEngineListsAreRefused() {
    for (String bad : new String[] {"{}", "[{\"Id\": \"a}]", "[{\"Id\": \"a\"} x", "[{\"Created\": \"soon\"}]",
        "[{\"Names\": [\"/a\\x\"]}]"}) {
      assertThrows(IllegalStateException.class, () -> ContainerList.parse(params()).page(io.vertx.core.buffer.Buffer.buffer(bad)),
          bad);
    }
  }

  @Test
  void readingAsTheBytesArriveGivesTheSamePage() {
    JsonArray engine = new JsonArray();
    for (int i = 0; i < 6; i++) {
      engine.add(engineItem("id" + i, "n\u00e9 \"" + i, 100 - i, "running")
          .put("Labels", new JsonObject().put("k", "v}]\"{" + i).put("nothing", null))
          .put("Ports", new JsonArray().add(new JsonObject().put("PrivatePort", 80).put("IP", null)))
          .put("Extra", new JsonArray().add(true).add(false).add(null).add(-1.5e3)));
    }
    byte[] bytes = (engine.encodePrettily() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    ContainerList query = ContainerList.parse(params("limit", "1000"));
    String whole = query.page(io.vertx.core.buffer.Buffer.buffer(bytes)).toString();
    // every cut, told once, twice, and in growing copies of the array, as the transport does
    for (int cut = 0; cut <= bytes.length; cut++) {
      var reader = query.reader();
      reader.arrived(java.util.Arrays.copyOf(bytes, bytes.length), cut);
      reader.arrived(java.util.Arrays.copyOf(bytes, bytes.length * 2), Math.min(bytes.length, cut + 7));
      assertEquals(whole, query.page(reader.apply(answer(bytes))).toString(), "cut at " + cut);
    }
  }

  @Test
  void aBrokenListFoundWhileArrivingIsStillRefusedAtTheEnd() {
    byte[] bad = "[{\"Id\": \"a\"} x {\"Id\": \"b\"}]".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    var reader = ContainerList.parse(params()).reader();
    reader.arrived(bad, bad.length - 3);
    assertThrows(IllegalStateException.class, () -> reader.apply(answer(bad)));
    byte[] cut = "[{\"Id\": \"a\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    var early = ContainerList.parse(params()).reader();
    early.arrived(cut, cut.length);
    assertThrows(IllegalStateException.class, () -> early.apply(answer(cut)), "the list never ends");
  }

  @Test
  void tiesKeepTheEnginesOrderAndAscendingIsItsReverse() {
    JsonArray engine = new JsonArray().add(engineItem("a", "x", 7, "running")).add(engineItem("f", "y", 7, "running"))
        .add(engineItem("c", "z", 5, "running"));
    JsonArray newest = page(ContainerList.parse(params()), engine).getJsonArray("items");
    assertEquals(java.util.List.of("a", "f", "c"), newest.stream().map(o -> ((JsonObject) o).getString("id")).toList());
    JsonArray oldest = page(ContainerList.parse(params("sort", "created")), engine).getJsonArray("items");
    assertEquals(java.util.List.of("c", "f", "a"), oldest.stream().map(o -> ((JsonObject) o).getString("id")).toList());
  }

  private static dev.berth.gateway.hosts.EngineResponse answer(byte[] body) {
    return new dev.berth.gateway.hosts.EngineResponse(200, java.util.Map.of(), io.vertx.core.buffer.Buffer.buffer(body));
  }
}
