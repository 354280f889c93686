package com.comicshelf.functions.catalog;

import static com.comicshelf.functions.HttpAssertions.assertJson;
import static com.comicshelf.functions.HttpAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.comicshelf.functions.Services;
import com.comicshelf.http.WriteGuard;
import com.comicshelf.ratelimit.RateLimiter;
import com.comicshelf.sql.SqlClient;
import com.comicshelf.testing.ApiEvents;
import com.comicshelf.testing.GuardBackend;
import com.comicshelf.testing.MutableClock;
import com.comicshelf.testing.TestContext;
import com.comicshelf.testing.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code POST /comics} as a mobile client retries it: with an {@code Idempotency-Key} a retry gets the
 * first answer, never a second comic, even when twenty copies arrive at once; and each user's creations
 * are rate-limited. On the database (the local default) and on DynamoDB (moto_server, as deployed).
 */
@ParameterizedClass(name = "{0}")
@EnumSource(GuardBackend.class)
class IdempotentCreationIT {
  @Parameter GuardBackend backend;

  private static final long ANN = 61L;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T12:10:00Z"));
  private TestDatabase db;
  private SqlClient sql;
  private ComicsHandler handler;

  @BeforeEach
  void setUp() {
    db = TestDatabase.create("comicshelf_idempotent_creation_it");
    sql = db.newClient();
    GuardBackend.Stores stores = backend.open(sql);
    handler =
        new ComicsHandler(
            Services.catalog(sql, clock), new WriteGuard(stores.idempotency(), stores.rateLimiter(), clock));
  }

  @AfterEach
  void tearDown() {
    TestDatabase.close(sql);
  }

  @Test
  void twentyCopiesOfOneRequest_createOneComic_andEachGetsItsAnswerOrA409() throws Exception {
    String key = UUID.randomUUID().toString();
    ExecutorService pool = Executors.newFixedThreadPool(20);
    List<Future<APIGatewayV2HTTPResponse>> answers = new ArrayList<>();
    try {
      for (int i = 0; i < 20; i++) {
        answers.add(pool.submit(() -> add("Maus", key)));
      }
      List<APIGatewayV2HTTPResponse> responses = new ArrayList<>();
      for (Future<APIGatewayV2HTTPResponse> f : answers) {
        responses.add(f.get());
      }

      assertThat(comicsNamed("Maus")).isEqualTo(1);
      List<APIGatewayV2HTTPResponse> created = responses.stream().filter(r -> r.getStatusCode() == 201).toList();
      assertThat(created).isNotEmpty();
      assertThat(created).extracting(APIGatewayV2HTTPResponse::getBody).containsOnly(created.get(0).getBody());
      for (APIGatewayV2HTTPResponse other : responses.stream().filter(r -> r.getStatusCode() != 201).toList()) {
        assertProblem(other, 409, "still running");
        assertThat(other.getHeaders()).containsKey("retry-after");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aRetryAfterTheAnswer_getsTheSameStatusAndBody_markedAsAReplay() {
    String key = UUID.randomUUID().toString();
    APIGatewayV2HTTPResponse first = add("Saga", key);

    APIGatewayV2HTTPResponse retry = add("Saga", key);

    assertJson(first, 201);
    assertJson(retry, 201);
    assertThat(retry.getBody()).isEqualTo(first.getBody());
    assertThat(retry.getHeaders()).containsEntry("idempotent-replayed", "true");
    assertThat(comicsNamed("Saga")).isEqualTo(1);
  }

  @Test
  void theSameKey_forAnotherComic_is422_andCreatesNothing() {
    String key = UUID.randomUUID().toString();
    add("Saga", key);

    assertProblem(add("Watchmen", key), 422, "different request");
    assertThat(comicsNamed("Watchmen")).isZero();
  }

  @Test
  void aClientMistake_isAnsweredTheSameOnRetry() {
    String key = UUID.randomUUID().toString();
    add("Saga", null);

    APIGatewayV2HTTPResponse duplicate = add("Saga", key);
    APIGatewayV2HTTPResponse again = add("Saga", key);

    assertProblem(duplicate, 409, "already");
    assertThat(again.getBody()).isEqualTo(duplicate.getBody());
  }

  @Test
  void aKeyThatIsNotOne_is400() {
    assertProblem(add("Saga", "has spaces"), 400, "Idempotency-Key");
    assertProblem(add("Saga", "x".repeat(129)), 400, "Idempotency-Key");
    assertThat(comicsNamed("Saga")).isZero();
  }

  @Test
  void creatingMoreThanTheLimit_is429_withRetryAfter_untilTheWindowEnds() {
    int limit = RateLimiter.Action.COMIC_CREATED.limit();
    for (int i = 0; i < limit; i++) {
      assertJson(add("Comic " + i, UUID.randomUUID().toString()), 201);
    }

    APIGatewayV2HTTPResponse over = add("One too many", UUID.randomUUID().toString());

    assertProblem(over, 429, "at most " + limit);
    assertThat(over.getHeaders()).containsEntry("retry-after", Long.toString(50 * 60));
    assertThat(comicsNamed("One too many")).isZero();
    clock.set(Instant.parse("2026-11-26T13:00:00Z"));
    assertJson(add("One too many", UUID.randomUUID().toString()), 201);
  }

  @Test
  void requestsThatCreateNothing_doNotCountAgainstTheLimit() {
    add("Saga", null);
    int limit = RateLimiter.Action.COMIC_CREATED.limit();
    for (int i = 0; i < limit + 5; i++) {
      assertProblem(add("Saga", null), 409, "already");
    }

    assertJson(add("Still allowed", null), 201);
  }

  private APIGatewayV2HTTPResponse add(String title, String key) {
    ApiEvents event =
        ApiEvents.route("POST /comics")
            .as(ANN)
            .body("{\"title\":\"" + title + "\",\"publisher\":\"P\",\"year\":2000}");
    if (key != null) {
      event.header("Idempotency-Key", key);
    }
    return handler.handleRequest(event.build(), new TestContext("comics"));
  }

  private long comicsNamed(String title) {
    return sql.queryOne("SELECT COUNT(*) AS n FROM comics WHERE title = :t", Map.of("t", title), r -> r.getLong("n"))
        .orElseThrow();
  }
}
