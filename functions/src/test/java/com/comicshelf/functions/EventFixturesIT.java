package com.comicshelf.functions;

import static com.comicshelf.functions.HttpAssertions.assertJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.comicshelf.assets.CoverUrls;
import com.comicshelf.auth.SignedRequestVerifier;
import com.comicshelf.favorites.FavoriteNote;
import com.comicshelf.friends.FriendProfile;
import com.comicshelf.functions.assets.UploadsTestAccess;
import com.comicshelf.functions.auth.AuthorizerTestAccess;
import com.comicshelf.functions.catalog.ComicsTestAccess;
import com.comicshelf.functions.favorites.FavoritesTestAccess;
import com.comicshelf.functions.friends.FriendsTestAccess;
import com.comicshelf.functions.ranking.RankingTestAccess;
import com.comicshelf.sql.SqlClient;
import com.comicshelf.testing.Fixtures;
import com.comicshelf.testing.MutableClock;
import com.comicshelf.testing.DeletionServices;
import com.comicshelf.functions.account.AccountTestAccess;
import com.comicshelf.http.Json;
import com.comicshelf.testing.SocialWorld;
import com.comicshelf.testing.SqlAdapter;
import com.comicshelf.testing.TestContext;
import com.comicshelf.testing.TestDatabase;
import com.comicshelf.testing.TestImages;
import com.comicshelf.testing.TestS3;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Replays every sample event in {@code events/} (the same files {@code sam local invoke -e} uses)
 * through its handler against the real database, and checks what comes back.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(SqlAdapter.class)
class EventFixturesIT {
  @Parameter SqlAdapter adapter;

  private static final Path EVENTS = Path.of("../events");
  private static final long DEMO = 1000000001L;
  private static final long FRIEND = 1000000002L;
  private static final long NEWCOMER = 1000000003L;
  /** The oauth_token inside the sample events' signed request. */
  private static final String DEMO_TOKEN = "EAAB-demo-token";
  /** The pending upload that uploads-complete.json completes, and the file waiting in incoming/. */
  private static final long UPLOAD_ID = 4000000000000001L;
  private static final byte[] UPLOADED_PNG = TestImages.png(24, 36);
  private static final String BUCKET = "events-it";
  /** The secret the sample events' signed requests are signed with (the local gateway's default). */
  private static final String LOCAL_SECRET = "comic-shelf-local-dev-secret";
  /** The pending deletion account-data-deletion-status.json asks about. */
  private static final String PENDING_CODE = "k2m9x4q7w1p8z3n6b5v0c2r4";

  private static TestDatabase db;
  private static SqlClient sql;
  private static SocialWorld world;
  private static TestS3 s3;
  private static CoverUrls covers;
  private static final MutableClock clock = new MutableClock(Instant.parse("2026-11-18T11:07:40Z"));
  private static Map<String, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> handlerByRoute;

  @BeforeParameterizedClassInvocation
  static void wire(SqlAdapter adapter) throws IOException {
    db = TestDatabase.create("comicshelf_events_it");
    sql = db.newClient(adapter);
    world = new SocialWorld(sql, clock, 1000, 100);
    s3 = TestS3.shared();
    covers = new CoverUrls(s3.publicBaseUrl(BUCKET));
    var comics = ComicsTestAccess.handler(Services.catalog(sql, clock), Services.writeGuard(sql, clock));
    var favorites = FavoritesTestAccess.handler(world.favorites);
    var friends = FriendsTestAccess.handler(world.friends, Services.writeGuard(sql, clock));
    var ranking = RankingTestAccess.handler(world.ranking);
    var uploads = UploadsTestAccess.handler(Services.uploads(sql, clock, s3.store(BUCKET), covers), Services.writeGuard(sql, clock));
    var verifier =
        new SignedRequestVerifier(LOCAL_SECRET, Duration.ofHours(1), new MutableClock(Instant.ofEpochSecond(1_795_000_060L)));
    var account =
        AccountTestAccess.handler(DeletionServices.over(sql, clock, s3.store(BUCKET), covers, 1000), verifier);
    handlerByRoute =
        Map.ofEntries(
            Map.entry("POST /facebook/data-deletion", account),
            Map.entry("GET /facebook/data-deletion/{code}", account),
            Map.entry("POST /facebook/deauthorize", account),
            Map.entry("DELETE /me", account),
            Map.entry("GET /comics", comics),
            Map.entry("GET /comics/{comicId}", comics),
            Map.entry("POST /comics", comics),
            Map.entry("GET /me/favorites", favorites),
            Map.entry("PUT /me/favorites/{comicId}", favorites),
            Map.entry("DELETE /me/favorites/{comicId}", favorites),
            Map.entry("GET /users/{userId}/favorites", favorites),
            Map.entry("POST /me/friends/sync", friends),
            Map.entry("GET /me/friends", friends),
            Map.entry("GET /me/friends/popular", ranking),
            Map.entry("GET /comics/popular", ranking),
            Map.entry("POST /me/uploads", uploads),
            Map.entry("POST /me/uploads/{uploadId}/complete", uploads));
  }

