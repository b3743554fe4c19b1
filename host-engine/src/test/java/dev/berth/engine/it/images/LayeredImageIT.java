package dev.berth.engine.it.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.it.Cli;
import dev.berth.engine.it.Engines;
import dev.berth.engine.it.TestEngine;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A two-layer image with whiteouts (a deleted file, a replaced directory), made by dockerd's
 * commit, moves to Berth and back: same ids, history and file tree as seen by a container.
 */
class LayeredImageIT {

  private static final String CHANGES =
      "rm /etc/group && rm -rf /home/berth && mkdir -p /home/berth && echo new > /home/berth/new && echo added > /added";
  private static final String PROBE = "ls /etc/group 2>&1; ls -a /home/berth; cat /added; stat -c '%a %u' /tmp";

  @Test
  void committedLayersWithWhiteoutsRoundTrip() {
    TestEngine dockerd = Engines.dockerd();
    TestEngine berth = Engines.berth();
    String base = ImagesSupport.unique("base");
    ImagesSupport.importBusybox(dockerd, base);
    String container = ImagesSupport.unique("commit");
    Cli.Result run = dockerd.docker("run", "--network", "none", "--name", container, base, "sh", "-c", CHANGES);
    assertTrue(run.ok(), run::toString);
    String name = ImagesSupport.unique("layered") + ":1";
    Cli.Result commit = dockerd.docker("commit", "-m", "two layers", container, name);
    assertTrue(commit.ok(), commit::toString);
    dockerd.docker("rm", "-f", container);
    String expected = dockerd.docker("run", "--rm", "--network", "none", name, "sh", "-c", PROBE).out();
    assertTrue(expected.contains("No such file"), expected);

    Path archive = ImagesSupport.tempFile(".tar");
    assertTrue(dockerd.docker("save", "-o", archive.toString(), name).ok());
    Cli.Result load = berth.docker("load", "-i", archive.toString());
    assertTrue(load.ok(), load::toString);
    String fields = "{{.Id}} {{json .RootFS.Layers}} {{.Comment}} {{json .Config.Cmd}}";
    assertEquals(ImagesSupport.inspect(dockerd, name, fields), ImagesSupport.inspect(berth, name, fields));
    // ids of older entries differ: dockerd names the local parent image it committed from
    String history = "{{.CreatedBy}}|{{.Comment}}";
    assertEquals(dockerd.docker("history", "--no-trunc", "--format", history, name).out(),
        berth.docker("history", "--no-trunc", "--format", history, name).out());
    assertEquals(dockerd.docker("history", "-q", "--no-trunc", name).out().lines().findFirst(),
        berth.docker("history", "-q", "--no-trunc", name).out().lines().findFirst());

    Cli.Result inBerth = berth.docker("run", "--rm", name, "sh", "-c", PROBE);
    assertEquals(expected, inBerth.out(), inBerth::toString);

    // and back: what Berth saves, dockerd loads and runs the same
    Path again = ImagesSupport.tempFile(".tar");
    assertTrue(berth.docker("save", "-o", again.toString(), name).ok());
    assertTrue(dockerd.docker("rmi", name).ok());
    assertTrue(dockerd.docker("load", "-i", again.toString()).ok());
    assertEquals(expected, dockerd.docker("run", "--rm", "--network", "none", name, "sh", "-c", PROBE).out());
  }
}
