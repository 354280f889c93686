package com.comicshelf.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The benchmark's own databases on a shared server: marked by a schema comment when created, dropped
 * only when they carry it, and described by a {@code bench_meta} table (parameters of the data they
 * hold, load report) once loaded.
 */
final class BenchDatabase {
  private static final String MARK = "comic-shelf ranking benchmark data";

  private BenchDatabase() {}

  /**
   * The metadata of {@code database}: empty when the database does not exist, an empty map when it
   * is ours but its load never finished.
   */
  static Optional<Map<String, String>> meta(Connection server, String database) throws SQLException {
    try (PreparedStatement ps =
        server.prepareStatement(
            "SELECT SCHEMA_COMMENT, (SELECT COUNT(*) FROM information_schema.TABLES t"
                + " WHERE t.TABLE_SCHEMA = s.SCHEMA_NAME AND t.TABLE_NAME = 'bench_meta')"
                + " FROM information_schema.SCHEMATA s WHERE SCHEMA_NAME = ?")) {
      ps.setString(1, database);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        if (!MARK.equals(rs.getString(1))) {
          throw new IllegalStateException(
              "database " + database + " exists but was not created by the benchmark: refusing to touch it");
        }
        if (rs.getInt(2) == 0) {
          return Optional.of(Map.of());
        }
      }
    }
    Map<String, String> meta = new LinkedHashMap<>();
    try (Statement st = server.createStatement();
        ResultSet rs = st.executeQuery("SELECT k, v FROM `" + database + "`.bench_meta ORDER BY k")) {
      while (rs.next()) {
        meta.put(rs.getString(1), rs.getString(2));
      }
    }
    return Optional.of(meta);
  }

  /** Drops {@code database} if it is one of ours, then creates it empty (Flyway wants it empty). */
  static void recreate(Connection server, String database) throws SQLException {
    Optional<Map<String, String>> existing = meta(server, database);
    try (Statement st = server.createStatement()) {
      if (existing.isPresent()) {
        st.execute("DROP DATABASE `" + database + "`");
      }
      st.execute(
          "CREATE DATABASE `"
              + database
              + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci COMMENT '"
              + MARK
              + "'");
    }
  }

  /** Records the finished load: the data's parameters and report, one key per line. */
  static void writeMeta(Connection server, String database, Map<String, String> meta) throws SQLException {
    try (Statement st = server.createStatement()) {
      st.execute(
          "CREATE TABLE IF NOT EXISTS `"
              + database
              + "`.bench_meta (k VARCHAR(64) NOT NULL PRIMARY KEY, v TEXT NOT NULL)");
    }
    try (PreparedStatement ps =
        server.prepareStatement("REPLACE INTO `" + database + "`.bench_meta (k, v) VALUES (?, ?)")) {
      for (Map.Entry<String, String> e : meta.entrySet()) {
        ps.setString(1, e.getKey());
        ps.setString(2, e.getValue());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }
}
