package com.comicshelf.sql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.comicshelf.sql.DuplicateKeyException;
import com.comicshelf.sql.ForeignKeyViolationException;
import com.comicshelf.sql.Params;
import com.comicshelf.testing.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdbcSqlClientIT {
  private static final Instant T = Instant.parse("2026-03-04T05:06:07.123456Z");
  private static TestDatabase db;
  private JdbcSqlClient sql;

  @BeforeAll
  static void createDatabase() {
    db = TestDatabase.create("comicshelf_sqlclient_it");
  }

  @BeforeEach
  void setUp() {
    db.truncateAll();
    sql = db.newClient();
  }

  @AfterEach
  void tearDown() {
    sql.close();
  }

  @Test
  void instants_roundTripWithMicrosecondPrecision_inUtc() {
    insertUser(1);

    Instant read =
        sql.queryOne("SELECT created_at FROM users WHERE id = :id", Map.of("id", 1L), r -> r.getInstant("created_at"))
            .orElseThrow();

    assertThat(read).isEqualTo(T);
  }

  @Test
  void nullParameters_andNullColumns_areSupported() {
    sql.update(
        "INSERT INTO users (id, name, created_at) VALUES (:id, :name, :now)",
        Params.with("id", 2L).and("name", null).and("now", T).map());

    assertThat(sql.queryOne("SELECT name FROM users WHERE id = 2", Map.of(), r -> String.valueOf(r.getString("name"))))
        .contains("null");
  }

  @Test
  void transaction_commitsAllWrites_whenWorkReturns() {
    sql.inTransaction(
        () -> {
          insertUser(1);
          insertUser(2);
          return null;
        });

    assertThat(countUsers()).isEqualTo(2);
  }

  @Test
  void transaction_rollsBackEveryWrite_whenWorkThrows() {
    assertThatThrownBy(
            () ->
                sql.inTransaction(
                    () -> {
                      insertUser(1);
                      throw new IllegalStateException("boom");
                    }))
        .hasMessage("boom");

    assertThat(countUsers()).isZero();
  }

  @Test
  void duplicateKey_isTranslated_andForeignKeyViolationToo() {
    insertUser(1);

    assertThatThrownBy(() -> insertUser(1)).isInstanceOf(DuplicateKeyException.class);
    assertThatThrownBy(
            () ->
                sql.update(
                    "INSERT INTO favorites (user_id, comic_id, created_at) VALUES (1, 999, :now)",
                    Map.of("now", T)))
        .isInstanceOf(ForeignKeyViolationException.class);
  }

  @Test
  void aKilledConnection_isReplaced_andTheNextCallSucceeds() throws Exception {
    long connectionId = sql.queryOne("SELECT CONNECTION_ID() AS id", Map.of(), r -> r.getLong("id")).orElseThrow();
    try (Connection admin = db.dataSource().getConnection();
        Statement s = admin.createStatement()) {
      s.execute("KILL CONNECTION " + connectionId);
    }

    // The first call may fail on the dead connection; it must not poison the client.
    try {
      countUsers();
    } catch (RuntimeException expected) {
      // a broken connection is reported once, then replaced
    }
    long newId = sql.queryOne("SELECT CONNECTION_ID() AS id", Map.of(), r -> r.getLong("id")).orElseThrow();

    assertThat(newId).isNotEqualTo(connectionId);
  }

  @Test
  void missingParameter_isAProgrammingError() {
    assertThatThrownBy(() -> sql.query("SELECT :x", Map.of(), r -> 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(":x");
  }

  private void insertUser(long id) {
    sql.update("INSERT INTO users (id, created_at) VALUES (:id, :now)", Map.of("id", id, "now", T));
  }

  private long countUsers() {
    return sql.queryOne("SELECT COUNT(*) AS n FROM users", Map.of(), r -> r.getLong("n")).orElseThrow();
  }
}
