package dev.berth.engine.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.engine.errors.EngineException;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserResolverTest {

  private static final String PASSWD =
      "root:x:0:0:root:/root:/bin/sh\n"
          + "# comment\n"
          + "berth:x:1000:1000:berth:/home/berth:/bin/sh\n"
          + "nobody:x:65534:65534:nobody:/nonexistent:/bin/false\n";
  private static final String GROUP = "root:x:0:\nstaff:x:50:berth,other\nberth:x:1000:\nwheel:x:10:berth\n";

  @Test
  void defaultIsRoot() {
    assertEquals(new UserResolver.User(0, 0, List.of(), "/root"), UserResolver.resolve("", PASSWD, GROUP));
  }

  @Test
  void nameGivesUidGidHomeAndSupplementaryGroups() {
    assertEquals(
        new UserResolver.User(1000, 1000, List.of(50, 10), "/home/berth"), UserResolver.resolve("berth", PASSWD, GROUP));
  }

  @Test
  void numericUidResolvesThroughPasswdOrStandsAlone() {
    assertEquals(1000, UserResolver.resolve("1000", PASSWD, GROUP).gid());
    UserResolver.User unknown = UserResolver.resolve("4321", PASSWD, GROUP);
    assertEquals(4321, unknown.uid());
    assertEquals(0, unknown.gid());
  }

  @Test
  void explicitGroupWinsAndDropsSupplementaryGroups() {
    assertEquals(new UserResolver.User(1000, 50, List.of(), "/home/berth"), UserResolver.resolve("berth:staff", PASSWD, GROUP));
    assertEquals(new UserResolver.User(7, 8, List.of(), "/"), UserResolver.resolve("7:8", PASSWD, GROUP));
  }

  @Test
  void unknownNamesFailLikeDockerd() {
    EngineException e = assertThrows(EngineException.class, () -> UserResolver.resolve("ghost", PASSWD, GROUP));
    assertEquals("unable to find user ghost: no matching entries in passwd file", e.getMessage());
    assertThrows(EngineException.class, () -> UserResolver.resolve("berth:ghosts", PASSWD, GROUP));
  }
}
