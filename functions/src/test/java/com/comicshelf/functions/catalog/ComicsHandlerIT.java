package com.comicshelf.functions.catalog;

import static com.comicshelf.functions.HttpAssertions.assertJson;
import static com.comicshelf.functions.HttpAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.comicshelf.functions.Services;
import com.comicshelf.sql.SqlClient;
import com.comicshelf.testing.ApiEvents;
import com.comicshelf.testing.MutableClock;
import com.comicshelf.testing.SqlAdapter;
import com.comicshelf.testing.TestContext;
import com.comicshelf.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass(name = "{0}")
@EnumSource(SqlAdapter.class)
class ComicsHandlerIT {
  private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
  @Parameter SqlAdapter adapter;

  private static final long ME = 1000000001L;
  private static TestDatabase db;
  private static SqlClient sql;
  private static ComicsHandler handler;

  @BeforeParameterizedClassInvocation
  static void wire(SqlAdapter adapter) {
    db = TestDatabase.create("comicshelf_comics_handler_it");
    sql = db.newClient(adapter);
    handler = new ComicsHandler(Services.catalog(sql, CLOCK), Services.writeGuard(sql, CLOCK));
  }

  @AfterParameterizedClassInvocation
  static void close() {
    TestDatabase.close(sql);
  }

  @BeforeEach
  void clean() {
    db.truncateAll();
  }

  @Test
  void addComic_returns201_withTheStoredComic_andGetReturnsItAgain() {
    JsonNode added = assertJson(add("{\"title\":\"Saga\",\"publisher\":\"Image Comics\",\"year\":2012}"), 201);

    JsonNode fetched = assertJson(call(ApiEvents.route("GET /comics/{comicId}").as(ME).path("comicId", added.path("id").asLong())), 200);

    assertThat(fetched).isEqualTo(added);
    assertThat(fetched.path("publisher").asText()).isEqualTo("Image Comics");
  }

  @Test
  void duplicateComic_is409_withTheExistingId() {
    long id = assertJson(add("{\"title\":\"Saga\",\"publisher\":\"Image Comics\",\"year\":2012}"), 201).path("id").asLong();

    JsonNode problem = assertProblem(add("{\"title\":\"saga\",\"publisher\":\"Image Comics\",\"year\":2012}"), 409, "exists already");

    assertThat(problem.path("existingId").asLong()).isEqualTo(id);
  }

  @Test
  void malformedBodies_are400_withAClearDetail() {
    assertProblem(add("{\"title\": \"Saga\", "), 400, "not valid JSON");
    assertProblem(add("[1, 2]"), 400, "JSON object");
    assertProblem(add("{\"title\":\"Saga\",\"publisher\":\"Image\",\"year\":2012,\"rating\":5}"), 400, "unknown field 'rating'");
    assertProblem(add("{\"title\":\"Saga\",\"publisher\":\"Image\",\"year\":\"2012\"}"), 400, "field 'year' has the wrong type");
    assertProblem(add("{\"title\":[\"Saga\"],\"publisher\":\"Image\",\"year\":2012}"), 400, "field 'title' has the wrong type");
    assertProblem(add("{\"title\":\"Saga\",\"publisher\":\"Image\",\"year\":2012.5}"), 400, "field 'year' has the wrong type");
    assertProblem(add("{\"title\":\"A\",\"title\":\"B\",\"publisher\":\"Image\",\"year\":2012}"), 400, "not valid JSON");
    assertProblem(add("{} {}"), 400, "");
    assertProblem(add(""), 400, "JSON body is required");
  }

  @Test
  void invalidFields_are422_andOversizeBodies_413() {
    assertProblem(add("{\"title\":\"" + "x".repeat(201) + "\",\"publisher\":\"Image\",\"year\":2012}"), 422, "title must be at most 200");
    assertProblem(add("{\"publisher\":\"Image\",\"year\":2012}"), 422, "title is required");
    assertProblem(add("{\"title\":\"Saga\",\"publisher\":\"Image\",\"year\":3000}"), 422, "year must be between");
    assertProblem(add("{\"title\":\"" + "x".repeat(17_000) + "\",\"publisher\":\"Image\",\"year\":2012}"), 413, "at most 16384 bytes");
  }

  @Test
  void nonJsonContentType_is415() {
    assertProblem(
        call(ApiEvents.route("POST /comics").as(ME).header("content-type", "text/plain").body("title=Saga")),
        415,
        "application/json");
  }

  @Test
  void badComicIds_are404_andUnknownIds404() {
    for (String bad : new String[] {"abc", "0", "-1", "1.5", "99999999999999999999"}) {
      assertProblem(call(ApiEvents.route("GET /comics/{comicId}").as(ME).path("comicId", bad)), 404, "comicId");
    }
    assertProblem(call(ApiEvents.route("GET /comics/{comicId}").as(ME).path("comicId", 42)), 404, "comic 42 does not exist");
  }

  @Test
  void searchParameters_outOfRange_are400() {
    assertProblem(call(ApiEvents.route("GET /comics").as(ME).query("limit", 0)), 400, "limit must be between 1 and 100");
    assertProblem(call(ApiEvents.route("GET /comics").as(ME).query("limit", 101)), 400, "limit must be between 1 and 100");
    assertProblem(call(ApiEvents.route("GET /comics").as(ME).query("limit", "ten")), 400, "limit must be a whole number");
    assertProblem(call(ApiEvents.route("GET /comics").as(ME).query("cursor", "garbage!")), 400, "cursor is not valid");
    assertProblem(call(ApiEvents.route("GET /comics").as(ME).query("q", "x".repeat(101))), 400, "q must be at most 100");
  }

  @Test
  void searchWithoutQuery_listsTheCatalogInPages() {
    for (int i = 0; i < 3; i++) {
      assertJson(add("{\"title\":\"Comic " + i + "\",\"publisher\":\"P\",\"year\":2000}"), 201);
    }

    JsonNode page = assertJson(call(ApiEvents.route("GET /comics").as(ME).query("limit", 2)), 200);

    assertThat(page.path("items").findValuesAsText("title")).containsExactly("Comic 0", "Comic 1");
    JsonNode next =
        assertJson(call(ApiEvents.route("GET /comics").as(ME).query("limit", 2).query("cursor", page.path("nextCursor").asText())), 200);
    assertThat(next.path("items").findValuesAsText("title")).containsExactly("Comic 2");
    assertThat(next.has("nextCursor")).isFalse();
  }

  @Test
  void unknownRouteKey_is404Problem() {
    assertProblem(call(ApiEvents.route("PATCH /comics").as(ME)), 404, "no route");
  }

  private APIGatewayV2HTTPResponse add(String body) {
    return call(ApiEvents.route("POST /comics").as(ME).body(body));
  }

  private APIGatewayV2HTTPResponse call(ApiEvents event) {
    return handler.handleRequest(event.build(), new TestContext("comics"));
  }
}
