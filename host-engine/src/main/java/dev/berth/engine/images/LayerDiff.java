package dev.berth.engine.images;

import dev.berth.engine.archive.TarFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A container's overlay upper dir as a layer tar: overlay whiteouts (0:0 character devices)
 * become ".wh.NAME" files and opaque directories get ".wh..wh..opq", the AUFS form that layer
 * tars use. The etc files the engine bind-mounts leave empty mount points in the upper dir;
 * dockerd keeps those in an init layer that commit skips, so they are skipped here too.
 */
final class LayerDiff {

  private static final Set<String> MOUNT_POINTS = Set.of("etc/hostname", "etc/hosts", "etc/resolv.conf");

  private final TarFiles tar;

  private LayerDiff(OutputStream out) {
    this.tar = new TarFiles(out);
  }

  static void write(Path upper, OutputStream out) throws IOException {
    LayerDiff d = new LayerDiff(out);
    if (Files.isDirectory(upper)) {
      d.children(upper, "");
    }
    d.tar.finish();
  }

  private void children(Path dir, String prefix) throws IOException {
    List<Path> entries = new ArrayList<>();
    try (var s = Files.list(dir)) {
      s.forEach(entries::add);
    }
    entries.sort(null);
    for (Path p : entries) {
      add(p, prefix + p.getFileName());
    }
  }

  private void add(Path p, String name) throws IOException {
    Map<String, Object> a = TarFiles.attributes(p);
    int type = TarFiles.type(a);
    if (type == TarFiles.CHAR_DEVICE && ((Number) a.get("rdev")).longValue() == 0) {
      int slash = name.lastIndexOf('/');
      tar.marker(name.substring(0, slash + 1) + TarUnpacker.WHITEOUT + name.substring(slash + 1), a);
      return;
    }
    if (type == TarFiles.REGULAR && MOUNT_POINTS.contains(name) && (Long) a.get("size") == 0) {
      return;
    }
    tar.add(p, name, a);
    if (type == TarFiles.DIR) {
      if ("y".equals(Posix.lgetxattr(p, "trusted.overlay.opaque"))) {
        tar.marker(name + "/" + TarUnpacker.OPAQUE, a);
      }
      children(p, name + "/");
    }
  }
}
