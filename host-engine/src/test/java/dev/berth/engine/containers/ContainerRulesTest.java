package dev.berth.engine.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.errors.EngineException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Docker's rules for names, command merging, env, capabilities and signals. */
class ContainerRulesTest {

  @Test
  void namesFollowDockersPattern() {
    assertEquals("web", Names.validate("web"));
    assertEquals("web-1.a_b", Names.validate("/web-1.a_b"));
    for (String bad : List.of("a", "-x", "_x", "b@d", "a b", "/", "", "x/y")) {
      EngineException e = assertThrows(EngineException.class, () -> Names.validate(bad), bad);
      assertEquals(400, e.kind().status);
      assertTrue(e.getMessage().startsWith("Invalid container name (" + bad + ")"));
    }
    assertTrue(Names.generate(0).matches("[a-z]+_[a-z]+"));
  }

  @Test
  void imageCmdIsUsedOnlyWithoutUserEntrypointOrCmd() {
    JsonObject image = new JsonObject().put("Cmd", new JsonArray().add("sh")).put("Entrypoint", new JsonArray().add("/init"));
    JsonObject none = ConfigMerge.merge(new JsonObject(), image);
    assertEquals(List.of("/init", "sh"), ConfigMerge.command(none));

    JsonObject cmdOnly = ConfigMerge.merge(new JsonObject().put("Cmd", new JsonArray().add("echo").add("hi")), image);
    assertEquals(List.of("/init", "echo", "hi"), ConfigMerge.command(cmdOnly));

    JsonObject entry = ConfigMerge.merge(new JsonObject().put("Entrypoint", new JsonArray().add("top")), image);
    assertEquals(List.of("top"), ConfigMerge.command(entry), "a user entrypoint drops the image's Cmd");

    JsonObject reset =
        ConfigMerge.merge(
            new JsonObject().put("Entrypoint", new JsonArray().add("")).put("Cmd", new JsonArray().add("ls")), image);
    assertEquals(List.of("ls"), ConfigMerge.command(reset), "--entrypoint \"\" resets the image's entrypoint");

    EngineException e =
        assertThrows(EngineException.class, () -> ConfigMerge.command(ConfigMerge.merge(new JsonObject(), new JsonObject())));
    assertEquals("No command specified", e.getMessage());
  }

  @Test
  void envMergesImageKeysAfterUserKeys() {
    JsonArray env =
        ConfigMerge.mergeEnv(List.of("A=user", "C=3"), List.of("PATH=/bin", "A=image"));
    assertEquals(new JsonArray().add("A=user").add("C=3").add("PATH=/bin"), env);
    assertNull(ConfigMerge.mergeEnv(List.of(), List.of()));

    List<String> process = ConfigMerge.processEnv(List.of("PATH=/x", "FOO=1"), "abc", true);
    assertEquals(List.of("PATH=/x", "HOSTNAME=abc", "TERM=xterm", "FOO=1"), process);
    assertEquals(
        List.of("PATH=" + ConfigMerge.DEFAULT_PATH, "HOSTNAME=h"), ConfigMerge.processEnv(List.of(), "h", false));
  }

  @Test
  void labelsAndWorkdirAndStopSignalComeFromTheImageWhenUnset() {
    JsonObject image =
        new JsonObject()
            .put("Labels", new JsonObject().put("a", "img").put("b", "img"))
            .put("WorkingDir", "/srv")
            .put("StopSignal", "SIGQUIT")
            .put("User", "berth");
    JsonObject merged = ConfigMerge.merge(new JsonObject().put("Labels", new JsonObject().put("a", "user")), image);
    assertEquals(new JsonObject().put("a", "user").put("b", "img"), merged.getJsonObject("Labels"));
    assertEquals("/srv", merged.getString("WorkingDir"));
    assertEquals("SIGQUIT", merged.getString("StopSignal"));
    assertEquals("berth", merged.getString("User"));
  }

