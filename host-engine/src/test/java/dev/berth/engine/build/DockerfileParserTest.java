package dev.berth.engine.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerfileParserTest {

  @Test
  void continuationsCommentsFlagsAndTheJsonForm() {
    List<Instruction> in = DockerfileParser.parse("""
        # a comment
        FROM busybox AS b
        RUN echo a \\
        # skipped inside a continuation
            && echo b
        COPY --from=b --chown=1:2 /x /y
        CMD ["sh", "-c"]
        ENTRYPOINT [not json
        """);
    assertEquals(5, in.size());
    assertEquals("RUN echo a     && echo b", in.get(1).original());
    assertEquals(Map.of("from", "b", "chown", "1:2"), in.get(2).flags());
    assertEquals("/x /y", in.get(2).rest());
    assertEquals(List.of("sh", "-c"), in.get(3).json());
    assertNull(in.get(4).json());
  }

  @Test
  void theEscapeDirectiveChangesTheContinuationCharacter() {
    List<Instruction> in = DockerfileParser.parse("# escape=`\nFROM x\nRUN dir c:\\ `\n  /w\n");
    assertEquals("RUN dir c:\\   /w", in.get(1).original());
    assertEquals('`', in.get(1).escape());
  }

  @Test
  void anUnknownInstructionNamesItsLine() {
    BuildException e = assertThrows(BuildException.class, () -> DockerfileParser.parse("FROM x\n\nFOO bar\n"));
    assertEquals("dockerfile parse error line 3: unknown instruction: FOO", e.getMessage());
  }

  @Test
  void wordsExpandVariablesAndDropQuotes() {
    Expander x = new Expander(Map.of("A", "1", "E", ""), '\\');
    assertEquals(List.of("1", "$A", "x 1", "d", "", "alt"), x.words("$A '$A' \"x ${A}\" ${E:-d} ${NOPE} ${A:+alt}"));
    assertEquals("a b\\$", x.word("a\\ b\"\\\\\"\\$"));
    assertThrows(BuildException.class, () -> x.word("${A"));
  }

  @Test
  void dockerIgnoreFollowsMobysRules() {
    DockerIgnore ig = new DockerIgnore("# c\n*.log\n**/tmp\nsecret/\n!secret/keep.txt\n");
    assertTrue(ig.ignores("a.log"));
    assertTrue(!ig.ignores("sub/a.log"));
    assertTrue(ig.ignores("x/y/tmp/z"));
    assertTrue(ig.ignores("secret/k"));
    assertTrue(!ig.ignores("secret/keep.txt"));
  }

  @Test
  void goRenderingsMatchDockerdsHistory() {
    assertEquals("[\"sh\" \"-c\"]", GoFormat.quotedList(List.of("sh", "-c")));
    assertEquals("1m30s", GoFormat.duration(90_000_000_000L));
    assertEquals("500ms", GoFormat.duration(500_000_000L));
    assertEquals("1.5s", GoFormat.duration(1_500_000_000L));
    assertEquals("'\\x00'", GoFormat.quoteRune(0));
    assertEquals("'\\x03'", GoFormat.quoteRune(3));
  }
}
