package com.comicshelf.local.security;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The test's own look at the database, over one JDBC connection of its own (autocommit, so every
 * statement sees what the gateway committed): what the API must agree with, and {@link DatabaseState}
 * snapshots. Every statement is prepared with parameters.
 */
final class Tables implements AutoCloseable {
  private final Connection connection;

  Tables(DataSource dataSource) {
    try {
      this.connection = dataSource.getConnection();
      connection.setAutoCommit(true);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot connect to the test database", e);
    }
  }

  DatabaseState snapshot() {
    return DatabaseState.of(connection);
  }

  /** The first column of every row. */
  Set<Long> longs(String sql, Object... params) {
    Set<Long> out = new LinkedHashSet<>();
    for (List<String> row : rows(sql, params)) {
      out.add(Long.parseLong(row.get(0)));
    }
    return out;
  }

  /** The first column of the one row {@code sql} must return. */
  long oneLong(String sql, Object... params) {
    List<List<String>> rows = rows(sql, params);
    if (rows.size() != 1) {
      throw new AssertionError(rows.size() + " rows, expected 1: " + sql);
    }
    return Long.parseLong(rows.get(0).get(0));
  }

  /** Every row, every column as text (null stays null). */
  List<List<String>> rows(String sql, Object... params) {
    try (PreparedStatement s = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      List<List<String>> out = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        int columns = r.getMetaData().getColumnCount();
        while (r.next()) {
          List<String> row = new ArrayList<>();
          for (int c = 1; c <= columns; c++) {
            row.add(r.getString(c));
          }
          out.add(row);
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      // the connection is gone either way
    }
  }
}
