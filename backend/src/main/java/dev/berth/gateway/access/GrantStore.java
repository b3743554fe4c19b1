package dev.berth.gateway.access;

import dev.berth.gateway.http.ApiError;
import dev.berth.gateway.store.Database;
import io.vertx.core.Future;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Grants in the store: host_user_grants and host_team_grants, each row deleted with its
 * host, user or team (foreign keys with ON DELETE CASCADE).
 * The roles of a caller on a host are checked on every host request: they are cached for
 * CACHE_MILLIS, and every change of grants through this store clears the cache at once.
 * Changes made by cascades need no clearing: a deleted user or team changes the caller
 * (UserDirectory is invalidated, and the team ids are part of the key), and a deleted host
 * answers 404 before its roles are looked at; only a host deleted and added again under the
 * same id could see its old grants, for at most CACHE_MILLIS.
 */
public final class GrantStore {

  private static final long CACHE_MILLIS = 1_000;
  private static final int CACHE_MAX = 10_000;

  private record CachedRoles(List<Role> roles, long loadedAt) {
  }

  private final Database database;
  private final Map<String, CachedRoles> rolesCache = new ConcurrentHashMap<>();
  /** When grants last changed (epoch ms): a load that started before that is not cached. */
  private volatile long replacedAt;

  public GrantStore(Database database) {
    this.database = database;
  }

  /** The roles granted on one host to a user directly and to the given teams. */
  public Future<List<Role>> rolesOn(String hostId, long userId, Set<Long> teamIds) {
    String key = hostId + "\n" + userId + "\n" + new TreeSet<>(teamIds);
    CachedRoles cached = rolesCache.get(key);
    long now = System.currentTimeMillis();
    if (cached != null && now - cached.loadedAt() < CACHE_MILLIS) {
      return Future.succeededFuture(cached.roles());
    }
    return loadRolesOn(hostId, userId, teamIds).map(roles -> {
      if (now > replacedAt) {
        if (rolesCache.size() >= CACHE_MAX) {
          rolesCache.clear();
        }
        rolesCache.put(key, new CachedRoles(List.copyOf(roles), now));
      }
      return roles;
    });
  }

  private Future<List<Role>> loadRolesOn(String hostId, long userId, Set<Long> teamIds) {
    return database.withConnection(c -> {
      List<Role> roles = new ArrayList<>();
      try (PreparedStatement q = c.prepareStatement(
          "SELECT role FROM host_user_grants WHERE host_id = ? AND user_id = ?")) {
        q.setString(1, hostId);
        q.setLong(2, userId);
        readRoles(q, roles);
      }
      if (!teamIds.isEmpty()) {
        try (PreparedStatement q = c.prepareStatement(
            "SELECT role FROM host_team_grants WHERE host_id = ? AND team_id IN (" + marks(teamIds.size()) + ")")) {
          q.setString(1, hostId);
          bindIds(q, 2, teamIds);
          readRoles(q, roles);
        }
      }
      return roles;
    });
  }

  /** Every host the user has a grant on, with the roles granted there. */
  public Future<Map<String, List<Role>>> rolesByHost(long userId, Set<Long> teamIds) {
    return database.withConnection(c -> {
      Map<String, List<Role>> byHost = new HashMap<>();
      try (PreparedStatement q = c.prepareStatement("SELECT host_id, role FROM host_user_grants WHERE user_id = ?")) {
        q.setLong(1, userId);
        readHostRoles(q, byHost);
      }
      if (!teamIds.isEmpty()) {
        try (PreparedStatement q = c.prepareStatement(
            "SELECT host_id, role FROM host_team_grants WHERE team_id IN (" + marks(teamIds.size()) + ")")) {
          bindIds(q, 1, teamIds);
          readHostRoles(q, byHost);
        }
      }
      return byHost;
    });
  }

