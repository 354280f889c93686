package com.comicshelf.functions.schema;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.comicshelf.config.AppConfig;
import com.comicshelf.sql.jdbc.Databases;
import java.util.Map;

/**
 * Applies pending Flyway migrations. Invoked once per deployment rather than on every cold start,
 * so request handlers never wait for, or race on, a schema change.
 */
public final class MigrateHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
    AppConfig config = AppConfig.fromEnvironment();
    int applied =
        Databases.migrate(Databases.dataSource(config.jdbcUrl(), config.dbUser(), config.dbPassword()));
    return Map.of("migrationsApplied", applied);
  }
}
