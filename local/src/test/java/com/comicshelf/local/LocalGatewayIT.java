package com.comicshelf.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.comicshelf.auth.SignedRequestVerifier;
import com.comicshelf.sql.SqlClient;
import com.comicshelf.testing.TestDatabase;
import com.comicshelf.users.UserRepository;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole gateway as {@code java -jar} starts it, with the real handlers from template.yaml, against
 * the test MariaDB ({@code COMICSHELF_TEST_MARIADB_URL}) instead of the embedded one. The widget in a
 * browser is {@code widget.WidgetBrowserIT}'s.
 */
class LocalGatewayIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final long READER = 4242;

  private static LocalGateway gateway;
  private static TestDatabase db;

  @BeforeAll
  static void start() {
    db = TestDatabase.create("comicshelf_local_it");
    gateway = LocalGateway.start(
        "--port", "0", "--jdbc-url", db.jdbcUrl(), "--db-user", db.user(), "--db-password", db.password(),
        // No upload is made here: an endpoint nothing listens on keeps the S3 server from starting.
        "--s3-endpoint", "http://127.0.0.1:9");
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  @Test
  void missingAuthorizationHeader_is401_andNeitherAuthorizerNorHandlerRuns() throws Exception {
    long authorizerCalls = gateway.invocations("AuthorizerFunction");
    long favoritesCalls = gateway.invocations("FavoritesFunction");

    var response = send(HttpRequest.newBuilder(uri("/me/favorites")).build());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("content-type")).contains("application/json");
    assertThat(response.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
    assertThat(gateway.invocations("AuthorizerFunction")).isEqualTo(authorizerCalls);
    assertThat(gateway.invocations("FavoritesFunction")).isEqualTo(favoritesCalls);
  }

  @Test
  void forgedToken_is403_andTheHandlerNeverRuns() throws Exception {
    String forged =
        new SignedRequestVerifier("not-the-app-secret", Duration.ofHours(1), Clock.systemUTC())
            .sign(READER, Instant.now(), null);
    long favoritesCalls = gateway.invocations("FavoritesFunction");

    var response = send(authorized(uri("/me/favorites"), forged).build());

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).isEqualTo("{\"message\":\"Forbidden\"}");
    assertThat(gateway.invocations("FavoritesFunction")).isEqualTo(favoritesCalls);
  }

  @Test
  void validToken_addsListsAndRemovesAFavorite() throws Exception {
    String token = gateway.signedRequest(READER);
    long watchmen = comicId(token, "Watchmen");

    var put = send(authorized(uri("/me/favorites/" + watchmen), token)
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString("{\"note\":\"reread every year\"}"))
        .build());
    var listed = send(authorized(uri("/me/favorites"), token).build());
    var deleted = send(authorized(uri("/me/favorites/" + watchmen), token).DELETE().build());
    var listedAfter = send(authorized(uri("/me/favorites"), token).build());

    assertThat(put.statusCode()).isEqualTo(201);
    assertThat(put.headers().firstValue("content-type")).contains("application/json");
    assertThat(JSON.readTree(put.body()).path("comic").path("id").asLong()).isEqualTo(watchmen);
    assertThat(listed.statusCode()).isEqualTo(200);
    JsonNode items = JSON.readTree(listed.body()).path("items");
    assertThat(items).hasSize(1);
    assertThat(items.get(0).path("comic").path("title").asText()).isEqualTo("Watchmen");
    assertThat(items.get(0).path("note").asText()).isEqualTo("reread every year");
    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(deleted.body()).isEmpty();
    assertThat(JSON.readTree(listedAfter.body()).path("items")).isEmpty();
  }

  /**
   * The demo reader's ranking is precomputed (67 friends): a friend's like reaches it through the
   * outbox, applied by the template's fan-out function, which the favorites function wakes through
   * Lambda's Invoke API (the gateway's own, here).
   */
  @Test
  void aFriendsLike_reachesAPrecomputedRanking_throughTheFanOutFunction() throws Exception {
    SqlClient sql = db.newClient();
    try {
      long reader = DemoData.DEMO_USER_ID;
      long friend = DemoData.DEMO_FRIEND_ID;
      assertThat(new UserRepository(sql).isMaterialized(reader)).isTrue();
      long comic =
          sql.queryOne(
                  "SELECT c.id FROM comics c WHERE NOT EXISTS (SELECT 1 FROM favorites f WHERE f.user_id = :u AND f.comic_id = c.id) ORDER BY c.id LIMIT 1",
                  Map.of("u", friend),
                  r -> r.getLong("id"))
              .orElseThrow();
      int before = precomputedCount(sql, reader, comic);
      String token = gateway.signedRequest(friend);

      var put = send(authorized(uri("/me/favorites/" + comic), token)
          .header("Content-Type", "application/json")
          .PUT(HttpRequest.BodyPublishers.ofString("{}"))
          .build());
      assertThat(put.statusCode()).isEqualTo(201);
      assertThat(awaitPrecomputedCount(sql, reader, comic, before + 1)).as("after the like").isEqualTo(before + 1);

      var deleted = send(authorized(uri("/me/favorites/" + comic), token).DELETE().build());
      assertThat(deleted.statusCode()).isEqualTo(204);
      assertThat(awaitPrecomputedCount(sql, reader, comic, before)).as("after its removal").isEqualTo(before);
      assertThat(sql.queryOne("SELECT COUNT(*) AS n FROM popularity_outbox", Map.of(), r -> r.getLong("n")))
          .as("nothing left pending")
          .contains(0L);
    } finally {
      TestDatabase.close(sql);
    }
  }

  private static int precomputedCount(SqlClient sql, long user, long comic) {
    return sql.queryOne(
            "SELECT friend_count FROM friend_favorite_counts WHERE user_id = :u AND comic_id = :c",
            Map.of("u", user, "c", comic),
            r -> r.getInt("friend_count"))
        .orElse(0);
  }

  /** The count once it is {@code expected}, or whatever it is after 10 s. */
  private static int awaitPrecomputedCount(SqlClient sql, long user, long comic, int expected) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    int count = precomputedCount(sql, user, comic);
    while (count != expected && System.nanoTime() - deadline < 0) {
      Thread.sleep(20);
      count = precomputedCount(sql, user, comic);
    }
    return count;
  }

  @Test
  void demoReader_seesARanking_syncsFriendsFromTheGraphStub_andSeesTheirFavorites() throws Exception {
    String token = gateway.signedRequest(DemoData.DEMO_USER_ID);

    var popular = send(authorized(uri("/me/friends/popular?limit=5"), token).build());
    var sync = send(authorized(uri("/me/friends/sync"), token).POST(HttpRequest.BodyPublishers.noBody()).build());
    var friendsFavorites = send(authorized(uri("/users/" + DemoData.DEMO_FRIEND_ID + "/favorites"), token).build());
    var overall = send(authorized(uri("/comics/popular?limit=3"), token).build());

    assertThat(popular.statusCode()).isEqualTo(200);
    JsonNode ranking = JSON.readTree(popular.body()).path("items");
    assertThat(ranking).hasSize(5);
    assertThat(ranking).extracting(i -> i.path("friendCount").asInt()).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    assertThat(ranking.get(0).path("likedBy")).hasSize(3);
    assertThat(sync.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(sync.body()).path("added").asInt()).isEqualTo(DemoSocialGraph.NEW_FRIENDS_FOR_SYNC);
    assertThat(JSON.readTree(sync.body()).path("removed").asInt()).isZero();
    assertThat(friendsFavorites.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(friendsFavorites.body()).path("items")).isNotEmpty();
    assertThat(JSON.readTree(overall.body()).path("items")).hasSize(3);
  }

  @Test
  void theWidget_isServedUnderStatic_andNothingOutsideIt() throws Exception {
    var page = send(HttpRequest.newBuilder(uri("/static/index.html")).build());
    var script = send(HttpRequest.newBuilder(uri("/static/comic-shelf.js")).build());
    var outside = send(HttpRequest.newBuilder(uri("/static/../pom.xml")).build());

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("content-type")).contains("text/html; charset=utf-8");
    assertThat(page.body()).contains("<title>Comic Shelf</title>");
    assertThat(script.headers().firstValue("content-type")).contains("text/javascript; charset=utf-8");
    assertThat(outside.statusCode()).isEqualTo(404);
  }

  @Test
  void unknownRoute_is404NotFound() throws Exception {
    var response = send(authorized(uri("/no/such/route"), gateway.signedRequest(READER)).build());

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).isEqualTo("{\"message\":\"Not Found\"}");
  }

  private static long comicId(String token, String title) throws IOException, InterruptedException {
    var response = send(authorized(uri("/comics?q=" + title), token).build());
    assertThat(response.statusCode()).isEqualTo(200);
    return JSON.readTree(response.body()).path("items").get(0).path("id").asLong();
  }

  private static HttpRequest.Builder authorized(URI uri, String token) {
    return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token);
  }

  private static URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + gateway.port() + pathAndQuery);
  }

  private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
