package com.comicshelf.sql.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.comicshelf.sql.SqlClient;
import com.comicshelf.sql.jdbc.Databases;
import com.comicshelf.testing.TestDataApi;
import com.comicshelf.testing.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Migrations over the Data API (no JDBC driver for Flyway there) must leave the database exactly as
 * Flyway would: the same tables, the same history rows and checksums, so Flyway itself validates it and
 * carries on, and the other way round.
 */
class FlywayCompatibleMigratorIT {
  private TestDatabase db;
  private SqlClient dataApi;

  @BeforeEach
  void emptyDatabase() throws Exception {
    db = TestDatabase.create("comicshelf_migrator_it");
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE " + db.name());
      s.execute("CREATE DATABASE " + db.name() + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
    }
    dataApi = TestDataApi.client(db.name());
  }

  @Test
  void aSchemaMigratedOverTheDataApi_isOneFlywayValidates_andHasNothingLeftToApply() {
    FlywayCompatibleMigrator.Result result = new FlywayCompatibleMigrator(dataApi).migrate();

    Flyway flyway = Databases.flyway(db.dataSource());
    List<String> versions =
        MigrationScript.onClasspath(getClass().getClassLoader()).stream().map(m -> m.version().getVersion()).toList();
    assertThat(versions).hasSizeGreaterThanOrEqualTo(4).startsWith("1", "2", "3", "4");
    assertThat(result.applied()).isEqualTo(versions);
    assertThat(result.schemaVersion()).isEqualTo(versions.get(versions.size() - 1));
    assertThat(flyway.validateWithResult().validationSuccessful).isTrue();
    assertThat(flyway.migrate().migrationsExecuted).isZero();
    assertThat(tables()).contains("users", "comics", "favorites", "friendships", "friend_favorite_counts", "uploads", "assets");
  }

  @Test
  void aSchemaFlywayMigrated_isRecognised_andNothingIsAppliedTwice() {
    Databases.migrate(db.dataSource());
    List<String> historyBefore = history();

    FlywayCompatibleMigrator.Result result = new FlywayCompatibleMigrator(dataApi).migrate();

    assertThat(result.applied()).isEmpty();
    assertThat(history()).isEqualTo(historyBefore);
  }

  @Test
  void bothWriteTheSameHistory_rowForRow() {
    new FlywayCompatibleMigrator(dataApi).migrate();
    List<String> ours = history();
    emptyAgain();
    Databases.migrate(db.dataSource());

    assertThat(history()).isEqualTo(ours);
  }

  @Test
  void anEditedMigration_isRefused_beforeAnythingIsApplied() {
    new FlywayCompatibleMigrator(dataApi).migrate();
    dataApi.update("UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '2'", Map.of());

    assertThatThrownBy(() -> new FlywayCompatibleMigrator(dataApi).migrate())
        .hasMessageContaining("V2__friends_and_ranking.sql changed after it was applied");
  }

  @Test
  void aMigrationThatFailedHalfway_blocksFurtherRuns_untilRepaired() {
    new FlywayCompatibleMigrator(dataApi).migrate();
    dataApi.update("UPDATE flyway_schema_history SET success = 0 WHERE version = '3'", Map.of());

    assertThatThrownBy(() -> new FlywayCompatibleMigrator(dataApi).migrate())
        .hasMessageContaining("V3__assets.sql failed earlier");
  }

  @Test
  void aMigrationFailingOnItsFirstStatement_releasesItsClaim_soARetryStartsAfresh() throws Exception {
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE users (id INT)"); // V1's first statement will find it in the way
    }

    assertThatThrownBy(() -> new FlywayCompatibleMigrator(dataApi).migrate()).isNotNull();
    assertThat(dataApi.queryOne("SELECT COUNT(*) AS n FROM flyway_schema_history", Map.of(), r -> r.getLong("n")))
        .contains(0L);
  }

  private void emptyAgain() {
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE " + db.name());
      s.execute("CREATE DATABASE " + db.name() + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private List<String> history() {
    return dataApi.query(
        "SELECT installed_rank, version, description, type, script, checksum, success FROM flyway_schema_history ORDER BY installed_rank",
        Map.of(),
        r ->
            r.getLong("installed_rank") + "|" + r.getString("version") + "|" + r.getString("description") + "|"
                + r.getString("type") + "|" + r.getString("script") + "|" + r.getLong("checksum") + "|"
                + r.getBoolean("success"));
  }

  private List<String> tables() {
    return dataApi.query(
        "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = DATABASE()",
        Map.of(),
        r -> r.getString("t"));
  }
}
