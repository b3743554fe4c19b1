package dev.berth.gateway.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Frames and lines cut at every possible chunk boundary come out whole and apart. */
class StreamFramesTest {

  private static Buffer frame(int stream, String text) {
    return Buffer.buffer().appendByte((byte) stream).appendBytes(new byte[3]).appendInt(text.length()).appendString(text);
  }

  @Test
  void anySplitOfTheEngineBytesGivesTheSameLines() {
    Buffer all = frame(1, "one\ntw").appendBuffer(frame(2, "err\n")).appendBuffer(frame(1, "o\nthree"));
    for (int cut = 0; cut <= all.length(); cut++) {
      List<String> lines = new ArrayList<>();
      LineSplitter out = new LineSplitter(1024, l -> lines.add("out:" + l));
      LineSplitter err = new LineSplitter(1024, l -> lines.add("err:" + l));
      StreamFrames frames = new StreamFrames((s, data) -> (s == StreamFrames.STDERR ? err : out).feed(data));
      frames.feed(all.getBuffer(0, cut));
      frames.feed(all.getBuffer(cut, all.length()));
      out.flush();
      err.flush();
      assertEquals(List.of("out:one", "err:err", "out:two", "out:three"), lines, "cut at " + cut);
    }
  }

  @Test
  void aLineWithoutEndIsHandedOnInPieces() {
    List<String> lines = new ArrayList<>();
    LineSplitter splitter = new LineSplitter(4, lines::add);
    splitter.feed(Buffer.buffer("abcdefgh\r\n"));
    assertEquals(List.of("abcdefgh"), lines);
    splitter.feed(Buffer.buffer("ab"));
    splitter.feed(Buffer.buffer("cdef"));
    assertEquals(List.of("abcdefgh", "abcdef"), lines);
  }
}
