package com.comicshelf.sql.migration;

import com.comicshelf.aws.AwsClients;
import com.comicshelf.config.DatabaseSettings;
import com.comicshelf.secrets.CachedSecrets;
import com.comicshelf.sql.dataapi.DataApiSqlClient;
import com.comicshelf.sql.jdbc.Databases;
import java.util.Optional;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema up to date for whichever adapter the settings name: Flyway itself over JDBC, and
 * {@link FlywayCompatibleMigrator} over the Data API. Either way the history is Flyway's.
 */
public final class SchemaMigrations {
  private SchemaMigrations() {}

  public static FlywayCompatibleMigrator.Result migrate(DatabaseSettings settings) {
    if (settings instanceof DatabaseSettings.DataApi dataApi) {
      return new FlywayCompatibleMigrator(DataApiSqlClient.create(dataApi)).migrate();
    }
    DatabaseSettings.Jdbc jdbc = (DatabaseSettings.Jdbc) settings;
    Optional<CachedSecrets> secrets =
        jdbc.credentials() instanceof DatabaseSettings.PasswordFromSecret
            ? Optional.of(new CachedSecrets(AwsClients.secretsManager()))
            : Optional.empty();
    MigrateResult result = Databases.flyway(Databases.dataSource(jdbc, secrets)).migrate();
    return new FlywayCompatibleMigrator.Result(
        result.migrations.stream().map(m -> m.version).toList(),
        result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion);
  }
}
