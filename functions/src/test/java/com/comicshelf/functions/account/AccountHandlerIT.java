package com.comicshelf.functions.account;

import static com.comicshelf.functions.HttpAssertions.assertJson;
import static com.comicshelf.functions.HttpAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.comicshelf.assets.CoverUrls;
import com.comicshelf.auth.SignedRequestVerifier;
import com.comicshelf.favorites.FavoriteNote;
import com.comicshelf.friends.FriendProfile;
import com.comicshelf.functions.Services;
import com.comicshelf.functions.friends.FriendsTestAccess;
import com.comicshelf.sql.SqlClient;
import com.comicshelf.testing.ApiEvents;
import com.comicshelf.testing.DeletionServices;
import com.comicshelf.testing.Fixtures;
import com.comicshelf.testing.MutableClock;
import com.comicshelf.testing.SocialWorld;
import com.comicshelf.testing.SqlAdapter;
import com.comicshelf.testing.TestContext;
import com.comicshelf.testing.TestDatabase;
import com.comicshelf.testing.TestS3;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The account routes as Facebook and the person call them: the callbacks verify their
 * {@code signed_request} (a forged, expired or missing one changes nothing), the status route tells
 * pending or done and nothing else, {@code DELETE /me} deletes, and a deletion cut short by the
 * function's time is finished by the sweep.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(SqlAdapter.class)
class AccountHandlerIT {
  @Parameter SqlAdapter adapter;

  private static final String SECRET = "account-handler-it-secret";
  private static final String BUCKET = "account-handler-it";
  private static final String HOST = "api.comicshelf.example";
  private static final long ME = 1_000_000_001L;
  private static final long FRIEND = 1_000_000_002L;
  private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
  private static final MutableClock clock = new MutableClock(NOW);
  private static TestDatabase db;
  private static SqlClient sql;
  private static SocialWorld world;
  private static AccountHandler account;
  private static DeletionSweepHandler sweep;
  private static SignedRequestVerifier signer;
  private static TestS3 s3;

  @BeforeParameterizedClassInvocation
  static void wire(SqlAdapter adapter) throws Exception {
    db = TestDatabase.create("comicshelf_account_handler_it");
    sql = db.newClient(adapter);
    world = new SocialWorld(sql, clock, 1000, 100);
    s3 = TestS3.shared();
    var deletions = DeletionServices.over(sql, clock, s3.store(BUCKET), new CoverUrls(s3.publicBaseUrl(BUCKET)), 1000);
    signer = new SignedRequestVerifier(SECRET, Duration.ofHours(1), clock);
    account = new AccountHandler(deletions, signer);
    sweep = new DeletionSweepHandler(deletions);
  }

  @AfterParameterizedClassInvocation
  static void close() {
    world.close();
    TestDatabase.close(sql);
  }

  @BeforeEach
  void seed() {
    clock.set(NOW);
    db.truncateAll();
    s3.freshBucket(BUCKET);
    Fixtures fixtures = new Fixtures(sql);
    fixtures.user(ME, "Me");
    fixtures.user(FRIEND, "Friend");
    fixtures.friends(ME, FRIEND);
    long comic = fixtures.comic("Saga", "Image Comics", 2012, ME);
    world.favorites.add(ME, comic, FavoriteNote.NONE);
    world.favorites.add(FRIEND, comic, FavoriteNote.NONE);
  }

  @AfterEach
  void theFriendKeepsTheirOwnRows() {
    assertThat(
            sql.queryOne(
                """
                SELECT (SELECT COUNT(*) FROM users WHERE id = :u) + (SELECT COUNT(*) FROM favorites WHERE user_id = :u) AS n
                """,
                Map.of("u", FRIEND),
                r -> r.getInt("n")))
        .contains(2);
  }

