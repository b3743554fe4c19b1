package dev.berth.engine.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class K8sFileLogTest {

  @TempDir Path dir;

  private static String text(LogLine l) {
    return new String(l.text(), StandardCharsets.UTF_8);
  }

  @Test
  void parsesStreamsTimesAndText() throws Exception {
    Path f = dir.resolve("log");
    Files.writeString(
        f,
        "2026-11-27T23:09:45.039428282+00:00 stdout F out 1\n"
            + "2026-11-27T23:09:45.039885685+01:00 stderr F  two  spaces\n"
            + "2026-11-27T23:09:46.000000000+00:00 stdout F \n");
    List<LogLine> lines = new K8sFileLog(f).read();
    assertEquals(3, lines.size());
    assertEquals(StdFrames.STDOUT, lines.get(0).stream());
    assertEquals("out 1", text(lines.get(0)));
    assertEquals(StdFrames.STDERR, lines.get(1).stream());
    assertEquals(" two  spaces", text(lines.get(1)));
    assertEquals("", text(lines.get(2)));
    assertEquals(LogTimes.parse("2026-11-27T23:09:45.039428282Z"), lines.get(0).timeNano());
    assertEquals(
        LogTimes.parse("2026-11-27T22:09:45.039885685Z"), lines.get(1).timeNano(), "offsets are honoured");
  }

  @Test
  void partialPiecesJoinPerStreamWithTheFirstPiecesTime() throws Exception {
    Path f = dir.resolve("log");
    Files.writeString(
        f,
        "2026-01-01T00:00:01.000000000+00:00 stdout P abc\n"
            + "2026-01-01T00:00:02.000000000+00:00 stderr F err\n"
            + "2026-01-01T00:00:03.000000000+00:00 stdout F def\n");
    List<LogLine> lines = new K8sFileLog(f).read();
    assertEquals(2, lines.size());
    assertEquals("err", text(lines.get(0)));
    assertEquals("abcdef", text(lines.get(1)));
    assertEquals(LogTimes.parse("2026-01-01T00:00:01Z"), lines.get(1).timeNano());
    assertTrue(lines.get(1).newline());
  }

  @Test
  void incompleteFileLineWaitsForItsNewline() throws Exception {
    Path f = dir.resolve("log");
    Files.writeString(f, "2026-01-01T00:00:01.000000000+00:00 stdout F one\n2026-01-01T00:00:02.0");
    K8sFileLog log = new K8sFileLog(f);
    assertEquals(1, log.read().size());
    assertTrue(log.atEnd());
    Files.writeString(f, "00000000+00:00 stdout F two\n", StandardOpenOption.APPEND);
    assertFalse(log.atEnd());
    List<LogLine> more = log.read();
    assertEquals(1, more.size());
    assertEquals("two", text(more.get(0)));
  }

  @Test
  void unfinishedPartialLineIsFlushedWithoutNewline() throws Exception {
    Path f = dir.resolve("log");
    Files.writeString(f, "2026-01-01T00:00:01.000000000+00:00 stdout P prompt> \n");
    K8sFileLog log = new K8sFileLog(f);
    assertEquals(0, log.read().size());
    List<LogLine> rest = log.flushPartial();
    assertEquals(1, rest.size());
    assertEquals("prompt> ", text(rest.get(0)));
    assertFalse(rest.get(0).newline());
    assertEquals("prompt> ", new String(rest.get(0).payload(false), StandardCharsets.UTF_8));
  }

  @Test
  void malformedLinesAreSkipped() throws Exception {
    Path f = dir.resolve("log");
    Files.writeString(f, "garbage\nnot-a-time stdout F x\n2026-01-01T00:00:01Z stdout F ok\n");
    List<LogLine> lines = new K8sFileLog(f).read();
    assertEquals(1, lines.size());
    assertEquals("ok", text(lines.get(0)));
  }

  @Test
  void missingFileReadsEmpty() throws Exception {
    K8sFileLog log = new K8sFileLog(dir.resolve("none"));
    assertTrue(log.read().isEmpty());
    assertTrue(log.atEnd());
  }

  @Test
  void timestampsUseDockersFixedNanoFormat() {
    LogLine l = new LogLine(LogTimes.parse("2026-01-01T01:02:03.5+01:00"), 1, "x".getBytes(), true);
    assertEquals("2026-01-01T00:02:03.500000000Z x\n", new String(l.payload(true), StandardCharsets.UTF_8));
  }
}