  @Test
  void capabilitiesAcceptBothSpellingsAndAll() {
    assertEquals("CAP_NET_ADMIN", Capabilities.normalize("net_admin"));
    assertEquals("CAP_NET_ADMIN", Capabilities.normalize("CAP_NET_ADMIN"));
    assertThrows(EngineException.class, () -> Capabilities.normalize("FOO"));

    List<String> dflt = Capabilities.effective(false, List.of(), List.of());
    assertEquals(Capabilities.DEFAULTS, dflt);
    List<String> added = Capabilities.effective(false, List.of("NET_ADMIN"), List.of("CHOWN"));
    assertTrue(added.contains("CAP_NET_ADMIN"));
    assertFalse(added.contains("CAP_CHOWN"));
    assertEquals(List.of("CAP_KILL"), Capabilities.effective(false, List.of("kill"), List.of("ALL")));
    assertTrue(Capabilities.effective(false, List.of("ALL"), List.of()).contains("CAP_SYS_ADMIN"));
    assertFalse(Capabilities.effective(false, List.of("ALL"), List.of("SYS_ADMIN")).contains("CAP_SYS_ADMIN"));
  }

  @Test
  void signalsByNameAndNumber() {
    assertEquals(9, Signals.parse("9"));
    assertEquals(9, Signals.parse("KILL"));
    assertEquals(15, Signals.parse("SIGTERM"));
    assertEquals(1, Signals.parse("hup"));
    assertEquals(36, Signals.parse("SIGRTMIN+2"));
    for (String bad : List.of("0", "65", "SIGFOO", "RTMIN+x")) {
      assertThrows(EngineException.class, () -> Signals.parse(bad), bad);
    }
  }

  @Test
  void humanDurationsAsDocker() {
    assertEquals("Less than a second", ContainerViews.humanDuration(500_000_000L));
    assertEquals("1 second", ContainerViews.humanDuration(1_200_000_000L));
    assertEquals("59 seconds", ContainerViews.humanDuration(59_000_000_000L));
    assertEquals("About a minute", ContainerViews.humanDuration(61_000_000_000L));
    assertEquals("5 minutes", ContainerViews.humanDuration(300_000_000_000L));
    assertEquals("About an hour", ContainerViews.humanDuration(3_700_000_000_000L));
  }

  @Test
  void topKeepsOnlyTheContainersProcesses() {
    String ps =
        "UID PID PPID C STIME TTY TIME CMD\n"
            + "root 1 0 0 10:00 ? 00:00:01 /sbin/init splash\n"
            + "root 4242 4200 0 10:01 ? 00:00:00 sleep 100\n";
    JsonObject top = ContainerTop.parse(ps, java.util.Set.of(4242));
    assertEquals(8, top.getJsonArray("Titles").size());
    assertEquals(1, top.getJsonArray("Processes").size());
    assertEquals("sleep 100", top.getJsonArray("Processes").getJsonArray(0).getString(7));
    assertThrows(EngineException.class, () -> ContainerTop.parse("UID CMD\n", java.util.Set.of()));
  }

  @Test
  void bindsAreValidatedLikeDockerd() {
    MountPoints.MountPoint m = MountPoints.parseBind("/host/a:/ctr:ro");
    assertEquals("/host/a", m.source());
    assertFalse(m.rw());
    assertTrue(MountPoints.parseBind("/a:/b").rw());
    assertThrows(EngineException.class, () -> MountPoints.parseBind("/a"));
    assertThrows(EngineException.class, () -> MountPoints.parseBind("/a:rel"));
    assertThrows(EngineException.class, () -> MountPoints.parseBind("/a:/b:bogus"));
    JsonObject missing =
        new JsonObject()
            .put("Mounts", new JsonArray().add(new JsonObject().put("Type", "bind").put("Source", "/nonexistent-berth").put("Target", "/x")));
    EngineException e = assertThrows(EngineException.class, () -> MountPoints.parse(missing));
    assertEquals(
        "invalid mount config for type \"bind\": bind source path does not exist: /nonexistent-berth", e.getMessage());
  }

  @Test
  void resolvConfDropsLoopbackNameservers() {
    assertEquals("nameserver 10.0.0.2\n", EtcFiles.containerResolvConf("nameserver 127.0.0.53\nnameserver 10.0.0.2\n"));
    assertEquals(
        "search x\nnameserver 8.8.8.8\nnameserver 8.8.4.4\n", EtcFiles.containerResolvConf("search x\nnameserver 127.0.0.1\n"));
  }
}
