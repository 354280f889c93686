package com.comicshelf.di;

import com.comicshelf.config.AppConfig;
import com.comicshelf.sql.SqlClient;
import com.comicshelf.sql.jdbc.Databases;
import com.comicshelf.sql.jdbc.JdbcSqlClient;
import dagger.Module;
import dagger.Provides;
import javax.inject.Singleton;

/** {@link SqlClient} over JDBC: one connection per container, opened on first use. */
@Module
public final class JdbcModule {
  private JdbcModule() {}

  @Provides
  @Singleton
  static SqlClient sqlClient(AppConfig config) {
    return new JdbcSqlClient(Databases.dataSource(config.jdbcUrl(), config.dbUser(), config.dbPassword()));
  }
}
