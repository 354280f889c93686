package com.comicshelf.local.security;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Row count and content checksum of every table, read straight over JDBC: two snapshots differ in a
 * table exactly when a request added, removed or changed a row of it.
 */
record DatabaseState(Map<String, Long> rows, Map<String, Long> checksums) {
  static final List<String> TABLES =
      List.of(
          "users", "comics", "favorites", "friendships", "friend_favorite_counts", "uploads", "assets",
          "deletion_requests");

  static DatabaseState of(Connection connection) {
    Map<String, Long> rows = new LinkedHashMap<>();
    Map<String, Long> checksums = new LinkedHashMap<>();
    try (Statement s = connection.createStatement()) {
      StringBuilder counts = new StringBuilder("SELECT ");
      for (int i = 0; i < TABLES.size(); i++) {
        counts.append(i == 0 ? "" : ", ").append("(SELECT COUNT(*) FROM ").append(TABLES.get(i)).append(")");
      }
      try (ResultSet r = s.executeQuery(counts.toString())) {
        r.next();
        for (int i = 0; i < TABLES.size(); i++) {
          rows.put(TABLES.get(i), r.getLong(i + 1));
        }
      }
      try (ResultSet r = s.executeQuery("CHECKSUM TABLE " + String.join(", ", TABLES))) {
        while (r.next()) {
          String table = r.getString(1);
          checksums.put(table.substring(table.lastIndexOf('.') + 1), r.getLong(2));
        }
      }
    } catch (SQLException e) {
      // A missing table (DROP TABLE executed) lands here too: say so.
      throw new AssertionError("cannot read the tables " + TABLES + ": " + e.getMessage(), e);
    }
    if (checksums.size() != TABLES.size()) {
      throw new AssertionError("CHECKSUM TABLE answered for " + checksums.keySet() + ", expected " + TABLES);
    }
    return new DatabaseState(rows, checksums);
  }

  /** The tables whose rows or contents differ from {@code before}. */
  Set<String> changedSince(DatabaseState before) {
    Set<String> changed = new LinkedHashSet<>();
    for (String table : TABLES) {
      if (!rows.get(table).equals(before.rows.get(table)) || !checksums.get(table).equals(before.checksums.get(table))) {
        changed.add(table);
      }
    }
    return changed;
  }

  /** How many rows {@code table} gained since {@code before} (negative: lost). */
  long rowsAddedSince(DatabaseState before, String table) {
    return rows.get(table) - before.rows.get(table);
  }
}