  @AfterParameterizedClassInvocation
  static void close() {
    world.close();
    TestDatabase.close(sql);
  }

  private static void seed() {
    db.truncateAll();
    Fixtures fixtures = new Fixtures(sql);
    fixtures.user(DEMO, "Demo Reader");
    fixtures.user(FRIEND, "Friendly Reader");
    fixtures.friends(DEMO, FRIEND);
    fixtures.comic("The Dark Knight Returns", "DC Comics", 1986, DEMO); // id 1, the demo user's
    long batman = fixtures.comic("Batman: The Dark Knight", "DC Comics", 2011); // id 2
    long darkHorse = fixtures.comic("Dark Horse Presents", "Dark Horse", 1986); // id 3
    clock.set(Instant.parse("2026-11-01T00:00:00Z"));
    world.favorites.add(DEMO, batman, FavoriteNote.NONE);
    clock.set(Instant.parse("2026-11-02T00:00:00Z"));
    world.favorites.add(FRIEND, darkHorse, FavoriteNote.NONE);
    clock.set(Instant.parse("2026-11-18T11:07:40Z"));
    s3.freshBucket(BUCKET);
    fixtures.pendingUpload(
        UPLOAD_ID, DEMO, 1L, "image/png", UPLOADED_PNG.length,
        Instant.parse("2026-11-18T11:05:00Z"), Instant.parse("2026-11-18T11:10:00Z"));
    s3.putObject(BUCKET, "incoming/" + DEMO + "/" + UPLOAD_ID, "image/png", UPLOADED_PNG);
    sql.update(
        """
        INSERT INTO deletion_requests (code, user_id, origin, status, requested_at)
        VALUES (:code, :user, 'facebook', 'pending', :at)
        """,
        Map.of("code", PENDING_CODE, "user", NEWCOMER, "at", Instant.parse("2026-11-18T11:00:00Z")));
    world.setFriendsForToken(
        DEMO_TOKEN, List.of(new FriendProfile(FRIEND, "Friendly Reader"), new FriendProfile(NEWCOMER, "Newcomer")));
  }

