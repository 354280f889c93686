package com.comicshelf.sql.dataapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.comicshelf.common.Deadline;
import com.comicshelf.sql.DatabaseUnavailableException;
import com.comicshelf.sql.ResultTooLargeException;
import com.comicshelf.sql.SqlException;
import com.comicshelf.sql.StatementTimeoutException;
import com.comicshelf.sql.TransactionConflictException;
import com.comicshelf.testing.RecordingInterceptor;
import com.comicshelf.testing.TestDataApi;
import com.comicshelf.testing.TestDatabase;
import com.comicshelf.testing.dataapi.DataApiEndpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How the Data API adapter meets the API's limits and failures, each provoked on the endpoint that
 * stands in for the API: a result over 1 MiB, a syntax error, a statement past its time limit, an
 * aborted transaction, a paused cluster resuming (waited for, or answered 503 when the request's time
 * runs out), and the API being down.
 */
class DataApiSqlClientIT {
  private static final Instant T = Instant.parse("2026-03-04T05:06:07.123Z");
  private static TestDatabase db;
  private DataApiEndpoint endpoint;
  private DataApiSqlClient sql;

  @BeforeAll
  static void createDatabase() {
    db = TestDatabase.create("comicshelf_dataapi_it");
  }

  @BeforeEach
  void setUp() {
    db.truncateAll();
    endpoint =
        TestDataApi.startEndpoint(
            TestDataApi.options().withMaxResponseBytes(100_000).withStatementTimeout(Duration.ofSeconds(1)));
    sql = TestDataApi.client(endpoint, db.name());
  }

  @AfterEach
  void tearDown() {
    endpoint.close();
  }

  @Test
  void everyCallTheAdapterMakes_isAnActionItDeclaresForIam() {
    int before = RecordingInterceptor.calls().size();

    sql.query("SELECT 1 AS one", Map.of(), r -> r.getLong("one"));
    sql.batchUpdate(
        "INSERT INTO users (id, created_at) VALUES (:id, :now)", List.of(Map.of("id", 1L, "now", T)));
    sql.inTransaction(() -> sql.update("DELETE FROM users WHERE id = 1", Map.of()));
    try {
      sql.inTransaction(
          () -> {
            throw new IllegalStateException("rolled back");
          });
    } catch (IllegalStateException expected) {
      // the rollback is what this exercises
    }

    assertThat(RecordingInterceptor.callsSince(before))
        .filteredOn(call -> call.startsWith("rds-data:"))
        .containsOnly(DataApiSqlClient.IAM_ACTIONS.toArray(String[]::new))
        .containsAll(DataApiSqlClient.IAM_ACTIONS);
  }

  @Test
  void aResultOverTheResponseLimit_isResultTooLarge_withAdviceToPage() {
    // Written over JDBC: this endpoint's 1 s statement limit is for the statement under test.
    try (var jdbc = db.newClient()) {
      jdbc.batchUpdate(
          "INSERT INTO users (id, name, created_at) VALUES (:id, :name, :now)",
          LongStream.rangeClosed(1, 500)
              .mapToObj(id -> Map.<String, Object>of("id", id, "name", "x".repeat(190), "now", T))
              .toList());
    }

    assertThatThrownBy(() -> sql.query("SELECT id, name FROM users", Map.of(), r -> r.getString("name")))
        .isInstanceOf(ResultTooLargeException.class)
        .hasMessageContaining("1 MiB")
        .hasMessageContaining("page");
    assertThat(sql.query("SELECT id FROM users ORDER BY id LIMIT 10", Map.of(), r -> r.getLong("id"))).hasSize(10);
  }

  @Test
  void aSyntaxError_isASqlException_carryingMySqlsCode() {
    assertThatThrownBy(() -> sql.query("SELEKT 1", Map.of(), r -> 1))
        .isExactlyInstanceOf(SqlException.class)
        .hasMessageContaining("1064");
  }

  @Test
  void aStatementPastTheTimeLimit_isAStatementTimeout() {
    assertThatThrownBy(() -> sql.query("SELECT SLEEP(3) AS s", Map.of(), r -> 1))
        .isInstanceOf(StatementTimeoutException.class)
        .hasMessageContaining("45 s");
  }

  @Test
  void aTransactionTheApiForgot_isAConflict_andTheWholeTransactionRunsAgain() {
    AtomicInteger attempts = new AtomicInteger();

    long users =
        sql.inTransaction(
            () -> {
              sql.update("INSERT INTO users (id, created_at) VALUES (1, :now)", Map.of("now", T));
              if (attempts.incrementAndGet() == 1) {
                // The endpoint drops every open transaction: as the API does after an idle timeout.
                endpoint.close();
                endpoint = TestDataApi.startEndpoint(TestDataApi.options().withPort(endpoint.endpoint().getPort()));
              }
              return sql.queryOne("SELECT COUNT(*) AS n FROM users", Map.of(), r -> r.getLong("n")).orElseThrow();
            });

    assertThat(attempts.get()).isEqualTo(2);
    assertThat(users).isEqualTo(1);
  }

  @Test
  void aForgottenTransaction_translatesToTransactionConflict() {
    assertThat(
            DataApiErrors.translate(
                "CommitTransaction",
                software.amazon.awssdk.services.rdsdata.model.BadRequestException.builder()
                    .message("Transaction AQC5SRDI is not found")
                    .build()))
        .isInstanceOf(TransactionConflictException.class);
  }

  @Test
  void aResumingCluster_isWaitedFor_withinTheRequestsTime() {
    endpoint.pauseCluster(Duration.ofMillis(1_500));
    long started = System.nanoTime();

    List<Long> one = Deadline.within(Duration.ofSeconds(10), () -> sql.query("SELECT 1 AS one", Map.of(), r -> r.getLong("one")));

    assertThat(one).containsExactly(1L);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(1_000));
    assertThat(endpoint.operations().stream().filter("ExecuteStatement"::equals).count())
        .as("the call was retried")
        .isGreaterThan(1);
  }

  @Test
  void aResumeLongerThanTheRequest_isDatabaseUnavailable_withWhenToRetry() {
    endpoint.pauseCluster(Duration.ofSeconds(30));
    long started = System.nanoTime();

    assertThatThrownBy(
            () -> Deadline.within(Duration.ofSeconds(2), () -> sql.query("SELECT 1 AS one", Map.of(), r -> 1)))
        .isInstanceOfSatisfying(
            DatabaseUnavailableException.class,
            e -> assertThat(e.retryAfter()).isEqualTo(DataApiErrors.RESUME_TIME))
        .hasMessageContaining("resuming");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
  }

  @Test
  void theApiBeingDown_isDatabaseUnavailable_andNotRetried() {
    endpoint.failNext(1, "ServiceUnavailableError");

    assertThatThrownBy(() -> sql.query("SELECT 1 AS one", Map.of(), r -> 1))
        .isInstanceOf(DatabaseUnavailableException.class);
    assertThat(sql.query("SELECT 1 AS one", Map.of(), r -> r.getLong("one"))).containsExactly(1L);
  }

  @Test
  void anUnreachableEndpoint_isDatabaseUnavailable() {
    int port = endpoint.endpoint().getPort();
    endpoint.close();

    assertThatThrownBy(() -> sql.query("SELECT 1 AS one", Map.of(), r -> 1))
        .isInstanceOf(DatabaseUnavailableException.class);
    endpoint = TestDataApi.startEndpoint(TestDataApi.options().withPort(port));
  }
}
