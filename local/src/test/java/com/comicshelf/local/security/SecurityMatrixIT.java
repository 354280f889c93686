package com.comicshelf.local.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.comicshelf.local.InProcessGateway;
import com.comicshelf.local.security.Api.Reply;
import com.comicshelf.local.security.GatewayUnderTest.TemplateRoute;
import com.comicshelf.local.security.Tokens.TokenCase;
import com.comicshelf.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

/**
 * The security matrix: every route of {@code template.yaml} × every kind of token → the status API
 * Gateway or the route must answer, plus explicit rows for whose data a caller may see or change.
 *
 * <p>Auth rows (generated): no token → 401 {@code {"message":"Unauthorized"}} without running the
 * authorizer; a forged, tampered (another user's signature), wrong-algorithm ({@code HMAC-SHA1},
 * {@code none}), expired or future-dated token → 403
 * {@code {"message":"Forbidden"}}; in both cases the route's function never runs and no table changes.
 * The same request with a valid token is the control: it reaches the function and answers the
 * route's status from {@link RouteSpec}.
 */
class SecurityMatrixIT {
  /** The caller of the auth matrix: a reader the demo network does not know. */
  private static final long CALLER = 4_200_000_001L;
  /** A reader who starts with nothing and tries to touch other people's rows. */
  private static final long INTRUDER = 4_200_000_002L;
  /** Nobody: never signed in, no row anywhere. */
  private static final long NOBODY = 4_299_999_999L;
  /** An upload id of the right shape that was never issued. */
  private static final String UNKNOWN_UPLOAD = "1234567890123456";

  private static TestDatabase db;
  private static Tables tables;
  private static GatewayUnderTest gateway;
  private static Api api;
  private static Tokens tokens;
  private static List<TemplateRoute> routes;
  private static Map<String, String> placeholders;
  /** The demo reader, who created the demo comics, their friend, and someone they do not know. */
  private static long reader;

  private static long friend;
  private static long stranger;
  private static long demoComic;

