package com.comicshelf.sql.jdbc;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.mariadb.jdbc.MariaDbDataSource;

/** Builds data sources and applies the Flyway migrations in {@code db/migration}. */
public final class Databases {
  private Databases() {}

  /** A non-pooling data source: {@link JdbcSqlClient} keeps its own single connection. */
  public static DataSource dataSource(String jdbcUrl, String user, String password) {
    try {
      MariaDbDataSource ds = new MariaDbDataSource(jdbcUrl);
      ds.setUser(user);
      ds.setPassword(password);
      return ds;
    } catch (SQLException e) {
      throw new IllegalArgumentException("invalid JDBC URL " + jdbcUrl, e);
    }
  }

  /** Applies pending migrations; returns how many were applied. */
  public static int migrate(DataSource dataSource) {
    return Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .load()
        .migrate()
        .migrationsExecuted;
  }
}
