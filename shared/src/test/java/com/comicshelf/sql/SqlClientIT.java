package com.comicshelf.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.comicshelf.testing.SqlAdapter;
import com.comicshelf.testing.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The {@link SqlClient} contract, which both adapters must keep alike: typing, transactions, errors. */
@ParameterizedClass(name = "{0}")
@EnumSource(SqlAdapter.class)
class SqlClientIT {
  @Parameter SqlAdapter adapter;

  private static final Instant T = Instant.parse("2026-03-04T05:06:07.123Z");
  private static TestDatabase db;
  private SqlClient sql;

  @BeforeAll
  static void createDatabase() throws Exception {
    db = TestDatabase.create("comicshelf_sqlclient_it");
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          """
          CREATE TABLE typing_probe (
            id BIGINT UNSIGNED NOT NULL PRIMARY KEY,
            amount DECIMAL(12, 2) NULL,
            flag TINYINT(1) NULL,
            at DATETIME(6) NULL,
            label VARCHAR(100) NULL
          )""");
    }
  }

  @BeforeEach
  void setUp() throws Exception {
    db.truncateAll();
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute("TRUNCATE TABLE typing_probe");
    }
    sql = db.newClient(adapter);
  }

  @AfterEach
  void tearDown() {
    TestDatabase.close(sql);
  }

  @Test
  void instants_roundTripAtMillisecondPrecision_inUtc() {
    insertUser(1);

    Instant read =
        sql.queryOne("SELECT created_at FROM users WHERE id = :id", Map.of("id", 1L), r -> r.getInstant("created_at"))
            .orElseThrow();

    assertThat(read).isEqualTo(T);
  }

  @Test
  void subMillisecondInstants_areRefused_becauseTheDataApiWouldDropThem() {
    assertThatThrownBy(
            () ->
                sql.update(
                    "INSERT INTO users (id, created_at) VALUES (1, :now)",
                    Map.of("now", Instant.parse("2026-03-04T05:06:07.123456Z"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sub-millisecond");
  }

  @Test
  void microsecondsAlreadyStored_areReadAsMilliseconds_byEitherAdapter() throws Exception {
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute("INSERT INTO users (id, created_at) VALUES (9, '2026-03-04 05:06:07.123999')");
    }

    assertThat(sql.queryOne("SELECT created_at FROM users WHERE id = 9", Map.of(), r -> r.getInstant("created_at")))
        .contains(Instant.parse("2026-03-04T05:06:07.123Z"));
  }

  @Test
  void everyValueType_roundTripsExactly() {
    long bigId = Long.MAX_VALUE - 1;
    sql.update(
        "INSERT INTO typing_probe (id, amount, flag, at, label) VALUES (:id, :amount, :flag, :at, :label)",
        Map.of(
            "id", bigId,
            "amount", new BigDecimal("12345.67"),
            "flag", true,
            "at", T,
            "label", "O'Brien said \"hi\" 📚 -- ; DROP TABLE users"));
    sql.update(
        "INSERT INTO typing_probe (id, amount, flag, at, label) VALUES (:id, :amount, :flag, :at, :label)",
        Params.with("id", 2).and("amount", null).and("flag", false).and("at", null).and("label", null).map());

    List<String> rows =
        sql.query(
            "SELECT id, amount, flag, at, label FROM typing_probe ORDER BY id DESC",
            Map.of(),
            r ->
                r.getLong("id") + "|" + r.getBigDecimal("amount") + "|" + r.getBoolean("flag") + "|" + r.getInstant("at")
                    + "|" + r.getString("label") + "|" + r.getNullableLong("id"));

    assertThat(rows)
        .containsExactly(
            bigId + "|12345.67|true|" + T + "|O'Brien said \"hi\" 📚 -- ; DROP TABLE users|" + bigId,
            "2|null|false|null|null|2");
    assertThat(sql.queryOne("SELECT COUNT(*) AS n FROM users", Map.of(), r -> r.getLong("n"))).contains(0L);
  }

  @Test
  void numbersAndNulls_readThroughEveryAccessor() {
    Map<String, Object> row =
        sql.queryOne(
                "SELECT 7 AS seven, NULL AS nothing, 'text' AS word, 1.50 AS price",
                Map.of(),
                r ->
                    Map.<String, Object>of(
                        "seven", r.getInt("SEVEN"),
                        "nothing", String.valueOf(r.getNullableLong("nothing")),
                        "nothingAsString", String.valueOf(r.getString("nothing")),
                        "word", r.getString("word"),
                        "price", r.getBigDecimal("price"),
                        "sevenAsText", r.getString("seven")))
            .orElseThrow();

    assertThat(row)
        .containsEntry("seven", 7)
        .containsEntry("nothing", "null")
        .containsEntry("nothingAsString", "null")
        .containsEntry("word", "text")
        .containsEntry("price", new BigDecimal("1.50"))
        .containsEntry("sevenAsText", "7");
  }

  @Test
  void updateCounts_andGeneratedKeys_areReported() {
    long first =
        sql.insertReturningKey(
            "INSERT INTO comics (title, publisher, year, created_at) VALUES ('A', 'P', 2000, :now)", Map.of("now", T));
    long second =
        sql.insertReturningKey(
            "INSERT INTO comics (title, publisher, year, created_at) VALUES ('B', 'P', 2000, :now)", Map.of("now", T));

    int changed = sql.update("UPDATE comics SET year = 2001 WHERE id IN (:a, :b)", Map.of("a", first, "b", second));

    assertThat(second).isEqualTo(first + 1);
    assertThat(changed).isEqualTo(2);
  }

  @Test
  void batchUpdate_writesEveryRow_evenAcrossSeveralCalls() {
    List<Map<String, Object>> rows =
        java.util.stream.LongStream.rangeClosed(1, 1_234)
            .mapToObj(id -> Map.<String, Object>of("id", id, "now", T))
            .toList();

    sql.batchUpdate("INSERT INTO users (id, created_at) VALUES (:id, :now)", rows);

    assertThat(countUsers()).isEqualTo(1_234);
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
  void uncommittedWrites_areInvisibleToOtherClients_untilCommit() throws Exception {
    SqlClient other = db.newClient(adapter);
    try {
      long seenInside =
          sql.inTransaction(
              () -> {
                insertUser(1);
                return other.queryOne("SELECT COUNT(*) AS n FROM users", Map.of(), r -> r.getLong("n")).orElseThrow();
              });

      assertThat(seenInside).isZero();
      assertThat(other.queryOne("SELECT COUNT(*) AS n FROM users", Map.of(), r -> r.getLong("n"))).contains(1L);
    } finally {
      TestDatabase.close(other);
    }
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
  void aDeadlockedTransaction_isRunAgain_andBothCommit() throws Exception {
    insertUser(1);
    insertUser(2);
    SqlClient other = db.newClient(adapter);
    CountDownLatch bothLockedFirstRow = new CountDownLatch(2);
    AtomicInteger attempts = new AtomicInteger();
    try {
      CompletableFuture<Void> a =
          CompletableFuture.runAsync(() -> lockInOrder(sql, 1, 2, bothLockedFirstRow, attempts));
      CompletableFuture<Void> b =
          CompletableFuture.runAsync(() -> lockInOrder(other, 2, 1, bothLockedFirstRow, attempts));

      CompletableFuture.allOf(a, b).get(60, TimeUnit.SECONDS);
    } finally {
      TestDatabase.close(other);
    }

    assertThat(attempts.get()).as("one of the two ran again after the deadlock").isGreaterThan(2);
    assertThat(sql.query("SELECT name FROM users ORDER BY id", Map.of(), r -> r.getString("name")))
        .allMatch(name -> name.length() == 2);
  }

  /** Locks row {@code first}, waits until the other transaction holds its first row, then locks {@code second}. */
  private static void lockInOrder(SqlClient client, long first, long second, CountDownLatch latch, AtomicInteger attempts) {
    client.inTransaction(
        () -> {
          boolean firstAttempt = attempts.incrementAndGet() <= 2;
          client.update("UPDATE users SET name = CONCAT(COALESCE(name, ''), 'x') WHERE id = :id", Map.of("id", first));
          if (firstAttempt) {
            latch.countDown();
            try {
              latch.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          client.update("UPDATE users SET name = CONCAT(COALESCE(name, ''), 'y') WHERE id = :id", Map.of("id", second));
          return null;
        });
  }

  @Test
  void missingParameter_isAProgrammingError() {
    assertThatThrownBy(() -> sql.query("SELECT :x", Map.of(), r -> 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(":x");
  }

  @Test
  void unusedParameters_areIgnored() {
    sql.update("INSERT INTO users (id, created_at) VALUES (:id, :now)", Map.of("id", 5L, "now", T, "extra", "x"));

    assertThat(countUsers()).isEqualTo(1);
  }

  @Test
  void aSyntaxError_isASqlException_withTheServersCode() {
    assertThatThrownBy(() -> sql.update("UPDATE users SET WHERE", Map.of()))
        .isExactlyInstanceOf(SqlException.class)
        .hasMessageContaining("1064");
  }

  private void insertUser(long id) {
    sql.update("INSERT INTO users (id, created_at) VALUES (:id, :now)", Map.of("id", id, "now", T));
  }

  private long countUsers() {
    return sql.queryOne("SELECT COUNT(*) AS n FROM users", Map.of(), r -> r.getLong("n")).orElseThrow();
  }
}