  @Test
  void dataDeletionCallback_deletesEverything_andAnswersWhatThePlatformRequires() {
    JsonNode body = assertJson(callback("POST /facebook/data-deletion", form(signer.sign(ME, NOW, null))), 200);

    String code = body.path("confirmation_code").asText();
    assertThat(code).matches("[a-z0-9]{24}");
    assertThat(body.path("url").asText()).isEqualTo("https://" + HOST + "/facebook/data-deletion/" + code);
    assertThat(body.path("status").asText()).isEqualTo("done");
    assertThat(rowsOf(ME)).isZero();
    assertThat(assertJson(status(code), 200))
        .as("the status tells the code and where it stands, nothing else")
        .hasSize(2)
        .isEqualTo(((com.fasterxml.jackson.databind.node.ObjectNode) body.deepCopy()).without("url"));
  }

  @Test
  void forgedExpiredOrMissingSignedRequests_are4xx_andDeleteNothing() {
    int before = rowsOf(ME);
    String forged = new SignedRequestVerifier("not-our-secret", Duration.ofHours(1), clock).sign(ME, NOW, null);
    String expired = signer.sign(ME, NOW.minus(Duration.ofHours(2)), null);
    String future = signer.sign(ME, NOW.plus(Duration.ofHours(1)), null);
    String tampered = signer.sign(FRIEND, NOW, null).split("\\.")[0] + "." + signer.sign(ME, NOW, null).split("\\.")[1];

    for (String route : List.of("POST /facebook/data-deletion", "POST /facebook/deauthorize")) {
      for (String token : List.of(forged, expired, future, tampered, "not-a-token", "a.b")) {
        assertProblem(callback(route, form(token)), 401, "signed_request is not valid");
      }
      assertProblem(callback(route, "other_field=1"), 400, "signed_request is required");
      assertProblem(callback(route, "signed_request="), 400, "signed_request is required");
      assertProblem(callback(route, null), 400, "form body");
      assertProblem(callback(route, "signed_request=%zz"), 400, "URL-encoded");
      assertProblem(
          account.handleRequest(
              event(route).header("content-type", "application/json").body("{\"signed_request\":\"x\"}").build(),
              new TestContext("account")),
          415,
          "application/x-www-form-urlencoded");
      assertProblem(callback(route, "signed_request=" + "a".repeat(20_000)), 413, "at most");
    }

    assertThat(rowsOf(ME)).as("nothing deleted").isEqualTo(before);
    assertThat(sql.queryOne("SELECT COUNT(*) AS n FROM deletion_requests", Map.of(), r -> r.getLong("n"))).contains(0L);
    assertThat(sql.queryOne("SELECT deauthorized_at FROM users WHERE id = :u", Map.of("u", ME), r -> String.valueOf(r.getInstant("deauthorized_at"))))
        .contains("null");
  }

  @Test
  void theCallbackBody_mayComeBase64Encoded_asApiGatewaySendsForms() {
    var event = event("POST /facebook/data-deletion").header("content-type", "application/x-www-form-urlencoded").build();
    event.setBody(Base64.getEncoder().encodeToString(form(signer.sign(ME, NOW, null)).getBytes(StandardCharsets.UTF_8)));
    event.setIsBase64Encoded(true);

    assertThat(assertJson(account.handleRequest(event, new TestContext("account")), 200).path("status").asText()).isEqualTo("done");
  }

  @Test
  void statusOfUnknownOrMalformedCodes_is404() {
    for (String code : List.of("abcdefghijklmnopqrstuvwx", "nope", "ABCDEFGHIJKLMNOPQRSTUVWX", "'; DROP TABLE users; --")) {
      assertProblem(status(code), 404, "no deletion request");
    }
  }

  @Test
  void deleteMe_deletesTheCaller_andAgainLater_findsNothingToDelete() {
    JsonNode first = assertJson(deleteMe(new TestContext("account")), 200);
    JsonNode second = assertJson(deleteMe(new TestContext("account")), 200);

    assertThat(first.path("status").asText()).isEqualTo("done");
    assertThat(second.path("confirmation_code").asText()).isNotEqualTo(first.path("confirmation_code").asText());
    assertThat(rowsOf(ME)).isZero();
  }

