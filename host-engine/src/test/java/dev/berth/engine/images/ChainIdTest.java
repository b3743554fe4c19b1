package dev.berth.engine.images;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.engine.util.Ids;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChainIdTest {

  private static final String A = "sha256:" + "a".repeat(64);
  private static final String B = "sha256:" + "b".repeat(64);
  private static final String C = "sha256:" + "c".repeat(64);

  @Test
  void baseLayerChainIdIsItsDiffId() {
    assertEquals(A, LayerStore.chainId(null, A));
  }

  @Test
  void upperLayersHashParentChainAndDiffId() {
    String ab = LayerStore.chainId(A, B);
    assertEquals(Ids.digest((A + " " + B).getBytes(StandardCharsets.UTF_8)), ab);
    String abc = LayerStore.chainId(ab, C);
    assertEquals(Ids.digest((ab + " " + C).getBytes(StandardCharsets.UTF_8)), abc);
  }

  /** Known value, computed independently (printf '%s %s' A B | sha256sum) per the OCI image spec. */
  @Test
  void matchesTheSpecFormula() {
    assertEquals("sha256:ccd722928bd92476ba1745586fed6e45a102504185ad88cd89e01ff116fd146c", LayerStore.chainId(A, B));
  }
}
