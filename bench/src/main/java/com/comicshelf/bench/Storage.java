package com.comicshelf.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** On-disk size of the benchmark's tables, from {@code information_schema.TABLES} after ANALYZE. */
final class Storage {
  private Storage() {}

  /** One table: estimated rows (InnoDB's statistics) and megabytes of data and indexes. */
  record TableSize(String table, long estimatedRows, double dataMb, double indexMb) {
    double totalMb() {
      return dataMb + indexMb;
    }
  }

  static List<TableSize> of(Connection server, String database) throws SQLException {
    List<TableSize> sizes = new ArrayList<>();
    try (PreparedStatement ps =
        server.prepareStatement(
            """
            SELECT TABLE_NAME, TABLE_ROWS, DATA_LENGTH, INDEX_LENGTH FROM information_schema.TABLES
            WHERE TABLE_SCHEMA = ?
              AND TABLE_NAME IN ('users', 'comics', 'friendships', 'favorites', 'friend_favorite_counts')
            ORDER BY DATA_LENGTH + INDEX_LENGTH DESC
            """)) {
      ps.setString(1, database);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          sizes.add(
              new TableSize(
                  rs.getString(1), rs.getLong(2), rs.getLong(3) / 1048576.0, rs.getLong(4) / 1048576.0));
        }
      }
    }
    return sizes;
  }
}
