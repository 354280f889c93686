package com.comicshelf.sql.migration;

import com.comicshelf.sql.DuplicateKeyException;
import com.comicshelf.sql.NamedSql;
import com.comicshelf.sql.SqlClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the Flyway migrations over any {@link SqlClient}, for the RDS Data API, which has no JDBC
 * driver for Flyway to use. It keeps Flyway's own history table, rows and checksums ({@link
 * MigrationScript}), so a database migrated here is one Flyway validates and continues, and the other
 * way round (see {@code FlywayCompatibleMigratorIT}).
 *
 * <p>As with Flyway on MySQL, DDL is not transactional: each migration first claims its history row
 * ({@code success = 0}), which also stops a second migrator running at the same time; it is marked done
 * when every statement has run. A migration that fails before changing anything releases its claim, so
 * a retry starts afresh; one that fails halfway stays recorded as failed and needs a repair by hand, as
 * with Flyway.
 */
public final class FlywayCompatibleMigrator {
  private static final Logger log = LoggerFactory.getLogger(FlywayCompatibleMigrator.class);
  static final String HISTORY = "flyway_schema_history";

  private final SqlClient sql;
  private final List<MigrationScript> scripts;

  public FlywayCompatibleMigrator(SqlClient sql) {
    this(sql, MigrationScript.onClasspath(FlywayCompatibleMigrator.class.getClassLoader()));
  }

  FlywayCompatibleMigrator(SqlClient sql, List<MigrationScript> scripts) {
    this.sql = sql;
    this.scripts = List.copyOf(scripts);
  }

  /** What a run did: the versions it applied and the schema version after it. */
  public record Result(List<String> applied, String schemaVersion) {}

  public Result migrate() {
    createHistoryIfMissing();
    Map<String, Applied> history = history();
    for (Applied row : history.values()) {
      if (!row.success()) {
        throw new IllegalStateException(
            "migration " + row.script() + " failed earlier and left the schema half-changed: repair it by hand "
                + "(see flyway repair) before migrating again");
      }
    }
    List<String> applied = new ArrayList<>();
    for (MigrationScript script : scripts) {
      Applied done = history.get(script.version().getVersion());
      if (done != null) {
        if (done.checksum() != script.checksum()) {
          throw new IllegalStateException(
              "migration " + script.script() + " changed after it was applied (checksum " + done.checksum() + " in the "
                  + "history, " + script.checksum() + " now): merged migrations must never be edited");
        }
        continue;
      }
      apply(script, nextRank());
      applied.add(script.version().getVersion());
    }
    String version = scripts.isEmpty() ? "" : scripts.get(scripts.size() - 1).version().getVersion();
    return new Result(applied, version);
  }

  private void apply(MigrationScript script, int rank) {
    List<String> statements = script.statements();
    for (String statement : statements) {
      if (!NamedSql.parse(statement).names().isEmpty()) {
        throw new IllegalStateException(script.script() + " contains a :name, which SqlClient would bind as a parameter");
      }
    }
    try {
      sql.update(
          """
          INSERT INTO flyway_schema_history
            (installed_rank, version, description, type, script, checksum, installed_by, execution_time, success)
          VALUES (:rank, :version, :description, 'SQL', :script, :checksum,
                  SUBSTRING_INDEX(CURRENT_USER(), '@', 1), 0, 0)
          """,
          Map.of(
              "rank", rank,
              "version", script.version().getVersion(),
              "description", script.description(),
              "script", script.script(),
              "checksum", script.checksum()));
    } catch (DuplicateKeyException e) {
      throw new IllegalStateException("another migration is running (history rank " + rank + " is taken)", e);
    }
    long started = System.nanoTime();
    int done = 0;
    try {
      for (String statement : statements) {
        sql.update(statement, Map.of());
        done++;
      }
    } catch (RuntimeException e) {
      if (done == 0) {
        sql.update("DELETE FROM flyway_schema_history WHERE installed_rank = :rank", Map.of("rank", rank));
      }
      throw e;
    }
    int millis = (int) ((System.nanoTime() - started) / 1_000_000);
    sql.update(
        "UPDATE flyway_schema_history SET success = 1, execution_time = :millis WHERE installed_rank = :rank",
        Map.of("millis", millis, "rank", rank));
    log.info("applied {} ({} statements) in {} ms", script.script(), statements.size(), millis);
  }

  private int nextRank() {
    return sql.queryOne(
            "SELECT COALESCE(MAX(installed_rank), 0) + 1 AS r FROM flyway_schema_history", Map.of(), r -> r.getInt("r"))
        .orElse(1);
  }

  private record Applied(String version, String script, int checksum, boolean success) {}

  private Map<String, Applied> history() {
    Map<String, Applied> byVersion = new LinkedHashMap<>();
    sql.query(
        "SELECT version, script, checksum, success FROM flyway_schema_history WHERE version IS NOT NULL ORDER BY installed_rank",
        Map.of(),
        r ->
            byVersion.put(
                r.getString("version"),
                new Applied(r.getString("version"), r.getString("script"), r.getInt("checksum"), r.getBoolean("success"))));
    return byVersion;
  }

  /** Flyway's own table, as Flyway creates it on MySQL. */
  private void createHistoryIfMissing() {
    Optional<Long> exists =
        sql.queryOne(
            "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = :t",
            Map.of("t", HISTORY),
            r -> r.getLong("n"));
    if (exists.orElse(0L) > 0) {
      return;
    }
    sql.update(
        """
        CREATE TABLE IF NOT EXISTS flyway_schema_history (
          installed_rank INT NOT NULL,
          version VARCHAR(50),
          description VARCHAR(200) NOT NULL,
          type VARCHAR(20) NOT NULL,
          script VARCHAR(1000) NOT NULL,
          checksum INT,
          installed_by VARCHAR(100) NOT NULL,
          installed_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
          execution_time INT NOT NULL,
          success BOOL NOT NULL,
          CONSTRAINT flyway_schema_history_pk PRIMARY KEY (installed_rank),
          KEY flyway_schema_history_s_idx (success)
        ) ENGINE = InnoDB
        """,
        Map.of());
  }
}