  /** What each sample event must produce; every file in events/ must be listed here. */
  private static final Map<String, Consumer<APIGatewayV2HTTPResponse>> EXPECTED =
      Map.ofEntries(
          Map.entry(
              "account-data-deletion.json",
              r -> {
                JsonNode body = assertJson(r, 200);
                String code = body.path("confirmation_code").asText();
                assertThat(code).matches("[a-z0-9]{24}");
                assertThat(body.path("url").asText())
                    .isEqualTo("https://abc123.execute-api.eu-west-1.amazonaws.com/facebook/data-deletion/" + code);
                assertThat(body.path("status").asText()).isEqualTo("done");
                assertThat(userRow(DEMO)).as("the demo user is gone").isEmpty();
              }),
          Map.entry(
              "account-data-deletion-status.json",
              r ->
                  assertThat(assertJson(r, 200))
                      .isEqualTo(Json.MAPPER.createObjectNode().put("confirmation_code", PENDING_CODE).put("status", "pending"))),
          Map.entry(
              "account-deauthorize.json",
              r -> {
                assertThat(r.getStatusCode()).isEqualTo(204);
                assertThat(userRow(DEMO)).as("deauthorized, not deleted").isNotEmpty();
                assertThat(sql.queryOne("SELECT deauthorized_at FROM users WHERE id = :u", Map.of("u", DEMO), row -> row.getInstant("deauthorized_at")))
                    .contains(Instant.ofEpochSecond(1_795_000_000L));
              }),
          Map.entry(
              "account-delete-me.json",
              r -> {
                JsonNode body = assertJson(r, 200);
                assertThat(body.path("status").asText()).isEqualTo("done");
                assertThat(userRow(DEMO)).isEmpty();
              }),
          Map.entry(
              "comics-search.json",
              r -> {
                JsonNode body = assertJson(r, 200);
                assertThat(body.findValuesAsText("title"))
                    .containsExactly("Batman: The Dark Knight", "Dark Horse Presents");
                assertThat(body.path("nextCursor").asText()).isNotBlank();
              }),
          Map.entry(
              "comics-get.json",
              r -> assertThat(assertJson(r, 200).path("title").asText()).isEqualTo("The Dark Knight Returns")),
          Map.entry(
              "comics-add.json",
              r -> {
                JsonNode body = assertJson(r, 201);
                assertThat(body.path("id").asLong()).isEqualTo(4L);
                assertThat(body.path("title").asText()).isEqualTo("Batman: Year One");
              }),
          Map.entry(
              "favorites-list.json",
              r -> assertThat(assertJson(r, 200).path("items").findValuesAsText("title"))
                  .containsExactly("Batman: The Dark Knight")),
          Map.entry(
              "favorites-put.json",
              r -> {
                JsonNode body = assertJson(r, 201);
                assertThat(body.path("comic").path("id").asLong()).isEqualTo(1L);
                assertThat(body.path("note").asText()).isEqualTo("Read it twice.");
                assertThat(body.path("createdAt").asText()).isEqualTo("2026-11-18T11:07:40Z");
              }),
          Map.entry(
              "favorites-delete.json",
              r -> {
                assertThat(r.getStatusCode()).isEqualTo(204);
                assertThat(r.getBody()).isNull();
              }),
          Map.entry(
              "user-favorites-list.json",
              r -> assertThat(assertJson(r, 200).path("items").findValuesAsText("title"))
                  .containsExactly("Dark Horse Presents")),
          Map.entry(
              "friends-sync.json",
              r -> {
                JsonNode body = assertJson(r, 200);
                assertThat(body.path("friends").asInt()).isEqualTo(2);
                assertThat(body.path("added").asInt()).isEqualTo(1);
                assertThat(body.path("removed").asInt()).isZero();
              }),
          Map.entry(
              "friends-list.json",
              r -> assertThat(assertJson(r, 200).path("items").findValuesAsText("name"))
                  .containsExactly("Friendly Reader")),
          Map.entry(
              "friends-popular.json",
              r -> {
                JsonNode item = assertJson(r, 200).path("items").get(0);
                assertThat(item.path("comic").path("title").asText()).isEqualTo("Dark Horse Presents");
                assertThat(item.path("friendCount").asInt()).isEqualTo(1);
                assertThat(item.path("lastLikedAt").asText()).isEqualTo("2026-11-02T00:00:00Z");
                assertThat(item.path("likedBy").findValuesAsText("name")).containsExactly("Friendly Reader");
              }),
          Map.entry(
              "comics-popular.json",
              r -> assertThat(assertJson(r, 200).path("items").findValuesAsText("title"))
                  .containsExactly("Dark Horse Presents", "Batman: The Dark Knight")),
          Map.entry(
              "uploads-create.json",
              r -> {
                JsonNode body = assertJson(r, 201);
                assertThat(body.path("uploadId").asLong()).isPositive();
                assertThat(body.path("method").asText()).isEqualTo("PUT");
                assertThat(body.path("url").asText())
                    .contains("/" + BUCKET + "/incoming/" + DEMO + "/" + body.path("uploadId").asText() + "?");
                assertThat(body.path("headers").path("content-type").asText()).isEqualTo("image/jpeg");
                assertThat(body.path("headers").path("content-length").asText()).isEqualTo("48213");
                assertThat(body.path("expiresAt").asText()).isEqualTo("2026-11-18T11:12:40Z");
              }),
          Map.entry(
              "uploads-complete.json",
              r -> {
                JsonNode body = assertJson(r, 200);
                assertThat(body.path("uploadId").asLong()).isEqualTo(UPLOAD_ID);
                assertThat(body.path("comicId").asLong()).isEqualTo(1L);
                assertThat(body.path("contentType").asText()).isEqualTo("image/png");
                assertThat(body.path("coverUrl").asText())
                    .isEqualTo(covers.urlOf("public/covers/" + UPLOAD_ID + ".png"));
              }));

