package dev.berth.gateway.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RoleResolverTest {

  @Test
  void highestGrantWins() {
    assertEquals(Optional.of(Role.OPERATOR), RoleResolver.effective(false, List.of(Role.VIEWER, Role.OPERATOR)));
    assertEquals(Optional.of(Role.ADMIN), RoleResolver.effective(false, List.of(Role.ADMIN, Role.VIEWER)));
    assertEquals(Optional.of(Role.VIEWER), RoleResolver.effective(false, List.of(Role.VIEWER)));
  }

  @Test
  void noGrantMeansNoRole() {
    assertEquals(Optional.empty(), RoleResolver.effective(false, List.of()));
  }

  @Test
  void globalAdminIsAdminEverywhere() {
    assertEquals(Optional.of(Role.ADMIN), RoleResolver.effective(true, List.of()));
    assertEquals(Optional.of(Role.ADMIN), RoleResolver.effective(true, List.of(Role.VIEWER)));
  }

  @Test
  void rolesAreOrdered() {
    assertTrue(Role.ADMIN.atLeast(Role.OPERATOR));
    assertTrue(Role.OPERATOR.atLeast(Role.OPERATOR));
    assertFalse(Role.VIEWER.atLeast(Role.OPERATOR));
    assertEquals(Optional.of(Role.OPERATOR), Role.parse("operator"));
    assertEquals(Optional.empty(), Role.parse("Operator"));
  }

  @Test
  void grantsParseStrictly() {
    Grant g = Grant.fromJson(new JsonObject().put("subject", "team:7").put("role", "viewer"));
    assertEquals(Grant.SubjectKind.TEAM, g.kind());
    assertEquals(7, g.subjectId());
    assertEquals("team:7", g.toJson().getString("subject"));
    for (String bad : new String[] {"user", "user:", "user:0", "user:-1", "group:1", "user:1x", "USER:1"}) {
      assertThrows(IllegalArgumentException.class,
          () -> Grant.fromJson(new JsonObject().put("subject", bad).put("role", "viewer")), bad);
    }
    assertThrows(IllegalArgumentException.class,
        () -> Grant.fromJson(new JsonObject().put("subject", "user:1").put("role", "owner")));
    assertThrows(IllegalArgumentException.class, () -> Grant.fromJson(new JsonObject().put("subject", "user:1")));
  }
}
