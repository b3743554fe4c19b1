package dev.berth.engine.streams;

/**
 * One logical log line: the text of a full line (partial pieces joined), its stream and the
 * time of its first piece. {@code newline} is false only for a trailing partial line that the
 * process never finished.
 */
public record LogLine(long timeNano, int stream, byte[] text, boolean newline) {

  /** The bytes the client gets: the text, then a newline unless the line was left partial. */
  public byte[] payload(boolean timestamps) {
    byte[] prefix = timestamps ? (LogTimes.format(timeNano) + " ").getBytes(java.nio.charset.StandardCharsets.US_ASCII) : new byte[0];
    byte[] out = new byte[prefix.length + text.length + (newline ? 1 : 0)];
    System.arraycopy(prefix, 0, out, 0, prefix.length);
    System.arraycopy(text, 0, out, prefix.length, text.length);
    if (newline) {
      out[out.length - 1] = '\n';
    }
    return out;
  }
}
