package com.comicshelf.functions.favorites;

import static com.comicshelf.functions.HttpAssertions.assertJson;
import static com.comicshelf.functions.HttpAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.comicshelf.functions.Services;
import com.comicshelf.sql.SqlClient;
import com.comicshelf.testing.ApiEvents;
import com.comicshelf.testing.Fixtures;
import com.comicshelf.testing.MutableClock;
import com.comicshelf.testing.SqlAdapter;
import com.comicshelf.testing.TestContext;
import com.comicshelf.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
class FavoritesHandlerIT {
  @Parameter SqlAdapter adapter;

  private static final long ANN = 11L;
  private static final long BOB = 12L;
  private static final long EVE = 13L;
  private static TestDatabase db;
  private static SqlClient sql;
  private static final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
  private static FavoritesHandler handler;
  private Fixtures fixtures;
  private long maus;

  @BeforeParameterizedClassInvocation
  static void wire(SqlAdapter adapter) {
    db = TestDatabase.create("comicshelf_favorites_handler_it");
    sql = db.newClient(adapter);
    handler = new FavoritesHandler(Services.favorites(sql, clock));
  }

  @AfterParameterizedClassInvocation
  static void close() {
    TestDatabase.close(sql);
  }

  @BeforeEach
  void seed() {
    db.truncateAll();
    fixtures = new Fixtures(sql);
    maus = fixtures.comic("Maus", "Pantheon Books", 1986);
  }

  @Test
  void put_is201ThenIdempotent200_andDelete204Twice() {
    JsonNode created = assertJson(put(ANN, maus, "{\"note\":\"Art Spiegelman\"}"), 201);
    JsonNode again = assertJson(put(ANN, maus, "{\"note\":\"Art Spiegelman\"}"), 200);

    assertThat(again).isEqualTo(created);
    assertThat(created.path("comic").path("title").asText()).isEqualTo("Maus");

    assertThat(delete(ANN, maus).getStatusCode()).isEqualTo(204);
    assertThat(delete(ANN, maus).getStatusCode()).isEqualTo(204);
    assertThat(assertJson(listMine(ANN, null, null), 200).path("items")).isEmpty();
  }

  @Test
  void putWithoutBody_addsAFavoriteWithoutNote() {
    JsonNode body = assertJson(call(ApiEvents.route("PUT /me/favorites/{comicId}").as(ANN).path("comicId", maus)), 201);

    assertThat(body.has("note")).isFalse();
  }

  @Test
  void putBadInput_isAClearProblem() {
    assertProblem(put(ANN, 999, null), 404, "comic 999 does not exist");
    assertProblem(put(ANN, maus, "{\"note\": 5}"), 400, "field 'note' has the wrong type");
    assertProblem(put(ANN, maus, "{\"notes\": \"x\"}"), 400, "unknown field 'notes'");
    assertProblem(put(ANN, maus, "{\"note\": \"" + "n".repeat(501) + "\"}"), 422, "at most 500");
    assertProblem(put(ANN, maus, "not json"), 400, "not valid JSON");
    assertProblem(
        call(ApiEvents.route("PUT /me/favorites/{comicId}").as(ANN).path("comicId", "maus")), 404, "comicId");
  }

  @Test
  void myFavorites_pageNewestFirst_withoutDuplicatesOrGaps() {
    List<Long> added = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      long comic = fixtures.comic("Comic " + i, "P", 2000);
      assertJson(put(ANN, comic, null), 201);
      added.add(0, comic);
      clock.advance(Duration.ofSeconds(1));
    }

    List<Long> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonNode page = assertJson(listMine(ANN, 5, cursor), 200);
      page.path("items").forEach(item -> seen.add(item.path("comic").path("id").asLong()));
      cursor = page.hasNonNull("nextCursor") ? page.path("nextCursor").asText() : null;
      pages++;
    } while (cursor != null);

    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactlyElementsOf(added);
  }

  @Test
  void listLimits_outOfRange_are400() {
    assertProblem(listMine(ANN, 0, null), 400, "limit must be between 1 and 100");
    assertProblem(listMine(ANN, 1000, null), 400, "limit must be between 1 and 100");
    assertProblem(listMine(ANN, 10, "bm90IGEgY3Vyc29y"), 400, "cursor is not valid");
  }

  @Test
  void anotherUsersFavorites_areForFriendsOnly() {
    fixtures.user(BOB, "Bob");
    fixtures.user(EVE, "Eve");
    assertJson(put(ANN, maus, null), 201);
    fixtures.friends(ANN, BOB);

    JsonNode asFriend = assertJson(listOf(BOB, ANN), 200);
    assertThat(asFriend.path("items").findValuesAsText("title")).containsExactly("Maus");
    assertThat(assertJson(listOf(ANN, ANN), 200).path("items")).hasSize(1);
    assertProblem(listOf(EVE, ANN), 403, "only user 11 and their friends");
    assertProblem(
        call(ApiEvents.route("GET /users/{userId}/favorites").as(EVE).path("userId", "ann")), 404, "userId");
  }

  private APIGatewayV2HTTPResponse put(long user, long comic, String body) {
    return call(ApiEvents.route("PUT /me/favorites/{comicId}").as(user).path("comicId", comic).body(body));
  }

  private APIGatewayV2HTTPResponse delete(long user, long comic) {
    return call(ApiEvents.route("DELETE /me/favorites/{comicId}").as(user).path("comicId", comic));
  }

  private APIGatewayV2HTTPResponse listMine(long user, Integer limit, String cursor) {
    ApiEvents event = ApiEvents.route("GET /me/favorites").as(user);
    if (limit != null) {
      event.query("limit", limit);
    }
    if (cursor != null) {
      event.query("cursor", cursor);
    }
    return call(event);
  }

  private APIGatewayV2HTTPResponse listOf(long viewer, long owner) {
    return call(ApiEvents.route("GET /users/{userId}/favorites").as(viewer).path("userId", owner));
  }

  private APIGatewayV2HTTPResponse call(ApiEvents event) {
    return handler.handleRequest(event.build(), new TestContext("favorites"));
  }
}