  @BeforeAll
  static void start() {
    routes = GatewayUnderTest.templateRoutes();
    db = TestDatabase.create("comicshelf_security_it");
    tables = new Tables(db.dataSource());
    gateway = GatewayUnderTest.start(db);
    api = new Api(gateway);
    tokens = new Tokens(gateway.appSecret(), gateway.maxAge());

    reader = InProcessGateway.DEMO_USER_ID;
    friend = InProcessGateway.DEMO_FRIEND_ID;
    stranger =
        queryLong(
            """
            SELECT u.id FROM users u
            WHERE u.id <> ? AND NOT EXISTS (SELECT 1 FROM friendships f WHERE f.user_id = ? AND f.friend_id = u.id)
              AND EXISTS (SELECT 1 FROM favorites v WHERE v.user_id = u.id)
            ORDER BY u.id LIMIT 1
            """,
            reader, reader);
    demoComic = queryLong("SELECT id FROM comics WHERE created_by = ? ORDER BY id LIMIT 1", reader);
    assertThat(queryLong("SELECT COUNT(*) FROM friendships WHERE user_id = ? AND friend_id = ?", reader, friend))
        .as("the demo reader and the demo friend are friends in the seeded database").isEqualTo(1);
    assertThat(favoriteComicIds(friend)).as("the demo friend has favorites").isNotEmpty();
    assertThat(favoriteComicIds(stranger)).as("the stranger has favorites").isNotEmpty();

    Reply own = api.send("POST", "/comics", bearer(CALLER),
        "{\"title\":\"Security matrix: the caller's own comic\",\"publisher\":\"Comic Shelf QA\",\"year\":2020}");
    assertThat(own.status()).as("the caller adds a comic of their own: %s", own).isEqualTo(201);
    placeholders =
        Map.of(
            "comicId", Long.toString(demoComic),
            "userId", Long.toString(CALLER),
            "uploadId", UNKNOWN_UPLOAD,
            "code", "abcdefghijklmnopqrstuvwx",
            "ownComicId", own.json().path("id").asText());
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.close();
    }
    if (tables != null) {
      tables.close();
    }
  }

  // ------------------------------------------------------------------------------------------------
  // Coverage: the template and the specification name the same routes.

  @Test
  void everyTemplateRouteHasAnExpectationRow_andEveryRowIsATemplateRoute() {
    Set<String> inTemplate = routes.stream().map(TemplateRoute::routeKey).collect(Collectors.toCollection(TreeSet::new));
    Set<String> specified = RouteSpec.ROUTES.stream().map(RouteSpec.Row::routeKey).collect(Collectors.toCollection(TreeSet::new));

    assertThat(routes).as("template.yaml declares routes").isNotEmpty();
    assertThat(specified)
        .as("RouteSpec.ROUTES must have exactly one row per route of template.yaml (add the new route's row)")
        .isEqualTo(inTemplate);
  }

  @Test
  void everyTemplateRouteButFacebooksCallbacks_isBehindTheSignedRequestAuthorizer() {
    assertThat(routes)
        .as("routes without an authorizer: Facebook calls them server to server, signing the form instead")
        .filteredOn(r -> r.authorizerFunctionId().isEmpty())
        .extracting(TemplateRoute::routeKey)
        .containsExactlyInAnyOrder(
            "POST /facebook/data-deletion", "GET /facebook/data-deletion/{code}", "POST /facebook/deauthorize");
    assertThat(RouteSpec.ROUTES)
        .as("the rows that sign their form are the routes without an authorizer, but the status page")
        .filteredOn(RouteSpec.Row::signedInBody)
        .extracting(RouteSpec.Row::routeKey)
        .containsExactlyInAnyOrder("POST /facebook/data-deletion", "POST /facebook/deauthorize");
  }

  // ------------------------------------------------------------------------------------------------
  // Generated: every template route × every token case.

  @TestFactory
  Stream<DynamicTest> authorizationMatrix() {
    return routes.stream()
        .flatMap(
            route -> {
              Optional<RouteSpec.Row> row = RouteSpec.of(route.routeKey());
              if (row.isEmpty()) {
                return Stream.of(dynamicTest(route.routeKey() + " × (no expectation row)", () ->
                    fail(route.routeKey() + " is in template.yaml but has no row in RouteSpec.ROUTES: add one")));
              }
              if (route.authorizerFunctionId().isEmpty()) {
                return Arrays.stream(TokenCase.values())
                    .map(tokenCase -> dynamicTest(
                        route.routeKey() + " × " + tokenCase.label + " in the form → " + unauthorizedStatus(row.get(), tokenCase),
                        () -> checkUnauthorizedRouteRow(route, row.get(), tokenCase)));
              }
              return Arrays.stream(TokenCase.values())
                  .map(tokenCase -> dynamicTest(
                      route.routeKey() + " × " + tokenCase.label + " → "
                          + (tokenCase.denied() ? tokenCase.deniedStatus : row.get().status()),
                      () -> checkAuthRow(route, row.get(), tokenCase)));
            });
  }

  private static void checkAuthRow(TemplateRoute route, RouteSpec.Row row, TokenCase tokenCase) {
    String what = route.routeKey() + " × " + tokenCase.label;
    assertThat(route.authorizerFunctionId()).as("%s: the route has an authorizer", what).isPresent();
    String authorizer = route.authorizerFunctionId().get();
    long handlerRuns = gateway.invocations(route.functionId());
    long authorizerRuns = gateway.invocations(authorizer);
    DatabaseState before = tables.snapshot();

    Reply reply = api.send(row.method(), row.pathAndQuery(placeholders), tokens.bearer(tokenCase, CALLER), row.body(placeholders));

    if (tokenCase.denied()) {
      assertThat(reply.status()).as("%s: status of %s", what, reply).isEqualTo(tokenCase.deniedStatus);
      assertThat(reply.contentType()).as("%s: content type", what).startsWith("application/json");
      assertThat(reply.body()).as("%s: body", what).isEqualTo("{\"message\":\"" + tokenCase.deniedMessage + "\"}");
      assertThat(gateway.invocations(route.functionId()))
          .as("%s: %s must never run", what, route.functionId()).isEqualTo(handlerRuns);
      assertThat(gateway.invocations(authorizer))
          .as("%s: authorizer runs (none without the identity header)", what)
          .isEqualTo(authorizerRuns + (tokenCase == TokenCase.NO_TOKEN ? 0 : 1));
      assertThat(tables.snapshot().changedSince(before)).as("%s: tables changed", what).isEmpty();
    } else {
      assertThat(reply.status()).as("%s: status of %s", what, reply).isEqualTo(row.status());
      assertThat(gateway.invocations(route.functionId())).as("%s: %s runs once", what, route.functionId())
          .isEqualTo(handlerRuns + 1);
      assertThat(gateway.invocations(authorizer)).as("%s: the authorizer runs once", what).isEqualTo(authorizerRuns + 1);
    }
  }

  /**
   * A route without the authorizer: a callback verifies the signed request in its form itself (no
   * token: 400; any bad one: 401 problem+json; nothing changes either way), and the status page
   * answers the same whatever the token. The function always runs; no authorizer ever does.
   */
  private static int unauthorizedStatus(RouteSpec.Row row, TokenCase tokenCase) {
    if (!row.signedInBody() || tokenCase == TokenCase.VALID) {
      return row.status();
    }
    return tokenCase == TokenCase.NO_TOKEN ? 400 : 401;
  }

  private static void checkUnauthorizedRouteRow(TemplateRoute route, RouteSpec.Row row, TokenCase tokenCase) {
    String what = route.routeKey() + " × " + tokenCase.label;
    long handlerRuns = gateway.invocations(route.functionId());
    DatabaseState before = tables.snapshot();
    Optional<String> token = tokens.bearer(tokenCase, CALLER).map(bearer -> bearer.substring("Bearer ".length()));

    Reply reply =
        row.signedInBody()
            ? api.send(row.method(), row.pathAndQuery(placeholders), Optional.empty(),
                "signed_request=" + Api.encode(token.orElse("")), "application/x-www-form-urlencoded")
            : api.send(row.method(), row.pathAndQuery(placeholders), tokens.bearer(tokenCase, CALLER), row.body(placeholders));

    int expected = unauthorizedStatus(row, tokenCase);
    assertThat(reply.status()).as("%s: status of %s", what, reply).isEqualTo(expected);
    assertThat(gateway.invocations(route.functionId())).as("%s: %s runs once", what, route.functionId())
        .isEqualTo(handlerRuns + 1);
    if (expected >= 400) {
      assertProblem(reply, expected);
      assertThat(tables.snapshot().changedSince(before)).as("%s: tables changed", what).isEmpty();
    }
  }

  // ------------------------------------------------------------------------------------------------
  // Explicit: whose data a valid caller may read or change.

  @TestFactory
  Stream<DynamicTest> ownership() {
    List<DynamicTest> rows = new ArrayList<>();

    // GET /users/{userId}/favorites: oneself and friends only.
    rows.add(row("GET /users/{userId}/favorites", "of oneself", 200, () -> {
      Reply reply = api.send("GET", "/users/" + reader + "/favorites?limit=100", bearer(reader), null);
      assertStatus(reply, 200);
      assertThat(comicIdsOf(reply)).as("the reader's own favorites").isEqualTo(favoriteComicIds(reader));
    }));
    rows.add(row("GET /users/{userId}/favorites", "of a friend", 200, () -> {
      Reply reply = api.send("GET", "/users/" + friend + "/favorites?limit=100", bearer(reader), null);
      assertStatus(reply, 200);
      assertThat(comicIdsOf(reply)).as("exactly the friend's favorites").isEqualTo(favoriteComicIds(friend));
    }));
    rows.add(row("GET /users/{userId}/favorites", "of a stranger", 403, () -> {
      Reply reply = api.send("GET", "/users/" + stranger + "/favorites", bearer(reader), null);
      assertProblem(reply, 403);
      assertThat(reply.json().has("items")).as("no favorites in %s", reply).isFalse();
    }));
    rows.add(row("GET /users/{userId}/favorites", "a stranger reading mine", 403, () -> {
      Reply reply = api.send("GET", "/users/" + reader + "/favorites", bearer(stranger), null);
      assertProblem(reply, 403);
      assertThat(reply.json().has("items")).as("no favorites in %s", reply).isFalse();
    }));
    rows.add(row("GET /users/{userId}/favorites", "of someone who never signed in", 403, () ->
        assertProblem(api.send("GET", "/users/" + NOBODY + "/favorites", bearer(reader), null), 403)));
    rows.add(row("GET /users/{userId}/favorites", "of a stranger, paging with a cursor", 403, () -> {
      String cursor = api.send("GET", "/users/" + friend + "/favorites?limit=1", bearer(reader), null).json().path("nextCursor").asText();
      assertThat(cursor).as("the friend has a second page").isNotEmpty();
      assertProblem(api.send("GET", "/users/" + stranger + "/favorites?limit=1&cursor=" + Api.encode(cursor), bearer(reader), null), 403);
    }));

    // Uploads are private: someone else's is as unknown as one that never existed.
    rows.add(row("POST /me/uploads/{uploadId}/complete", "another user's upload", 404, () -> {
      Reply started = api.send("POST", "/me/uploads", bearer(reader),
          "{\"contentType\":\"image/png\",\"contentLength\":2048,\"comicId\":" + demoComic + "}");
      assertStatus(started, 201);
      String uploadId = started.json().path("uploadId").asText();
      DatabaseState before = tables.snapshot();
      long completeRuns = gateway.invocations("CompleteUploadFunction");

      Reply theirs = api.send("POST", "/me/uploads/" + uploadId + "/complete", bearer(stranger), null);
      Reply unknown = api.send("POST", "/me/uploads/" + UNKNOWN_UPLOAD + "/complete", bearer(stranger), null);

      assertProblem(theirs, 404);
      assertThat(gateway.invocations("CompleteUploadFunction")).as("the handler decided").isEqualTo(completeRuns + 2);
      assertThat(theirs.json().path("title")).as("same answer as an unknown upload").isEqualTo(unknown.json().path("title"));
      assertThat(theirs.json().path("detail").asText().replace(uploadId, UNKNOWN_UPLOAD))
          .as("same detail as an unknown upload, up to the id").isEqualTo(unknown.json().path("detail").asText());
      assertThat(theirs.body()).as("nothing about the owner").doesNotContain(Long.toString(reader));
      assertThat(tables.snapshot().changedSince(before)).as("tables changed").isEmpty();
    }));
    rows.add(row("POST /me/uploads/{uploadId}/complete", "an upload that never existed", 404, () ->
        assertProblem(api.send("POST", "/me/uploads/" + UNKNOWN_UPLOAD + "/complete", bearer(reader), null), 404)));
    rows.add(row("POST /me/uploads", "for a comic one did not create", 403, () -> {
      DatabaseState before = tables.snapshot();
      Reply reply = api.send("POST", "/me/uploads", bearer(stranger),
          "{\"contentType\":\"image/png\",\"contentLength\":2048,\"comicId\":" + demoComic + "}");
      assertProblem(reply, 403);
      assertThat(reply.json().has("url")).as("no upload URL in %s", reply).isFalse();
      assertThat(tables.snapshot().changedSince(before)).as("tables changed").isEmpty();
    }));
    rows.add(row("POST /me/uploads", "for one's own comic", 201, () -> {
      Reply reply = api.send("POST", "/me/uploads", bearer(reader),
          "{\"contentType\":\"image/jpeg\",\"contentLength\":4096,\"comicId\":" + demoComic + "}");
      assertStatus(reply, 201);
      String uploadId = reply.json().path("uploadId").asText();
      assertThat(queryLong("SELECT uploader_id FROM uploads WHERE id = ?", Long.parseLong(uploadId)))
          .as("the upload is the caller's").isEqualTo(reader);
      assertThat(reply.json().path("url").asText()).as("the key holds the caller's id, nothing from the client")
          .contains("incoming/" + reader + "/" + uploadId);
    }));

    // PUT/DELETE /me/favorites/{comicId} touch the caller's own row only.
    rows.add(row("PUT /me/favorites/{comicId}", "a comic another user has, with a note", 201, () -> {
      long comic = favoriteComicIds(friend).iterator().next();
      assertStatus(api.send("PUT", "/me/favorites/" + comic, bearer(friend), "{\"note\":\"the friend's own note\"}"), 200);
      String theirsBefore = favoriteRow(friend, comic);

      Reply reply = api.send("PUT", "/me/favorites/" + comic, bearer(INTRUDER), "{\"note\":\"the intruder's note\"}");

      assertStatus(reply, 201);
      assertThat(favoriteRow(friend, comic)).as("the friend's favorite, note and time").isEqualTo(theirsBefore);
      assertThat(favoriteRow(friend, comic)).contains("the friend's own note");
      assertThat(favoriteRow(INTRUDER, comic)).as("the intruder's own row").contains("the intruder's note");
    }));
    rows.add(row("DELETE /me/favorites/{comicId}", "a comic only another user has", 204, () -> {
      long comic = favoriteComicIds(stranger).stream().filter(c -> !favoriteComicIds(INTRUDER).contains(c)).findFirst().orElseThrow();
      DatabaseState before = tables.snapshot();

      Reply reply = api.send("DELETE", "/me/favorites/" + comic, bearer(INTRUDER), null);

      assertThat(reply.status()).as("%s", reply).isEqualTo(204);
      assertThat(favoriteComicIds(stranger)).as("the stranger's favorite survives").contains(comic);
      assertThat(tables.snapshot().changedSince(before)).as("tables changed").isEmpty();
    }));

    // GET /me/* shows the caller's own rows and nobody else's, whatever the request says.
    rows.add(row("GET /me/favorites", "exactly one's own", 200, () -> {
      Reply reply = api.send("GET", "/me/favorites?limit=100", bearer(reader), null);
      assertStatus(reply, 200);
      assertThat(comicIdsOf(reply)).isEqualTo(favoriteComicIds(reader));
    }));
    rows.add(row("GET /me/favorites", "asking for another user by query and header", 200, () -> {
      var request = api.send("GET", "/me/favorites?limit=100&userId=" + friend + "&user_id=" + friend, bearer(INTRUDER), null);
      assertStatus(request, 200);
      assertThat(comicIdsOf(request)).isEqualTo(favoriteComicIds(INTRUDER)).doesNotContainAnyElementsOf(
          minus(favoriteComicIds(friend), favoriteComicIds(INTRUDER)));
    }));
    rows.add(row("GET /me/friends", "exactly one's own", 200, () -> {
      Reply reply = api.send("GET", "/me/friends?limit=100", bearer(reader), null);
      assertStatus(reply, 200);
      Set<Long> ids = new HashSet<>();
      reply.json().path("items").forEach(i -> ids.add(i.path("id").asLong()));
      assertThat(ids).isEqualTo(longs("SELECT friend_id FROM friendships WHERE user_id = ?", reader));
    }));
    rows.add(row("GET /me/friends", "someone without friends", 200, () -> {
      Reply reply = api.send("GET", "/me/friends", bearer(NOBODY), null);
      assertStatus(reply, 200);
      assertThat(reply.json().path("items")).isEmpty();
    }));
    rows.add(row("GET /me/friends/popular", "someone without friends", 200, () -> {
      Reply reply = api.send("GET", "/me/friends/popular", bearer(NOBODY), null);
      assertStatus(reply, 200);
      assertThat(reply.json().path("items")).as("no one else's ranking").isEmpty();
    }));

    return rows.stream();
  }

  /** One explicit row; its route must be a route of the template. */
  private static DynamicTest row(String routeKey, String caseName, int expectedStatus, Executable check) {
    return dynamicTest(routeKey + " × " + caseName + " → " + expectedStatus, () -> {
      assertThat(routes).extracting(TemplateRoute::routeKey).as("a route of template.yaml").contains(routeKey);
      check.execute();
    });
  }

  // ------------------------------------------------------------------------------------------------

  private static Optional<String> bearer(long userId) {
    return Optional.of("Bearer " + tokens.valid(userId));
  }

  private static void assertStatus(Reply reply, int status) {
    assertThat(reply.status()).as("status of %s", reply).isEqualTo(status);
  }

  private static void assertProblem(Reply reply, int status) {
    assertStatus(reply, status);
    assertThat(reply.contentType()).as("content type of %s", reply).startsWith("application/problem+json");
    assertThat(reply.json().path("status").asInt()).as("problem status").isEqualTo(status);
  }

  private static Set<Long> comicIdsOf(Reply reply) {
    JsonNode items = reply.json().path("items");
    assertThat(reply.json().has("nextCursor")).as("one page holds them all: %s", reply).isFalse();
    return StreamSupport.stream(items.spliterator(), false)
        .map(i -> i.path("comic").path("id").asLong())
        .collect(Collectors.toSet());
  }

  private static Set<Long> favoriteComicIds(long userId) {
    return longs("SELECT comic_id FROM favorites WHERE user_id = ?", userId);
  }

  private static Set<Long> minus(Set<Long> a, Set<Long> b) {
    Set<Long> out = new HashSet<>(a);
    out.removeAll(b);
    return out;
  }

  /** One favorite row as text, every column, or "" when there is none. */
  private static String favoriteRow(long userId, long comicId) {
    return tables.rows("SELECT user_id, comic_id, created_at, note FROM favorites WHERE user_id = ? AND comic_id = ?", userId, comicId)
        .stream().map(Object::toString).findFirst().orElse("");
  }

  private static long queryLong(String sql, Object... params) {
    return tables.oneLong(sql, params);
  }

  private static Set<Long> longs(String sql, Object... params) {
    return tables.longs(sql, params);
  }
}
