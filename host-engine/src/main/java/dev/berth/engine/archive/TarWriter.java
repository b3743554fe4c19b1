package dev.berth.engine.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a container path as a tar (GET /archive): the top entry takes the name the client
 * asked for, and directories are walked through the container's view (so volumes mounted below
 * are included). The entries themselves are {@link TarFiles}'.
 */
final class TarWriter {

  private final ContainerFs fs;
  private final TarFiles tar;

  private TarWriter(ContainerFs fs, OutputStream out) {
    this.fs = fs;
    this.tar = new TarFiles(out);
  }

  static void write(ContainerFs fs, String containerPath, String entryName, OutputStream out) throws IOException {
    TarWriter w = new TarWriter(fs, out);
    w.add(containerPath, entryName);
    w.tar.finish();
  }

  private void add(String containerPath, String name) throws IOException {
    Path host = fs.host(containerPath);
    Map<String, Object> a = TarFiles.attributes(host);
    tar.add(host, name, a);
    if (TarFiles.type(a) == TarFiles.DIR) {
      List<String> children = new ArrayList<>();
      try (var s = Files.list(host)) {
        s.forEach(p -> children.add(p.getFileName().toString()));
      }
      children.sort(null);
      String base = containerPath.equals("/") ? "" : containerPath;
      for (String child : children) {
        add(base + "/" + child, name + "/" + child);
      }
    }
  }
}
