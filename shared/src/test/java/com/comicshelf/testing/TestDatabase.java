package com.comicshelf.testing;

import com.comicshelf.sql.SqlClient;
import com.comicshelf.sql.jdbc.Databases;
import com.comicshelf.sql.jdbc.JdbcSqlClient;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/**
 * A freshly created and migrated database on the real MariaDB the tests run against
 * ({@code COMICSHELF_TEST_MARIADB_URL}, default {@code jdbc:mariadb://127.0.0.1:3306/}, user root),
 * reachable over JDBC or, through {@link TestDataApi}, over the RDS Data API protocol. Each test class
 * names its own database, so modules can run side by side.
 */
public final class TestDatabase {
  static final String SERVER_URL =
      System.getenv().getOrDefault("COMICSHELF_TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/");
  static final String USER = System.getenv().getOrDefault("COMICSHELF_TEST_MARIADB_USER", "root");
  static final String PASSWORD = System.getenv().getOrDefault("COMICSHELF_TEST_MARIADB_PASSWORD", "");
  private static final List<String> TABLES =
      List.of(
          "assets", "uploads", "friend_favorite_counts", "popularity_outbox", "favorites", "friendships", "comics",
          "users", "deletion_requests", "idempotency_keys", "rate_counters");

  private final String name;
  private final String jdbcUrl;
  private final DataSource dataSource;

  private TestDatabase(String name, String jdbcUrl) {
    this.name = name;
    this.jdbcUrl = jdbcUrl;
    this.dataSource = Databases.dataSource(jdbcUrl, USER, PASSWORD);
  }

  /** Drops and re-creates database {@code name}, then applies every migration. */
  public static TestDatabase create(String name) {
    if (!name.matches("[a-z0-9_]+")) {
      throw new IllegalArgumentException("database name: " + name);
    }
    DataSource server = Databases.dataSource(SERVER_URL, USER, PASSWORD);
    try (Connection c = server.getConnection();
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name);
      s.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot reach the test MariaDB at " + SERVER_URL, e);
    }
    TestDatabase db = new TestDatabase(name, SERVER_URL + name);
    Databases.migrate(db.dataSource);
    return db;
  }

  public String jdbcUrl() {
    return jdbcUrl;
  }

  public String user() {
    return USER;
  }

  public String password() {
    return PASSWORD;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public String name() {
    return name;
  }

  public JdbcSqlClient newClient() {
    return new JdbcSqlClient(dataSource);
  }

  /** A client of this database through {@code adapter}. */
  public SqlClient newClient(SqlAdapter adapter) {
    return switch (adapter) {
      case JDBC -> newClient();
      case DATA_API -> TestDataApi.client(name);
    };
  }

  /** Closes what {@link #newClient(SqlAdapter)} opened (the JDBC connection; the shared SDK client stays). */
  public static void close(SqlClient client) {
    if (client instanceof JdbcSqlClient jdbc) {
      jdbc.close();
    }
  }

  /** Empties every table and resets auto-increment counters, so ids in fixtures are predictable. */
  public void truncateAll() {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute("SET FOREIGN_KEY_CHECKS = 0");
      for (String table : TABLES) {
        s.execute("TRUNCATE TABLE " + table);
      }
      s.execute("SET FOREIGN_KEY_CHECKS = 1");
    } catch (SQLException e) {
      throw new IllegalStateException("truncate failed", e);
    }
  }
}