  @Test
  void everySampleEvent_hasAnExpectation_andEveryRouteASampleEvent() throws IOException {
    List<String> files;
    try (Stream<Path> list = Files.list(EVENTS)) {
      files = list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
    }
    // authorizer.json is an authorizer event, replayed by sampleAuthorizerEvent_admitsTheDemoUser;
    // deletion-sweep.json a scheduled event, replayed by sampleScheduledEvent_finishesPendingDeletions.
    assertThat(files)
        .containsExactlyInAnyOrderElementsOf(
            Stream.concat(EXPECTED.keySet().stream(), Stream.of("authorizer.json", "deletion-sweep.json")).toList());
    List<String> routesWithEvents =
        EXPECTED.keySet().stream().map(f -> load(f).getRouteKey()).distinct().toList();
    assertThat(routesWithEvents).containsExactlyInAnyOrderElementsOf(handlerByRoute.keySet());
  }

  @Test
  void everySampleHttpEvent_producesItsExpectedResponse() {
    for (var expected : EXPECTED.entrySet()) {
      seed();
      APIGatewayV2HTTPEvent event = load(expected.getKey());

      APIGatewayV2HTTPResponse response =
          handlerByRoute.get(event.getRouteKey()).handleRequest(event, new TestContext(expected.getKey()));

      expected.getValue().accept(response);
    }
  }

  @Test
  void sampleDeleteEvent_reallyRemovesTheFavorite() {
    seed();
    clock.set(Instant.parse("2026-11-03T00:00:00Z"));
    world.favorites.add(DEMO, 1L, FavoriteNote.NONE);

    handlerByRoute.get("DELETE /me/favorites/{comicId}").handleRequest(load("favorites-delete.json"), new TestContext("delete"));

    assertThat(sql.query("SELECT comic_id FROM favorites WHERE user_id = :u", Map.of("u", DEMO), r -> r.getLong("comic_id")))
        .containsExactly(2L);
  }

  @Test
  void sampleScheduledEvent_finishesPendingDeletions() throws IOException {
    seed();
    @SuppressWarnings("unchecked")
    Map<String, Object> scheduled = Json.MAPPER.readValue(EVENTS.resolve("deletion-sweep.json").toFile(), Map.class);

    Map<String, Object> swept =
        AccountTestAccess.sweep(DeletionServices.over(sql, clock, s3.store(BUCKET), covers, 1000))
            .handleRequest(scheduled, new TestContext("sweep"));

    assertThat(swept).containsEntry("resumed", 1).containsEntry("done", 1);
    assertThat(userRow(NEWCOMER)).isEmpty();
  }

  @Test
  void sampleAuthorizerEvent_admitsTheDemoUser() {
    var verifier =
        new SignedRequestVerifier(
            LOCAL_SECRET,
            Duration.ofHours(1),
            new MutableClock(Instant.ofEpochSecond(1_795_000_060L)));
    var response =
        AuthorizerTestAccess.handler(verifier)
            .handleRequest(
                EventLoader.loadAPIGatewayV2CustomAuthorizerEvent(EVENTS.resolve("authorizer.json").toString()),
                new TestContext("authorizer"));

    assertThat(response.getContext()).containsEntry("userId", Long.toString(DEMO)).containsEntry("oauthToken", DEMO_TOKEN);
  }

  private static java.util.Optional<Long> userRow(long userId) {
    return sql.queryOne("SELECT id FROM users WHERE id = :u", Map.of("u", userId), row -> row.getLong("id"));
  }

  private static APIGatewayV2HTTPEvent load(String file) {
    return EventLoader.loadApiGatewayHttpEvent(EVENTS.resolve(file).toString());
  }
}