  @Test
  void deletionWithoutTimeToFinish_isPending_andTheSweepFinishesIt() {
    // 2.4 s left: the request is recorded, then no time remains for the erasing itself.
    APIGatewayV2HTTPResponse response = deleteMe(new TestContext("account", Duration.ofMillis(2400)));

    JsonNode pending = assertJson(response, 202);
    String code = pending.path("confirmation_code").asText();
    assertThat(pending.path("status").asText()).isEqualTo("pending");
    assertThat(rowsOf(ME)).as("nothing erased yet").isPositive();
    assertThat(assertJson(status(code), 200).path("status").asText()).isEqualTo("pending");

    Map<String, Object> swept = sweep.handleRequest(Map.of("source", "aws.events"), new TestContext("sweep", Duration.ofSeconds(60)));

    assertThat(swept).containsEntry("resumed", 1).containsEntry("done", 1).containsEntry("stillPending", 0);
    assertThat(rowsOf(ME)).isZero();
    assertThat(assertJson(status(code), 200).path("status").asText()).isEqualTo("done");
  }

  @Test
  void afterDeauthorize_friendSyncRefusesTheOldToken_untilThePersonLogsInAgain() {
    var friends = FriendsTestAccess.handler(world.friends, Services.writeGuard(sql, clock));
    world.setFriendsForToken("old-token", List.of(new FriendProfile(FRIEND, "Friend")));
    world.setFriendsForToken("new-token", List.of(new FriendProfile(FRIEND, "Friend")));
    Instant loggedIn = NOW.minus(Duration.ofMinutes(10));

    assertThat(callback("POST /facebook/deauthorize", form(signer.sign(ME, NOW, null))).getStatusCode()).isEqualTo(204);

    assertThat(rowsOf(ME)).as("deauthorizing keeps the data").isPositive();
    assertProblem(friends.handleRequest(sync("old-token", loggedIn), new TestContext("friends")), 401, "removed the app");
    clock.set(NOW.plus(Duration.ofMinutes(5)));
    assertThat(assertJson(friends.handleRequest(sync("new-token", clock.instant()), new TestContext("friends")), 200).path("friends").asInt())
        .isEqualTo(1);
  }

  private static APIGatewayV2HTTPEvent sync(String token, Instant issuedAt) {
    var event = ApiEvents.route("POST /me/friends/sync").as(ME).build();
    event.getRequestContext().getAuthorizer().getLambda().put("oauthToken", token);
    event.getRequestContext().getAuthorizer().getLambda().put("issuedAt", Long.toString(issuedAt.getEpochSecond()));
    return event;
  }

  private static APIGatewayV2HTTPResponse callback(String route, String formBody) {
    ApiEvents event = event(route).header("content-type", "application/x-www-form-urlencoded");
    if (formBody != null) {
      event.body(formBody);
    }
    return account.handleRequest(event.build(), new TestContext("account"));
  }

  private static APIGatewayV2HTTPResponse status(String code) {
    return account.handleRequest(event("GET /facebook/data-deletion/{code}").path("code", code).build(), new TestContext("account"));
  }

  private static APIGatewayV2HTTPResponse deleteMe(TestContext context) {
    return account.handleRequest(event("DELETE /me").as(ME).build(), context);
  }

  private static ApiEvents event(String route) {
    return ApiEvents.route(route).header("host", HOST).header("x-forwarded-proto", "https");
  }

  private static String form(String signedRequest) {
    return "signed_request=" + URLEncoder.encode(signedRequest, StandardCharsets.UTF_8) + "&algorithm=ignored";
  }

  /** Rows holding the user's id in the tables a person's data lives in. */
  private static int rowsOf(long userId) {
    return sql.queryOne(
            """
            SELECT (SELECT COUNT(*) FROM users WHERE id = :u)
                 + (SELECT COUNT(*) FROM favorites WHERE user_id = :u)
                 + (SELECT COUNT(*) FROM friendships WHERE user_id = :u OR friend_id = :u)
                 + (SELECT COUNT(*) FROM comics WHERE created_by = :u) AS n
            """,
            Map.of("u", userId),
            r -> r.getInt("n"))
        .orElseThrow();
  }
}
