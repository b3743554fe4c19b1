package dev.berth.engine.streams;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import dev.berth.engine.util.Ids;

/**
 * Unix socket paths must fit in sun_path (108 bytes). A longer one is reached through a
 * symlink to its directory under /tmp, as conmon itself does with --socket-dir-path.
 */
final class SocketPaths {

  private static final int MAX = 107;
  private static final Path LINKS = Path.of("/tmp/berth-sockets");

  private SocketPaths() {}

  static Path shortened(Path socket) throws IOException {
    Path abs = socket.toAbsolutePath();
    if (abs.toString().getBytes(StandardCharsets.UTF_8).length <= MAX) {
      return abs;
    }
    Files.createDirectories(LINKS);
    byte[] hash = Ids.sha256().digest(abs.getParent().toString().getBytes(StandardCharsets.UTF_8));
    Path link = LINKS.resolve(HexFormat.of().formatHex(hash, 0, 8));
    if (!Files.isSymbolicLink(link)) {
      try {
        Files.createSymbolicLink(link, abs.getParent());
      } catch (java.nio.file.FileAlreadyExistsException e) {
        // another session made it
      }
    }
    return link.resolve(abs.getFileName());
  }
}
