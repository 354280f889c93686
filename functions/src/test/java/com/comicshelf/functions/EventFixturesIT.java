package com.comicshelf.functions;

import static com.comicshelf.functions.HttpAssertions.assertJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.comicshelf.auth.SignedRequestVerifier;
import com.comicshelf.functions.auth.AuthorizerTestAccess;
import com.comicshelf.functions.catalog.ComicsTestAccess;
import com.comicshelf.functions.favorites.FavoritesTestAccess;
import com.comicshelf.sql.jdbc.JdbcSqlClient;
import com.comicshelf.testing.Fixtures;
import com.comicshelf.testing.MutableClock;
import com.comicshelf.testing.TestContext;
import com.comicshelf.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Replays every sample event in {@code events/} (the same files {@code sam local invoke -e} uses)
 * through its handler against the real database, and checks what comes back.
 */
class EventFixturesIT {
  private static final Path EVENTS = Path.of("../events");
  private static final long DEMO = 1000000001L;
  private static final long FRIEND = 1000000002L;

  private static TestDatabase db;
  private static JdbcSqlClient sql;
  private static RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> comics;
  private static RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> favorites;

  @BeforeAll
  static void wire() {
    db = TestDatabase.create("comicshelf_events_it");
    sql = db.newClient();
    MutableClock clock = new MutableClock(Instant.parse("2026-11-18T11:07:40Z"));
    comics = ComicsTestAccess.handler(Services.catalog(sql, clock));
    favorites = FavoritesTestAccess.handler(Services.favorites(sql, clock));
  }

  @AfterAll
  static void close() {
    sql.close();
  }

  @BeforeEach
  void seed() {
    db.truncateAll();
    Fixtures fixtures = new Fixtures(sql);
    fixtures.user(DEMO, "Demo Reader");
    fixtures.user(FRIEND, "Friendly Reader");
    fixtures.friends(DEMO, FRIEND);
    fixtures.comic("The Dark Knight Returns", "DC Comics", 1986); // id 1
    long batman = fixtures.comic("Batman: The Dark Knight", "DC Comics", 2011); // id 2
    long darkHorse = fixtures.comic("Dark Horse Presents", "Dark Horse", 1986); // id 3
    sql.update(
        "INSERT INTO favorites (user_id, comic_id, created_at) VALUES (:u, :c, :t)",
        Map.of("u", DEMO, "c", batman, "t", Instant.parse("2026-11-01T00:00:00Z")));
    sql.update(
        "INSERT INTO favorites (user_id, comic_id, created_at) VALUES (:u, :c, :t)",
        Map.of("u", FRIEND, "c", darkHorse, "t", Instant.parse("2026-11-02T00:00:00Z")));
  }

  /** What each sample event must produce; every file in events/ must be listed here. */
  private static final Map<String, Consumer<APIGatewayV2HTTPResponse>> EXPECTED =
      Map.of(
          "comics-search.json",
          r -> {
            JsonNode body = assertJson(r, 200);
            assertThat(body.findValuesAsText("title"))
                .containsExactly("Batman: The Dark Knight", "Dark Horse Presents");
            assertThat(body.path("nextCursor").asText()).isNotBlank();
          },
          "comics-get.json",
          r -> assertThat(assertJson(r, 200).path("title").asText()).isEqualTo("The Dark Knight Returns"),
          "comics-add.json",
          r -> {
            JsonNode body = assertJson(r, 201);
            assertThat(body.path("id").asLong()).isEqualTo(4L);
            assertThat(body.path("title").asText()).isEqualTo("Batman: Year One");
          },
          "favorites-list.json",
          r -> assertThat(assertJson(r, 200).path("items").findValuesAsText("title"))
              .containsExactly("Batman: The Dark Knight"),
          "favorites-put.json",
          r -> {
            JsonNode body = assertJson(r, 201);
            assertThat(body.path("comic").path("id").asLong()).isEqualTo(1L);
            assertThat(body.path("note").asText()).isEqualTo("Read it twice.");
            assertThat(body.path("createdAt").asText()).isEqualTo("2026-11-18T11:07:40Z");
          },
          "favorites-delete.json",
          r -> {
            assertThat(r.getStatusCode()).isEqualTo(204);
            assertThat(r.getBody()).isNull();
          },
          "user-favorites-list.json",
          r -> assertThat(assertJson(r, 200).path("items").findValuesAsText("title"))
              .containsExactly("Dark Horse Presents"));

  @Test
  void everySampleEvent_hasAnExpectation() throws IOException {
    List<String> files;
    try (Stream<Path> list = Files.list(EVENTS)) {
      files = list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
    }
    // authorizer.json is an authorizer event, replayed by sampleAuthorizerEvent_admitsTheDemoUser.
    assertThat(files).containsExactlyInAnyOrderElementsOf(
        Stream.concat(EXPECTED.keySet().stream(), Stream.of("authorizer.json")).toList());
  }

  @Test
  void everySampleHttpEvent_producesItsExpectedResponse() {
    for (var expected : EXPECTED.entrySet()) {
      seed();
      APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent(EVENTS.resolve(expected.getKey()).toString());
      var handler = event.getRouteKey().contains("favorites") ? favorites : comics;

      APIGatewayV2HTTPResponse response = handler.handleRequest(event, new TestContext(expected.getKey()));

      expected.getValue().accept(response);
    }
  }

  @Test
  void sampleDeleteEvent_reallyRemovesTheFavorite() {
    sql.update(
        "INSERT INTO favorites (user_id, comic_id, created_at) VALUES (:u, 1, :t)",
        Map.of("u", DEMO, "t", Instant.parse("2026-11-03T00:00:00Z")));

    favorites.handleRequest(
        EventLoader.loadApiGatewayHttpEvent(EVENTS.resolve("favorites-delete.json").toString()),
        new TestContext("delete"));

    assertThat(sql.query("SELECT comic_id FROM favorites WHERE user_id = :u", Map.of("u", DEMO), r -> r.getLong("comic_id")))
        .containsExactly(2L);
  }

  @Test
  void sampleAuthorizerEvent_admitsTheDemoUser() {
    var verifier =
        new SignedRequestVerifier(
            "comic-shelf-local-dev-secret",
            Duration.ofHours(1),
            new MutableClock(Instant.ofEpochSecond(1_795_000_060L)));
    var response =
        AuthorizerTestAccess.handler(verifier)
            .handleRequest(
                EventLoader.loadAPIGatewayV2CustomAuthorizerEvent(EVENTS.resolve("authorizer.json").toString()),
                new TestContext("authorizer"));

    assertThat(response.getContext()).containsEntry("userId", Long.toString(DEMO));
  }
}
