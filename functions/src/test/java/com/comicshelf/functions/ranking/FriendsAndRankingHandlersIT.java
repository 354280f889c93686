package com.comicshelf.functions.ranking;

import static com.comicshelf.functions.HttpAssertions.assertJson;
import static com.comicshelf.functions.HttpAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.comicshelf.friends.FriendProfile;
import com.comicshelf.functions.friends.FriendsHandler;
import com.comicshelf.functions.Services;
import com.comicshelf.functions.friends.FriendsTestAccess;
import com.comicshelf.sql.SqlClient;
import com.comicshelf.testing.ApiEvents;
import com.comicshelf.testing.MutableClock;
import com.comicshelf.testing.SocialWorld;
import com.comicshelf.testing.SqlAdapter;
import com.comicshelf.testing.TestContext;
import com.comicshelf.testing.TestDatabase;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass(name = "{0}")
@EnumSource(SqlAdapter.class)
class FriendsAndRankingHandlersIT {
  @Parameter SqlAdapter adapter;

  private static final long ME = 77L;
  private static TestDatabase db;
  private static SqlClient sql;
  private static SocialWorld world;
  private static RankingHandler ranking;
  private static FriendsHandler friends;

  @BeforeParameterizedClassInvocation
  static void wire(SqlAdapter adapter) throws Exception {
    db = TestDatabase.create("comicshelf_friends_handlers_it");
    sql = db.newClient(adapter);
    MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    world = new SocialWorld(sql, clock, 1000, 2);
    ranking = new RankingHandler(world.ranking);
    friends = FriendsTestAccess.handler(world.friends, Services.writeGuard(sql, clock));
  }

  @AfterParameterizedClassInvocation
  static void close() {
    world.close();
    TestDatabase.close(sql);
  }

  @BeforeEach
  void clean() {
    db.truncateAll();
    world.graph.failOnPage(-1);
  }

  @Test
  void sync_thenList_showsTheFriendsFromEveryGraphPage() {
    world.setFriendsForToken("tok", List.of(new FriendProfile(1, "Ann"), new FriendProfile(2, "Bob"), new FriendProfile(3, "Cy")));

    assertThat(assertJson(sync("tok"), 200).path("added").asInt()).isEqualTo(3);

    assertThat(assertJson(call(friends, ApiEvents.route("GET /me/friends").as(ME).query("limit", 2)), 200).path("items").findValuesAsText("name"))
        .containsExactly("Ann", "Bob");
  }

  @Test
  void graphFailures_areClearProblems() {
    assertProblem(sync("unknown-token"), 401, "log in again");
    world.setFriendsForToken("tok", List.of(new FriendProfile(1, "Ann"), new FriendProfile(2, "Bob"), new FriendProfile(3, "Cy")));
    world.graph.failOnPage(1);
    assertProblem(sync("tok"), 502, "try again later");
    assertProblem(call(friends, ApiEvents.route("POST /me/friends/sync").as(ME)), 401, "oauth_token");
  }

  @Test
  void rankingParameters_outOfRange_are400() {
    assertProblem(call(ranking, ApiEvents.route("GET /me/friends/popular").as(ME).query("limit", 0)), 400, "limit must be between 1 and 100");
    assertProblem(call(ranking, ApiEvents.route("GET /me/friends/popular").as(ME).query("limit", "x")), 400, "limit must be a whole number");
    assertProblem(call(ranking, ApiEvents.route("GET /me/friends/popular").as(ME).query("excludeMine", "yes")), 400, "excludeMine must be true or false");
    assertProblem(call(ranking, ApiEvents.route("GET /comics/popular").as(ME).query("limit", 500)), 400, "limit must be between 1 and 100");
  }

  @Test
  void aUserWithNoFriends_getsAnEmptyList() {
    assertThat(assertJson(call(ranking, ApiEvents.route("GET /me/friends/popular").as(ME)), 200).path("items")).isEmpty();
  }

  private APIGatewayV2HTTPResponse sync(String token) {
    var event = ApiEvents.route("POST /me/friends/sync").as(ME).build();
    event.getRequestContext().getAuthorizer().getLambda().put("oauthToken", token);
    return friends.handleRequest(event, new TestContext("friends"));
  }

  private static APIGatewayV2HTTPResponse call(
      RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler, ApiEvents event) {
    return handler.handleRequest(event.build(), new TestContext("test"));
  }
}
