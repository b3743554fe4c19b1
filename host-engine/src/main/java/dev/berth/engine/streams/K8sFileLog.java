package dev.berth.engine.streams;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Incremental reader of conmon's k8s-file log: lines of
 * {@code <RFC3339Nano> stdout|stderr F|P <text>}, where P marks a piece of a longer line that
 * continues in the next entry of the same stream. Each {@link #read} returns the logical lines
 * completed since the previous call; an unfinished last line waits for its newline (or for
 * {@link #flushPartial} once the process has exited).
 */
public final class K8sFileLog {

  private static final int CHUNK = 256 * 1024;

  private final Path file;
  private long position;
  private final ByteArrayOutputStream lineBuffer = new ByteArrayOutputStream();
  private final Pending[] pending = {null, new Pending(), new Pending()};

  private static final class Pending {
    long timeNano = -1;
    final ByteArrayOutputStream text = new ByteArrayOutputStream();
  }

  public K8sFileLog(Path file) {
    this.file = file;
  }

  /** Reads what was appended since the last call (at most a chunk), as logical lines. */
  public List<LogLine> read() throws IOException {
    List<LogLine> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return out;
    }
    byte[] chunk;
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      long size = raf.length();
      if (size < position) {
        // truncated or rotated: start over
        position = 0;
        lineBuffer.reset();
      }
      int len = (int) Math.min(CHUNK, size - position);
      if (len <= 0) {
        return out;
      }
      chunk = new byte[len];
      raf.seek(position);
      raf.readFully(chunk);
      position += len;
    }
    int start = 0;
    for (int i = 0; i < chunk.length; i++) {
      if (chunk[i] == '\n') {
        lineBuffer.write(chunk, start, i - start);
        parseLine(lineBuffer.toByteArray(), out);
        lineBuffer.reset();
        start = i + 1;
      }
    }
    lineBuffer.write(chunk, start, chunk.length - start);
    return out;
  }

  /** True when the last read reached the end of the file. */
  public boolean atEnd() throws IOException {
    return !Files.exists(file) || Files.size(file) <= position;
  }

  /** The unfinished lines, once no more output can come. */
  public List<LogLine> flushPartial() {
    List<LogLine> out = new ArrayList<>();
    for (int stream = 1; stream <= 2; stream++) {
      Pending p = pending[stream];
      if (p.timeNano >= 0) {
        out.add(new LogLine(p.timeNano, stream, p.text.toByteArray(), false));
        p.timeNano = -1;
        p.text.reset();
      }
    }
    out.sort((a, b) -> Long.compare(a.timeNano(), b.timeNano()));
    return out;
  }

  /** Parses one log line; malformed lines are skipped as dockerd skips undecodable entries. */
  static void parse(byte[] line, Pending[] pending, List<LogLine> out) {
    int s1 = indexOf(line, 0);
    int s2 = s1 < 0 ? -1 : indexOf(line, s1 + 1);
    if (s2 < 0) {
      return;
    }
    int s3 = indexOf(line, s2 + 1);
    int tagEnd = s3 < 0 ? line.length : s3;
    long time = LogTimes.parse(new String(line, 0, s1, StandardCharsets.US_ASCII));
    String streamName = new String(line, s1 + 1, s2 - s1 - 1, StandardCharsets.US_ASCII);
    String tag = new String(line, s2 + 1, tagEnd - s2 - 1, StandardCharsets.US_ASCII);
    int stream = switch (streamName) {
      case "stdout" -> StdFrames.STDOUT;
      case "stderr" -> StdFrames.STDERR;
      default -> -1;
    };
    if (time < 0 || stream < 0) {
      return;
    }
    int textStart = s3 < 0 ? line.length : s3 + 1;
    Pending p = pending[stream];
    if (p.timeNano < 0) {
      p.timeNano = time;
    }
    p.text.write(line, textStart, line.length - textStart);
    if (tag.startsWith("F")) {
      out.add(new LogLine(p.timeNano, stream, p.text.toByteArray(), true));
      p.timeNano = -1;
      p.text.reset();
    }
  }

  private void parseLine(byte[] line, List<LogLine> out) {
    parse(line, pending, out);
  }

  private static int indexOf(byte[] line, int from) {
    for (int i = from; i < line.length; i++) {
      if (line[i] == ' ') {
        return i;
      }
    }
    return -1;
  }
}
