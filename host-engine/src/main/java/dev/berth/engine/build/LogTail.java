package dev.berth.engine.build;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Follows a RUN container's conmon log (k8s-file lines "&lt;time&gt; stdout|stderr F|P &lt;text&gt;")
 * and hands each piece of output on as it is written.
 */
final class LogTail {

  interface Output {
    void write(boolean stderr, String text);
  }

  private final Path file;
  private final Output out;
  private long offset;
  private byte[] partial = new byte[0];

  LogTail(Path file, Output out) {
    this.file = file;
    this.out = out;
  }

  /** Reads the complete lines written since the last call. */
  void poll() throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    byte[] fresh;
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
      long len = f.length();
      if (len <= offset) {
        return;
      }
      fresh = new byte[(int) Math.min(len - offset, 1 << 20)];
      f.seek(offset);
      f.readFully(fresh);
      offset += fresh.length;
    }
    byte[] all = new byte[partial.length + fresh.length];
    System.arraycopy(partial, 0, all, 0, partial.length);
    System.arraycopy(fresh, 0, all, partial.length, fresh.length);
    int start = 0;
    for (int i = 0; i < all.length; i++) {
      if (all[i] == '\n') {
        line(new String(all, start, i - start, StandardCharsets.UTF_8));
        start = i + 1;
      }
    }
    partial = java.util.Arrays.copyOfRange(all, start, all.length);
  }

  private void line(String line) {
    String[] f = line.split(" ", 4);
    if (f.length < 3) {
      return;
    }
    String text = f.length == 4 ? f[3] : "";
    out.write(f[1].equals("stderr"), f[2].equals("P") ? text : text + "\n");
  }
}
