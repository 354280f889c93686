package com.comicshelf.functions.schema;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.comicshelf.config.DatabaseSettings;
import com.comicshelf.sql.migration.FlywayCompatibleMigrator;
import com.comicshelf.sql.migration.SchemaMigrations;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies pending migrations on every deploy: the stack's {@code DatabaseSchema} custom resource
 * invokes it (CloudFormation event in, answer PUT to the event's {@code ResponseURL}) before the new
 * function versions take traffic. Invoked directly ({@code aws lambda invoke}), it migrates and
 * returns what it did. Deleting the stack never touches the schema.
 */
public final class MigrateHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  private static final Logger log = LoggerFactory.getLogger(MigrateHandler.class);

  private final Function<DatabaseSettings, FlywayCompatibleMigrator.Result> migrations;
  private final DatabaseSettings settings;
  private final CustomResourceResponder responder;

  public MigrateHandler() {
    this(SchemaMigrations::migrate, MigrateComponent.INSTANCE.databaseSettings(), new CustomResourceResponder());
  }

  MigrateHandler(
      Function<DatabaseSettings, FlywayCompatibleMigrator.Result> migrations,
      DatabaseSettings settings,
      CustomResourceResponder responder) {
    this.migrations = migrations;
    this.settings = settings;
    this.responder = responder;
  }

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
    CustomResourceEvent event = CustomResourceEvent.from(input);
    if (event == null) {
      return describe(migrations.apply(settings));
    }
    if (event.requestType().equals("Delete")) {
      responder.succeed(event, Map.of());
      return Map.of("requestType", "Delete");
    }
    try {
      Map<String, Object> data = describe(migrations.apply(settings));
      responder.succeed(event, data);
      return data;
    } catch (RuntimeException e) {
      log.error("migration failed", e);
      responder.fail(event, "migration failed: " + e.getMessage() + " (see the function's log)");
      return Map.of("failed", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
  }

  private static Map<String, Object> describe(FlywayCompatibleMigrator.Result result) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("MigrationsApplied", result.applied().size());
    data.put("AppliedVersions", String.join(",", result.applied()));
    data.put("SchemaVersion", result.schemaVersion() == null ? "" : result.schemaVersion());
    log.info("migrations applied: {}; schema version {}", result.applied(), result.schemaVersion());
    return data;
  }
}
