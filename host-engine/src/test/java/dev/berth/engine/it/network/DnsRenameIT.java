package dev.berth.engine.it.network;

import static dev.berth.engine.it.robustness.Checks.ok;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.it.Cli;
import dev.berth.engine.it.TestEngine;
import dev.berth.engine.it.TestImages;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** On a user network a running container that is renamed answers to its new name at once, and not to the old one. */
class DnsRenameIT {

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.berth.engine.it.Engines#all")
  void aRenamedContainerResolvesByItsNewName(TestEngine e) {
    String img = TestImages.busybox(e);
    String s = UUID.randomUUID().toString().substring(0, 8);
    String net = "dr-" + s;
    String asker = "ask-" + s;
    String before = "old-" + s;
    String after = "new-" + s;
    ok(e, "network", "create", net);
    try {
      ok(e, "run", "-d", "--name", asker, "--network", net, img, "sleep", "300");
      ok(e, "run", "-d", "--name", before, "--network", net, "--network-alias", "al-" + s, img, "sleep", "300");
      ok(e, "exec", asker, "ping", "-c1", "-W3", before);
      ok(e, "rename", before, after);
      ok(e, "exec", asker, "ping", "-c1", "-W3", after);
      ok(e, "exec", asker, "ping", "-c1", "-W3", "al-" + s);
      Cli.Result old = e.docker("exec", asker, "ping", "-c1", "-W3", before);
      assertFalse(old.ok(), "the old name is gone: " + old);
    } finally {
      e.docker("rm", "-f", asker, before, after);
      e.docker("network", "rm", net);
    }
  }
}
