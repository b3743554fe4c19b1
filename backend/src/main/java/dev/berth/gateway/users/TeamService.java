package dev.berth.gateway.users;

import dev.berth.gateway.http.ApiError;
import dev.berth.gateway.store.Database;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.regex.Pattern;

/** Teams and their members. Membership changes reach authorization at once via the directory. */
public final class TeamService {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}");
  private static final int MAX_DESCRIPTION = 500;

  private final Database database;
  private final UserDirectory directory;

  public TeamService(Database database, UserDirectory directory) {
    this.database = database;
    this.directory = directory;
  }

  public Future<JsonArray> list() {
    return database.withConnection(TeamStore::all);
  }

  public Future<JsonObject> get(long id) {
    return database.withConnection(c -> TeamStore.byId(c, id));
  }

  public Future<JsonObject> create(String name, String description) {
    validate(name, description);
    return database.withTransaction(c -> TeamStore.byId(c, TeamStore.insert(c, name, description == null ? "" : description)));
  }

  public Future<JsonObject> update(long id, String name, String description) {
    if (name != null || description != null) {
      validate(name, description);
    }
    return database.withTransaction(c -> {
      JsonObject team = TeamStore.byId(c, id);
      TeamStore.update(c, id, name != null ? name : team.getString("name"),
          description != null ? description : team.getString("description"));
      return TeamStore.byId(c, id);
    });
  }

  public Future<Void> delete(long id) {
    return database.<Void>withTransaction(c -> {
      TeamStore.delete(c, id);
      return null;
    }).onSuccess(v -> directory.invalidateAll());
  }

  /** Adds the user to the team; true when newly added. */
  public Future<Boolean> addMember(long teamId, long userId) {
    return database.withTransaction(c -> {
      TeamStore.byId(c, teamId);
      UserStore.byId(c, userId);
      return TeamStore.addMember(c, teamId, userId);
    }).onSuccess(v -> directory.invalidate(userId));
  }

  public Future<Void> removeMember(long teamId, long userId) {
    return database.<Void>withTransaction(c -> {
      TeamStore.byId(c, teamId);
      TeamStore.removeMember(c, teamId, userId);
      return null;
    }).onSuccess(v -> directory.invalidate(userId));
  }

  private static void validate(String name, String description) {
    if (name != null && !NAME.matcher(name).matches()) {
      throw ApiError.badRequest("team name must be 1 to 64 characters: letters, digits, spaces, '.', '_' or '-'");
    }
    if (description != null && description.length() > MAX_DESCRIPTION) {
      throw ApiError.badRequest("description must be at most " + MAX_DESCRIPTION + " characters");
    }
  }
}