  public Future<List<Grant>> grants(String hostId) {
    return database.withConnection(c -> {
      List<Grant> out = new ArrayList<>();
      readGrants(c, "SELECT user_id, role FROM host_user_grants WHERE host_id = ? ORDER BY user_id",
          hostId, Grant.SubjectKind.USER, out);
      readGrants(c, "SELECT team_id, role FROM host_team_grants WHERE host_id = ? ORDER BY team_id",
          hostId, Grant.SubjectKind.TEAM, out);
      return out;
    });
  }

  /** Replaces all grants of a host in one transaction; unknown users or teams are a 400. */
  public Future<Void> replace(String hostId, List<Grant> grants) {
    forgetRoles();
    return database.<Void>withTransaction(c -> {
      requireExisting(c, "users", grants, Grant.SubjectKind.USER);
      requireExisting(c, "teams", grants, Grant.SubjectKind.TEAM);
      for (String table : List.of("host_user_grants", "host_team_grants")) {
        try (PreparedStatement d = c.prepareStatement("DELETE FROM " + table + " WHERE host_id = ?")) {
          d.setString(1, hostId);
          d.executeUpdate();
        }
      }
      try (PreparedStatement users = c.prepareStatement(
          "INSERT INTO host_user_grants (host_id, user_id, role) VALUES (?, ?, ?)");
           PreparedStatement teams = c.prepareStatement(
               "INSERT INTO host_team_grants (host_id, team_id, role) VALUES (?, ?, ?)")) {
        for (Grant g : grants) {
          PreparedStatement insert = g.kind() == Grant.SubjectKind.USER ? users : teams;
          insert.setString(1, hostId);
          insert.setLong(2, g.subjectId());
          insert.setString(3, g.role().key());
          insert.executeUpdate();
        }
      }
      return null;
    }).onComplete(done -> forgetRoles());
  }

  /** A removed host's grants went with it: cached roles on it must not outlive them. */
  public void hostRemoved(String hostId) {
    forgetRoles();
  }

  private void forgetRoles() {
    replacedAt = System.currentTimeMillis();
    rolesCache.clear();
  }

  private static void requireExisting(Connection c, String table, List<Grant> grants, Grant.SubjectKind kind)
      throws SQLException {
    Set<Long> ids = grants.stream().filter(g -> g.kind() == kind).map(Grant::subjectId).collect(Collectors.toSet());
    if (ids.isEmpty()) {
      return;
    }
    Set<Long> found = new HashSet<>();
    try (PreparedStatement q = c.prepareStatement("SELECT id FROM " + table + " WHERE id IN (" + marks(ids.size()) + ")")) {
      bindIds(q, 1, ids);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          found.add(rs.getLong(1));
        }
      }
    }
    for (Long id : ids) {
      if (!found.contains(id)) {
        throw ApiError.badRequest("no such " + (kind == Grant.SubjectKind.USER ? "user" : "team") + ": " + id);
      }
    }
  }

  private static void readGrants(Connection c, String sql, String hostId, Grant.SubjectKind kind, List<Grant> out)
      throws SQLException {
    try (PreparedStatement q = c.prepareStatement(sql)) {
      q.setString(1, hostId);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          long id = rs.getLong(1);
          Role.parse(rs.getString(2)).ifPresent(r -> out.add(new Grant(kind, id, r)));
        }
      }
    }
  }

  private static void readRoles(PreparedStatement q, List<Role> roles) throws SQLException {
    try (ResultSet rs = q.executeQuery()) {
      while (rs.next()) {
        Role.parse(rs.getString(1)).ifPresent(roles::add);
      }
    }
  }

  private static void readHostRoles(PreparedStatement q, Map<String, List<Role>> byHost) throws SQLException {
    try (ResultSet rs = q.executeQuery()) {
      while (rs.next()) {
        String host = rs.getString(1);
        Role.parse(rs.getString(2)).ifPresent(r -> byHost.computeIfAbsent(host, h -> new ArrayList<>()).add(r));
      }
    }
  }

  private static String marks(int n) {
    return String.join(", ", Collections.nCopies(n, "?"));
  }

  private static void bindIds(PreparedStatement q, int first, Set<Long> ids) throws SQLException {
    int i = first;
    for (Long id : ids) {
      q.setLong(i++, id);
    }
  }
}
