package com.comicshelf.functions.favorites;

import static com.comicshelf.functions.HttpAssertions.assertJson;
import static com.comicshelf.functions.HttpAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.comicshelf.functions.Services;
import com.comicshelf.sql.dataapi.DataApiSqlClient;
import com.comicshelf.testing.ApiEvents;
import com.comicshelf.testing.Fixtures;
import com.comicshelf.testing.MutableClock;
import com.comicshelf.testing.TestContext;
import com.comicshelf.testing.TestDataApi;
import com.comicshelf.testing.TestDatabase;
import com.comicshelf.testing.dataapi.DataApiEndpoint;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A paused Aurora cluster, as the favorites function meets it: waited for while the function has
 * time, answered 503 problem+json with {@code Retry-After} when it has not, and fine again once resumed.
 */
class DatabaseUnavailableHandlerIT {
  private static final long ANN = 21L;
  private TestDatabase db;
  private DataApiEndpoint endpoint;
  private FavoritesHandler handler;
  private long maus;

  @BeforeEach
  void setUp() {
    db = TestDatabase.create("comicshelf_unavailable_it");
    endpoint = TestDataApi.startEndpoint(TestDataApi.options());
    DataApiSqlClient sql = TestDataApi.client(endpoint, db.name());
    maus = new Fixtures(sql).comic("Maus", "Pantheon Books", 1986);
    handler = new FavoritesHandler(Services.favorites(sql, new MutableClock(Instant.parse("2026-11-25T10:00:00Z"))));
  }

  @AfterEach
  void tearDown() {
    endpoint.close();
  }

  @Test
  void aResumeLongerThanTheFunctionsTime_isA503_withRetryAfter_andChangesNothing() {
    endpoint.pauseCluster(Duration.ofSeconds(30));

    APIGatewayV2HTTPResponse response = put(Duration.ofSeconds(3));

    assertProblem(response, 503, "retry in 15 s");
    assertThat(response.getHeaders()).containsEntry("retry-after", "15");
  }

  @Test
  void aShortResume_isWaitedFor_andTheWriteSucceeds() {
    endpoint.pauseCluster(Duration.ofMillis(1_500));

    APIGatewayV2HTTPResponse response = put(Duration.ofSeconds(10));

    assertJson(response, 201);
  }

  @Test
  void afterTheResume_theSameRequestSucceeds_withoutRestartingAnything() {
    endpoint.pauseCluster(Duration.ofSeconds(3));
    assertThat(put(Duration.ofMillis(1_200)).getStatusCode()).isEqualTo(503);

    APIGatewayV2HTTPResponse later = put(Duration.ofSeconds(15));

    assertJson(later, 201);
  }

  private APIGatewayV2HTTPResponse put(Duration remaining) {
    return handler.handleRequest(
        ApiEvents.route("PUT /me/favorites/{comicId}").as(ANN).path("comicId", maus).build(),
        new TestContext("favorites", remaining));
  }
}
