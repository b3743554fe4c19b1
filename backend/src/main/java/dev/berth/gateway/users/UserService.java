package dev.berth.gateway.users;

import dev.berth.gateway.auth.AuthUser;
import dev.berth.gateway.auth.PasswordHasher;
import dev.berth.gateway.http.ApiError;
import dev.berth.gateway.store.Database;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Accounts: first-run setup, login checks and admin CRUD. Keeps the rule that at least one
 * enabled admin remains, and invalidates the {@link UserDirectory} on every change.
 */
public final class UserService {
  private static final Logger LOG = Logger.getLogger(UserService.class.getName());
  private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  private static final String SETUP_MARK = "setup.completedAt";

  private final Vertx vertx;
  private final Database database;
  private final PasswordHasher hasher;
  private final UserDirectory directory;
  private volatile boolean setupDone;

  public UserService(Vertx vertx, Database database, PasswordHasher hasher, UserDirectory directory) {
    this.vertx = vertx;
    this.database = database;
    this.hasher = hasher;
    this.directory = directory;
  }

  /** True until the first user exists. */
  public Future<Boolean> setupRequired() {
    if (setupDone) {
      return Future.succeededFuture(false);
    }
    return database.withConnection(UserStore::count).map(count -> {
      setupDone = count > 0;
      return !setupDone;
    });
  }

  /** Creates the first admin; 409 once any user exists (also when two setups race). */
  public Future<JsonObject> setup(String username, String password) {
    validateUsername(username);
    hasher.validate(password);
    return vertx.executeBlocking(() -> hasher.hash(password), false).compose(hash -> database.withTransaction(c -> {
      if (UserStore.count(c) > 0) {
        throw ApiError.conflict("setup is already done: log in, or ask an admin for an account");
      }
      // The settings row's primary key makes a concurrent second setup fail instead of adding a second admin.
      try (PreparedStatement mark = c.prepareStatement("INSERT INTO settings (setting_name, setting_value) VALUES (?, ?)")) {
        mark.setString(1, SETUP_MARK);
        mark.setString(2, String.valueOf(System.currentTimeMillis()));
        mark.executeUpdate();
      } catch (SQLException e) {
        throw ApiError.conflict("setup is already done: log in, or ask an admin for an account");
      }
      long id = UserStore.insert(c, username, hash, AuthUser.ADMIN);
      return UserStore.toJson(c, UserStore.byId(c, id));
    })).onSuccess(user -> setupDone = true);
  }

  /** For scripted installs: creates admin "admin" with the file's password while no user exists. */
  public Future<Void> seedAdminFromFile(Path file) {
    if (file == null) {
      return Future.succeededFuture();
    }
    return setupRequired().compose(required -> {
      if (!required) {
        LOG.info("--admin-password-file ignored: users already exist");
        return Future.succeededFuture();
      }
      return vertx.executeBlocking(() -> Files.readString(file).strip(), false)
          .compose(password -> setup("admin", password))
          .recover(e -> Future.failedFuture(new IllegalArgumentException(
              "admin password file " + file + ": " + e.getMessage())))
          .onSuccess(user -> LOG.info("created admin user 'admin' from the admin password file"))
          .mapEmpty();
    });
  }

  /** The active user for these credentials, or null. Takes the same time for unknown users. */
  public Future<AuthUser> login(String username, String password) {
    return database.withConnection(c -> UserStore.byUsername(c, username))
        .compose(row -> vertx.executeBlocking(() -> {
          boolean ok = hasher.matches(password, row == null ? null : row.passwordHash());
          return ok && !row.disabled() ? row.id() : null;
        }, false))
        .compose(id -> id == null ? Future.succeededFuture(null)
            : database.withConnection(c -> UserDirectory.load(c, id)));
  }

  public Future<JsonArray> list() {
    return database.withConnection(c -> {
      JsonArray users = new JsonArray();
      for (UserStore.UserRow row : UserStore.all(c)) {
        users.add(UserStore.toJson(c, row));
      }
      return users;
    });
  }

  public Future<JsonObject> get(long id) {
    return database.withConnection(c -> UserStore.toJson(c, UserStore.byId(c, id)));
  }

  public Future<JsonObject> create(String username, String password, String globalRole) {
    validateUsername(username);
    validateRole(globalRole);
    hasher.validate(password);
    return vertx.executeBlocking(() -> hasher.hash(password), false)
        .compose(hash -> database.withTransaction(c -> {
          long id = UserStore.insert(c, username, hash, globalRole);
          return UserStore.toJson(c, UserStore.byId(c, id));
        }))
        .onSuccess(user -> setupDone = true);
  }

  /**
   * Applies the non-null changes; 409 when no enabled admin would remain. A new password ends
   * the user's login sessions (API keys stay valid).
   */
  public Future<JsonObject> update(long id, String username, String password, String globalRole, Boolean disabled) {
    if (username != null) {
      validateUsername(username);
    }
    if (globalRole != null) {
      validateRole(globalRole);
    }
    if (password != null) {
      hasher.validate(password);
    }
    Future<String> hash = password == null ? Future.succeededFuture(null)
        : vertx.executeBlocking(() -> hasher.hash(password), false);
    return hash.compose(newHash -> database.withTransaction(c -> {
      UserStore.UserRow row = UserStore.byId(c, id);
      if (username != null && !username.equals(row.username()) && UserStore.byUsername(c, username) != null) {
        throw ApiError.conflict("a user named '" + username + "' already exists");
      }
      UserStore.update(c, new UserStore.UserRow(id,
          username != null ? username : row.username(),
          newHash != null ? newHash : row.passwordHash(),
          globalRole != null ? globalRole : row.globalRole(),
          disabled != null ? disabled : row.disabled(),
          row.createdAt()));
      if (newHash != null) {
        UserStore.refuseEarlierTokens(c, id);
      }
      requireAnAdmin(c);
      return UserStore.toJson(c, UserStore.byId(c, id));
    })).onComplete(done -> directory.invalidate(id));
  }

  /** Deletes a user with their keys and memberships; 409 when no enabled admin would remain. */
  public Future<Void> delete(long id) {
    return database.<Void>withTransaction(c -> {
      UserStore.byId(c, id);
      UserStore.delete(c, id);
      requireAnAdmin(c);
      return null;
    }).onComplete(done -> directory.invalidate(id));
  }

  private static void requireAnAdmin(Connection c) throws SQLException {
    if (UserStore.countEnabledAdmins(c) == 0) {
      throw ApiError.conflict("at least one enabled admin must remain");
    }
  }

  private static void validateUsername(String username) {
    if (username == null || !USERNAME.matcher(username).matches()) {
      throw ApiError.badRequest("username must be 1 to 64 characters: lowercase letters, digits, '.', '_' or '-',"
          + " starting with a letter or digit");
    }
  }

  private static void validateRole(String role) {
    if (!AuthUser.ADMIN.equals(role) && !AuthUser.USER.equals(role)) {
      throw ApiError.badRequest("globalRole must be 'admin' or 'user'");
    }
  }
}
