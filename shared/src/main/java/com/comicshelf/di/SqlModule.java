package com.comicshelf.di;

import com.comicshelf.aws.AwsClients;
import com.comicshelf.config.DatabaseSettings;
import com.comicshelf.config.Environment;
import com.comicshelf.secrets.CachedSecrets;
import com.comicshelf.sql.SqlClient;
import com.comicshelf.sql.dataapi.DataApiSqlClient;
import com.comicshelf.sql.jdbc.Databases;
import com.comicshelf.sql.jdbc.JdbcSqlClient;
import dagger.Module;
import dagger.Provides;
import java.util.Optional;
import javax.inject.Singleton;

/**
 * The {@link SqlClient} the settings choose: the RDS Data API (AWS) or JDBC with one connection per
 * container (local, tests, RDS MySQL / RDS Proxy). Neither opens anything before the first call.
 */
@Module
public final class SqlModule {
  private SqlModule() {}

  @Provides
  @Singleton
  static DatabaseSettings databaseSettings(Environment environment) {
    return DatabaseSettings.from(environment);
  }

  @Provides
  @Singleton
  static SqlClient sqlClient(DatabaseSettings settings) {
    return open(settings);
  }

  /** A client for {@code settings}, for code outside a component (the local gateway's seeding). */
  public static SqlClient open(DatabaseSettings settings) {
    if (settings instanceof DatabaseSettings.DataApi dataApi) {
      return DataApiSqlClient.create(dataApi);
    }
    DatabaseSettings.Jdbc jdbc = (DatabaseSettings.Jdbc) settings;
    Optional<CachedSecrets> secrets =
        jdbc.credentials() instanceof DatabaseSettings.PasswordFromSecret
            ? Optional.of(new CachedSecrets(AwsClients.secretsManager()))
            : Optional.empty();
    return new JdbcSqlClient(Databases.dataSource(jdbc, secrets));
  }
}
