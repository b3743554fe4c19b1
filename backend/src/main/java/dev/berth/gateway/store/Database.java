package dev.berth.gateway.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.berth.gateway.http.ApiError;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The gateway's store: H2 embedded (file under the data dir) or PostgreSQL, migrated by Flyway.
 * All JDBC runs on a dedicated worker pool sized like the connection pool, so event loops never
 * block and engine calls never wait behind database work.
 */
public final class Database implements AutoCloseable {
  /** A unit of JDBC work; may throw SQLException or {@link ApiError}. */
  @FunctionalInterface
  public interface SqlWork<T> {
    T apply(Connection connection) throws SQLException;
  }

  private static final String UNIQUE_VIOLATION = "23505";

  private final HikariDataSource dataSource;
  private final WorkerExecutor workers;
  private final boolean postgres;

  private Database(HikariDataSource dataSource, WorkerExecutor workers, boolean postgres) {
    this.dataSource = dataSource;
    this.workers = workers;
    this.postgres = postgres;
  }

  /** Opens the pool and runs the migrations. Blocking: call at start, off the event loop. */
  public static Database open(Vertx vertx, DatabaseSettings settings) {
    HikariConfig hikari = new HikariConfig();
    hikari.setJdbcUrl(settings.jdbcUrl());
    if (settings.user() != null && !settings.user().isEmpty()) {
      hikari.setUsername(settings.user());
    }
    if (settings.password() != null && !settings.password().isEmpty()) {
      hikari.setPassword(settings.password());
    }
    hikari.setMaximumPoolSize(settings.maxPoolSize());
    hikari.setMinimumIdle(1);
    hikari.setPoolName("berth-db");
    hikari.setConnectionTimeout(10_000);
    HikariDataSource dataSource = new HikariDataSource(hikari);
    try {
      migrate(dataSource);
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
    boolean postgres = settings.jdbcUrl().startsWith("jdbc:postgresql:");
    WorkerExecutor workers = vertx.createSharedWorkerExecutor("berth-db", settings.maxPoolSize());
    return new Database(dataSource, workers, postgres);
  }

  private static void migrate(DataSource dataSource) {
    Flyway.configure(Database.class.getClassLoader())
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .load()
        .migrate();
  }

  public boolean isPostgres() {
    return postgres;
  }

  /** Runs work with a connection in auto-commit mode, on a database worker. */
  public <T> Future<T> withConnection(SqlWork<T> work) {
    return workers.executeBlocking(() -> {
      try (Connection connection = dataSource.getConnection()) {
        return work.apply(connection);
      } catch (SQLException e) {
        throw translate(e);
      }
    }, false);
  }

  /** Runs work in one transaction: committed when it returns, rolled back when it throws. */
  public <T> Future<T> withTransaction(SqlWork<T> work) {
    return workers.executeBlocking(() -> {
      try (Connection connection = dataSource.getConnection()) {
        connection.setAutoCommit(false);
        try {
          T result = work.apply(connection);
          connection.commit();
          return result;
        } catch (SQLException | RuntimeException e) {
          connection.rollback();
          throw e;
        } finally {
          connection.setAutoCommit(true);
        }
      } catch (SQLException e) {
        throw translate(e);
      }
    }, false);
  }

  /** True when a connection can be taken and answers a trivial query within a second. */
  public Future<Boolean> ping() {
    return withConnection(connection -> connection.isValid(1));
  }

  private static RuntimeException translate(SQLException e) {
    if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
      return ApiError.conflict("a record with the same unique name already exists");
    }
    return new IllegalStateException("database error: " + e.getMessage(), e);
  }

  @Override
  public void close() {
    workers.close();
    dataSource.close();
  }
}
