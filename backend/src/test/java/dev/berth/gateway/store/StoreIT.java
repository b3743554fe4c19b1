package dev.berth.gateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.gateway.audit.AuditEntry;
import dev.berth.gateway.audit.AuditLog;
import dev.berth.gateway.audit.AuditQuery;
import dev.berth.gateway.auth.ApiKeys;
import dev.berth.gateway.auth.AuthUser;
import dev.berth.gateway.auth.PasswordHasher;
import dev.berth.gateway.auth.RevokedTokens;
import dev.berth.gateway.auth.TokenService;
import dev.berth.gateway.http.ApiError;
import dev.berth.gateway.users.TeamService;
import dev.berth.gateway.users.UserDirectory;
import dev.berth.gateway.users.UserService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The store on both databases: embedded H2, and PostgreSQL (BERTH_TEST_PG_* from
 * scripts/test-services.sh) in a fresh schema per run.
 */
class StoreIT {
  private static Vertx vertx;
  private static Path h2Dir;
  private static String pgSchema;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    h2Dir = Files.createTempDirectory("gw-store-");
    pgSchema = "gw_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(pgUrl(), pgUser(), pgPassword()); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + pgSchema);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    try (Stream<Path> files = Files.walk(h2Dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    try (Connection c = DriverManager.getConnection(pgUrl(), pgUser(), pgPassword()); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + pgSchema + " CASCADE");
    }
  }

  private static String pgUrl() {
    String url = System.getenv("BERTH_TEST_PG_URL");
    if (url == null) {
      throw new IllegalStateException("BERTH_TEST_PG_URL is not set: run eval \"$(bash scripts/test-services.sh)\" first");
    }
    return url;
  }

  private static String pgUser() {
    return System.getenv("BERTH_TEST_PG_USER");
  }

  private static String pgPassword() {
    return System.getenv("BERTH_TEST_PG_PASSWORD");
  }

  static Stream<Arguments> databases() {
    String name = UUID.randomUUID().toString().substring(0, 8);
    return Stream.of(
        Arguments.of("h2", new DatabaseSettings("jdbc:h2:file:" + h2Dir.resolve(name) + ";DB_CLOSE_ON_EXIT=FALSE", "", "", 2)),
        Arguments.of("postgresql", new DatabaseSettings(pgUrl() + "?currentSchema=" + pgSchema,
            pgUser(), pgPassword(), 2)));
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static ApiError apiError(Future<?> future) {
    try {
      await(future);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ApiError error) {
        return error;
      }
      throw new AssertionError("expected an ApiError", e.getCause());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("expected a failure");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void storeWorksTheSameOnBothDatabases(String kind, DatabaseSettings settings) throws Exception {
    try (Database db = Database.open(vertx, settings)) {
      assertEquals(kind.equals("postgresql"), db.isPostgres());
      assertTrue(await(db.ping()));
      UserDirectory directory = new UserDirectory(db);
      UserService users = new UserService(vertx, db, new PasswordHasher(10), directory);
      TeamService teams = new TeamService(db, directory);

      assertTrue(await(users.setupRequired()));
      JsonObject admin = await(users.setup("root", "root password"));
      assertEquals(409, apiError(users.setup("second", "second password")).status());
      assertFalse(await(users.setupRequired()));
      long rootId = admin.getLong("id");

      JsonObject alice = await(users.create("alice", "alice password", AuthUser.USER));
      long aliceId = alice.getLong("id");
      assertEquals("a user named 'alice' already exists", apiError(users.create("alice", "other password", "user")).getMessage());
      assertNotNull(await(users.login("alice", "alice password")));
      assertNull(await(users.login("alice", "wrong password")));
      assertNull(await(users.login("nobody", "wrong password")));

      JsonObject team = await(teams.create("Ops", "operators"));
      long teamId = team.getLong("id");
      assertTrue(await(teams.addMember(teamId, aliceId)));
      assertFalse(await(teams.addMember(teamId, aliceId)));
      assertEquals(java.util.Set.of(teamId), await(directory.findActive(aliceId)).teamIds());

      assertEquals(409, apiError(users.update(rootId, null, null, "user", null)).status(), "last admin");
      await(users.update(aliceId, null, null, null, true));
      assertNull(await(directory.findActive(aliceId)), "disabled users are not active");
      assertNull(await(users.login("alice", "alice password")));

      ApiKeys keys = new ApiKeys(db);
      JsonObject key = await(keys.create(rootId, "ci"));
      assertEquals(rootId, await(keys.authenticate(key.getString("key"))));
      assertEquals(1, await(keys.list(rootId)).size());
      await(keys.delete(rootId, key.getLong("id")));
      assertNull(await(keys.authenticate(key.getString("key"))));

      RevokedTokens revoked = new RevokedTokens(db);
      await(revoked.revoke("jti-1", System.currentTimeMillis() + 60_000));
      await(revoked.revoke("jti-old", System.currentTimeMillis() - 1));
      RevokedTokens reloaded = new RevokedTokens(db);
      await(reloaded.load());
      assertTrue(reloaded.isRevoked("jti-1"), "revocations survive a restart");
      assertFalse(reloaded.isRevoked("jti-old"), "expired revocations are dropped");

      TokenService first = await(TokenService.load(vertx, db, Duration.ofHours(1)));
      TokenService second = await(TokenService.load(vertx, db, Duration.ofHours(1)));
      TokenService.Issued issued = first.issue(new AuthUser(rootId, "root", "admin", java.util.Set.of()));
      assertEquals(rootId, await(second.verify(issued.token())).userId(), "the signing key is kept");

      AuditLog audit = new AuditLog(db);
      long now = System.currentTimeMillis();
      await(audit.record(new AuditEntry(now, rootId, "root", "127.0.0.1", "local", "POST /api/hosts/{id}/containers",
          "web", "201", "image=busybox")));
      await(audit.record(new AuditEntry(now + 1, null, "x".repeat(64), "127.0.0.1", null, "login", null, "failure", null)));
      AuditLog.Page page = await(audit.query(new AuditQuery(null, null, "local", null, null, null, 10, 0)));
      assertEquals(1, page.total());
      assertEquals("image=busybox", page.items().get(0).detail());
      assertEquals(2, await(audit.query(new AuditQuery(null, null, null, null, now, now + 1, 10, 0))).total());
      assertEquals(1, await(audit.query(new AuditQuery(null, "login", null, "failure", null, null, 1, 0))).items().size());

      await(teams.delete(teamId));
      await(users.delete(aliceId));
      assertEquals(404, apiError(users.get(aliceId)).status());
    }
  }
}
