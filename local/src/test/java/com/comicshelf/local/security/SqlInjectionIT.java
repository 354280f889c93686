package com.comicshelf.local.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.comicshelf.local.security.Api.Reply;
import com.comicshelf.local.security.GatewayUnderTest.TemplateRoute;
import com.comicshelf.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.function.Executable;

/**
 * SQL-injection strings in every string field of every JSON body, every path parameter and every
 * query parameter are either stored and returned byte for byte (read back through the API) or
 * rejected with a 4xx problem+json: never a 5xx, never a change to any other row (row count and
 * checksum of every table, before and after each request), never executed. A {@code SLEEP} that ran
 * would only make a row slow, so rows check that the answer arrived and the tables are intact; no
 * timing is asserted.
 *
 * <p>Path parameters come from template.yaml and query parameters from {@link RouteSpec}, so a new
 * route or parameter gets its rows without anyone writing them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SqlInjectionIT {
  /** Who sends every payload: a reader unknown to the demo network, with a comic and a favorite. */
  private static final long ATTACKER = 4_300_000_001L;
  private static final String UNKNOWN_UPLOAD = "1234567890123456";

  /** Classic payloads; none has surrounding white space (stored text is stripped) or is 100+ characters. */
  // @formatter:off
  static final List<String> PAYLOADS = List.of(
      "' OR '1'='1",
      "' OR 1=1 --",
      "'; DROP TABLE comics; --",
      "'); DROP TABLE favorites; --",
      "'; UPDATE users SET name='pwned'; --",
      "\" OR \"\"=\"",
      "1; SELECT SLEEP(5)",
      "' OR SLEEP(5) OR '",
      "1' AND BENCHMARK(50000000,MD5('x'))#",
      "\\'",
      "\\\\'; DELETE FROM comics; --",
      "\\",
      "\\\\",
      "%27",
      "%",
      "_",
      "%' OR title LIKE '%",
      "' UNION SELECT id, title, publisher, year, cover_key FROM comics --",
      "1 UNION SELECT NULL,NULL,NULL,NULL,NULL--",
      "admin'--",
      "admin'#",
      "admin'/*",
      "*/ OR 1=1 /*",
      "/*!50000 OR*/ 1=1",
      "ʼ OR ʼ1ʼ=ʼ1",                  // U+02BC modifier letter apostrophe
      "‘ OR ‘1’=’1",                  // U+2018/2019 curly quotes
      "＇ OR １=１ --",                // full-width apostrophe, full-width digits
      "😀' OR '😀'='😀",              // four-byte UTF-8
      "a\u0000' OR 1=1 --",           // NUL byte
      "0x27204f52202731273d2731",
      "1 OR 1=1",
      "-1 UNION SELECT 1",
      "99999999999999999999");
  // @formatter:on

  /** A few of them, for values parsed as numbers or booleans before anything else sees them. */
  static final List<String> FEW = List.of("' OR '1'='1", "1; SELECT SLEEP(5)", "\\'", "1 OR 1=1", "99999999999999999999", "a\u0000' OR 1=1 --");

  /** What an injected value in each query parameter must answer; 200 for q is checked against the table. */
  private static final Map<String, Integer> QUERY_PARAMETER_STATUS = Map.of("q", 200, "limit", 400, "cursor", 400, "excludeMine", 400);

  /**
   * Well-formed cursors (base64url of parts joined by U+001F) with the payload as every part: the shape
   * of each route's cursor, and what it answers. Only the title keyset of GET /comics holds text.
   */
  private static final Map<String, CursorShape> CURSORS =
      Map.of(
          "GET /comics", new CursorShape(List.of("payload", "1"), 200),
          "GET /me/favorites", new CursorShape(List.of("payload", "payload", "payload"), 400),
          "GET /users/{userId}/favorites", new CursorShape(List.of("payload", "payload", "payload"), 400),
          "GET /me/friends", new CursorShape(List.of("payload"), 400));

  private record CursorShape(List<String> parts, int status) {}

  private static TestDatabase db;
  private static Tables tables;
  private static GatewayUnderTest gateway;
  private static Api api;
  private static Tokens tokens;
  private static List<TemplateRoute> routes;
  private static Map<String, String> placeholders;
  private static long ownComic;

  @BeforeAll
  static void start() {
    routes = GatewayUnderTest.templateRoutes();
    db = TestDatabase.create("comicshelf_sqli_it");
    tables = new Tables(db.dataSource());
    gateway = GatewayUnderTest.start(db);
    api = new Api(gateway);
    tokens = new Tokens(gateway.appSecret(), gateway.maxAge());

    Reply own = as("POST", "/comics", "{\"title\":\"The attacker's comic\",\"publisher\":\"SQLi Press\",\"year\":2020}");
    assertThat(own.status()).as("%s", own).isEqualTo(201);
    ownComic = own.json().path("id").asLong();
    Reply favorite = as("PUT", "/me/favorites/" + ownComic, "{\"note\":\"first\"}");
    assertThat(favorite.status()).as("%s", favorite).isEqualTo(201);
    placeholders =
        Map.of(
            "comicId", Long.toString(ownComic),
            "userId", Long.toString(ATTACKER),
            "uploadId", UNKNOWN_UPLOAD,
            "code", "abcdefghijklmnopqrstuvwx",
            "ownComicId", Long.toString(ownComic));
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
  // String fields of JSON bodies: stored and returned byte for byte, or 4xx.

  @TestFactory
  @Order(1)
  Stream<DynamicTest> bodyStringFields() {
    List<DynamicTest> rows = new ArrayList<>();
    int n = 0;
    for (String payload : PAYLOADS) {
      int i = ++n;
      rows.add(row("POST /comics", "title", payload, "stored verbatim or 4xx", () -> {
        Reply reply = storedOrRejected("POST", "/comics",
            "{\"title\":" + Api.jsonString(payload) + ",\"publisher\":\"SQLi title " + i + "\",\"year\":2001}",
            Set.of("comics"), 1);
        if (reply.status() == 201) {
          JsonNode comic = readComic(reply.json().path("id").asLong());
          assertThat(comic.path("title").asText()).as("title read back").isEqualTo(payload);
          assertThat(comic.path("publisher").asText()).isEqualTo("SQLi title " + i);
          Reply found = as("GET", "/comics?limit=100&q=" + Api.encode(payload), null);
          assertThat(found.status()).as("%s", found).isEqualTo(200);
          assertThat(ids(found.json().path("items"))).as("searching for the title finds it").contains(reply.json().path("id").asLong());
        }
      }));
      rows.add(row("POST /comics", "publisher", payload, "stored verbatim or 4xx", () -> {
        Reply reply = storedOrRejected("POST", "/comics",
            "{\"title\":\"SQLi publisher " + i + "\",\"publisher\":" + Api.jsonString(payload) + ",\"year\":2001}",
            Set.of("comics"), 1);
        if (reply.status() == 201) {
          JsonNode comic = readComic(reply.json().path("id").asLong());
          assertThat(comic.path("publisher").asText()).as("publisher read back").isEqualTo(payload);
          assertThat(comic.path("title").asText()).isEqualTo("SQLi publisher " + i);
        }
      }));
      rows.add(row("PUT /me/favorites/{comicId}", "note", payload, "stored verbatim or 4xx", () -> {
        Reply reply = storedOrRejected("PUT", "/me/favorites/" + ownComic, "{\"note\":" + Api.jsonString(payload) + "}",
            Set.of("favorites"), 0);
        if (reply.status() / 100 == 2) {
          assertThat(reply.json().path("note").asText()).as("note answered").isEqualTo(payload);
          Reply mine = as("GET", "/me/favorites?limit=100", null);
          assertThat(mine.status()).as("%s", mine).isEqualTo(200);
          JsonNode items = mine.json().path("items");
          assertThat(items).as("the attacker's favorites").hasSize(1);
          assertThat(items.get(0).path("note").asText()).as("note read back").isEqualTo(payload);
        }
      }));
      rows.add(row("POST /me/uploads", "contentType", payload, "422", () -> {
        Reply reply = rejected("POST", "/me/uploads",
            "{\"contentType\":" + Api.jsonString(payload) + ",\"contentLength\":1024,\"comicId\":" + ownComic + "}");
        assertThat(reply.status()).as("%s", reply).isEqualTo(422);
      }));
    }
    return rows.stream();
  }

  // ------------------------------------------------------------------------------------------------
  // Query parameters, as RouteSpec says each route reads them.

  @TestFactory
  @Order(2)
  Stream<DynamicTest> queryParameters() {
    List<DynamicTest> rows = new ArrayList<>();
    for (TemplateRoute route : routes) {
      Optional<RouteSpec.Row> spec = RouteSpec.of(route.routeKey());
      if (spec.isEmpty()) {
        rows.add(missingRow(route));
        continue;
      }
      for (String parameter : spec.get().queryParameters()) {
        Integer status = QUERY_PARAMETER_STATUS.get(parameter);
        if (status == null) {
          rows.add(dynamicTest(route.routeKey() + " ?" + parameter + " (no expectation)", () ->
              fail("no expected answer for an injected ?" + parameter + ": add it to QUERY_PARAMETER_STATUS")));
          continue;
        }
        String path = spec.get().pathAndQuery(placeholders).replaceFirst("\\?.*", "");
        boolean numberOrFlag = parameter.equals("limit") || parameter.equals("excludeMine");
        for (String payload : numberOrFlag ? FEW : PAYLOADS) {
          String url = path + "?" + parameter + "=" + Api.encode(payload);
          if (status == 200) {
            rows.add(row(route.routeKey(), "?" + parameter, payload, "200, only titles containing it", () ->
                searchFindsExactly(url, payload)));
          } else {
            rows.add(row(route.routeKey(), "?" + parameter, payload, Integer.toString(status), () ->
                assertThat(rejected("GET", url, null).status()).isEqualTo(status)));
          }
        }
        if (parameter.equals("cursor")) {
          CursorShape shape = CURSORS.get(route.routeKey());
          if (shape == null) {
            rows.add(dynamicTest(route.routeKey() + " ?cursor (no cursor shape)", () ->
                fail("no cursor shape for " + route.routeKey() + ": add it to CURSORS")));
            continue;
          }
          for (String payload : PAYLOADS) {
            String cursor = cursor(shape.parts().stream().map(p -> p.equals("payload") ? payload : p).toList());
            String url = path + "?cursor=" + cursor;
            rows.add(row(route.routeKey(), "?cursor well-formed, carrying", payload, Integer.toString(shape.status()), () -> {
              Reply reply = shape.status() == 200 ? unchanged("GET", url, null) : rejected("GET", url, null);
              assertThat(reply.status()).as("%s", reply).isEqualTo(shape.status());
            }));
          }
        }
      }
    }
    return rows.stream();
  }

  // ------------------------------------------------------------------------------------------------
  // Path parameters, from template.yaml: ids are positive whole numbers, anything else is 404.

  @TestFactory
  @Order(3)
  Stream<DynamicTest> pathParameters() {
    List<DynamicTest> rows = new ArrayList<>();
    for (TemplateRoute route : routes) {
      Optional<RouteSpec.Row> spec = RouteSpec.of(route.routeKey());
      if (spec.isEmpty()) {
        rows.add(missingRow(route));
        continue;
      }
      for (String parameter : route.pathParameters()) {
        for (String payload : PAYLOADS) {
          rows.add(row(route.routeKey(), "{" + parameter + "}", payload, "404", () -> {
            Map<String, String> values = new HashMap<>(placeholders);
            values.put(parameter, payload);
            long runs = gateway.invocations(route.functionId());
            Reply reply = rejected(spec.get().method(), spec.get().pathAndQuery(values), spec.get().body(placeholders));
            assertThat(reply.status()).as("%s", reply).isEqualTo(404);
            assertThat(gateway.invocations(route.functionId())).as("the handler answered").isEqualTo(runs + 1);
          }));
        }
      }
    }
    return rows.stream();
  }

  // ------------------------------------------------------------------------------------------------
  // JSON field names and numeric fields sent as strings: 4xx.

  @TestFactory
  @Order(4)
  Stream<DynamicTest> bodyShapes() {
    List<DynamicTest> rows = new ArrayList<>();
    for (TemplateRoute route : routes) {
      Optional<RouteSpec.Row> spec = RouteSpec.of(route.routeKey());
      if (spec.isEmpty() || spec.get().body() == null) {
        continue;
      }
      ObjectNode sample = (ObjectNode) Api.JSON.valueToTree(parse(spec.get().body(placeholders)));
      String path = spec.get().pathAndQuery(placeholders);
      for (String payload : FEW) {
        rows.add(row(route.routeKey(), "a field named", payload, "400", () -> {
          ObjectNode body = sample.deepCopy();
          body.put(payload, "x");
          assertThat(rejected(spec.get().method(), path, body.toString()).status()).isEqualTo(400);
        }));
        sample.fieldNames().forEachRemaining(field -> {
          if (sample.get(field).isNumber()) {
            rows.add(row(route.routeKey(), "number field " + field + " as a string", payload, "4xx", () -> {
              ObjectNode body = sample.deepCopy();
              body.put(field, payload);
              rejected(spec.get().method(), path, body.toString());
            }));
          }
        });
      }
    }
    return rows.stream();
  }

  // ------------------------------------------------------------------------------------------------
  // The user id inside a correctly signed token: the authorizer refuses it; no handler runs.

  @TestFactory
  @Order(5)
  Stream<DynamicTest> signedUserId() {
    return PAYLOADS.stream().map(payload -> row("GET /me/favorites", "token user_id", payload, "403", () -> {
      long runs = gateway.invocations("FavoritesFunction");
      DatabaseState before = tables.snapshot();
      Reply reply = api.send("GET", "/me/favorites", Optional.of("Bearer " + tokens.signedWithUserId(payload)), null);
      assertThat(reply.status()).as("%s", reply).isEqualTo(403);
      assertThat(reply.body()).isEqualTo("{\"message\":\"Forbidden\"}");
      assertThat(gateway.invocations("FavoritesFunction")).as("the handler never runs").isEqualTo(runs);
      assertThat(tables.snapshot().changedSince(before)).as("tables changed").isEmpty();
    }));
  }

  /** The same in the signed request a Facebook callback carries in its form: the handler refuses it. */
  @TestFactory
  @Order(6)
  Stream<DynamicTest> signedUserIdOfTheCallbacks() {
    return Stream.of("/facebook/data-deletion", "/facebook/deauthorize")
        .flatMap(path -> PAYLOADS.stream().map(payload -> row("POST " + path, "signed_request user_id", payload, "401", () -> {
          DatabaseState before = tables.snapshot();
          Reply reply =
              api.send("POST", path, Optional.empty(), "signed_request=" + Api.encode(tokens.signedWithUserId(payload)),
                  "application/x-www-form-urlencoded");
          assertThat(reply.status()).as("%s", reply).isEqualTo(401);
          assertProblem(reply);
          assertThat(tables.snapshot().changedSince(before)).as("tables changed").isEmpty();
        })));
  }

  // ------------------------------------------------------------------------------------------------

  /**
   * Sends a write that may store the payload: 2xx may change only {@code mayChange}, adding
   * {@code rowsAdded} rows to one of them (checked by the caller's read-back); 4xx must be a problem and
   * change nothing.
   */
  private static Reply storedOrRejected(String method, String path, String body, Set<String> mayChange, int rowsAdded) {
    DatabaseState before = tables.snapshot();
    Reply reply = as(method, path, body);
    DatabaseState after = tables.snapshot();
    assertThat(reply.status()).as("never a 5xx: %s", reply).isLessThan(500);
    if (reply.status() / 100 == 2) {
      assertThat(after.changedSince(before)).as("tables changed by %s", reply).isSubsetOf(mayChange);
      for (String table : mayChange) {
        assertThat(after.rowsAddedSince(before, table)).as("rows added to %s", table).isEqualTo(rowsAdded);
      }
    } else {
      assertProblem(reply);
      assertThat(after.changedSince(before)).as("tables changed by %s", reply).isEmpty();
    }
    return reply;
  }

  /** Sends a request that must be refused with a 4xx problem and change nothing. */
  private static Reply rejected(String method, String path, String body) {
    DatabaseState before = tables.snapshot();
    Reply reply = as(method, path, body);
    assertThat(reply.status()).as("a 4xx: %s", reply).isBetween(400, 499);
    assertProblem(reply);
    assertThat(tables.snapshot().changedSince(before)).as("tables changed by %s", reply).isEmpty();
    return reply;
  }

  /** Sends a request that must change nothing and not fail on the server. */
  private static Reply unchanged(String method, String path, String body) {
    DatabaseState before = tables.snapshot();
    Reply reply = as(method, path, body);
    assertThat(reply.status()).as("never a 5xx: %s", reply).isLessThan(500);
    assertThat(tables.snapshot().changedSince(before)).as("tables changed by %s", reply).isEmpty();
    return reply;
  }

  /** GET /comics?q=…: 200 with exactly the comics whose title contains the text (a plain substring). */
  private static void searchFindsExactly(String url, String payload) {
    Reply reply = unchanged("GET", url + "&limit=100", null);
    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    // The reference: a parameterised LIKE with an escape character of its own (not the product's
    // backslash), so wildcards and quotes in the payload are plain text; in the column's collation, like
    // the search, which is case-insensitive and takes full-width ＇ and １ for ' and 1.
    String literal = payload.strip().replace("!", "!!").replace("%", "!%").replace("_", "!_");
    Set<Long> expected =
        tables.longs("SELECT id FROM comics WHERE title LIKE CONCAT('%', ?, '%') ESCAPE '!' ORDER BY title, id", literal);
    assertThat(expected).as("fewer than a page").hasSizeLessThan(100);
    assertThat(ids(reply.json().path("items"))).as("comics whose title contains %s", payload).isEqualTo(expected);
  }

  private static void assertProblem(Reply reply) {
    assertThat(reply.contentType()).as("content type of %s", reply).startsWith("application/problem+json");
    assertThat(reply.json().path("status").asInt()).as("problem status of %s", reply).isEqualTo(reply.status());
    assertThat(reply.json().path("detail").asText()).as("a detail for the client").isNotEmpty();
  }

  private static JsonNode readComic(long id) {
    Reply reply = as("GET", "/comics/" + id, null);
    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    return reply.json();
  }

  private static Reply as(String method, String path, String body) {
    return api.send(method, path, Optional.of("Bearer " + tokens.valid(ATTACKER)), body);
  }

  private static Set<Long> ids(JsonNode items) {
    Set<Long> ids = new LinkedHashSet<>();
    StreamSupport.stream(items.spliterator(), false).forEach(i -> ids.add(i.path("id").asLong()));
    return ids;
  }

  private static String cursor(List<String> parts) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(String.join("\u001f", parts).getBytes(StandardCharsets.UTF_8));
  }

  private static Object parse(String json) {
    try {
      return Api.JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(json, e);
    }
  }

  private static DynamicTest missingRow(TemplateRoute route) {
    return dynamicTest(route.routeKey() + " (no expectation row)", () ->
        fail(route.routeKey() + " is in template.yaml but has no row in RouteSpec.ROUTES: add one"));
  }

  private static DynamicTest row(String routeKey, String where, String payload, String expected, Executable check) {
    return dynamicTest(routeKey + " · " + where + " = " + visible(payload) + " → " + expected, check);
  }

  /** The payload as a name can show it: control characters as {@code \\uXXXX}. */
  static String visible(String payload) {
    StringBuilder out = new StringBuilder();
    payload.codePoints().forEach(c -> {
      if (Character.isISOControl(c)) {
        out.append(String.format("\\u%04X", c));
      } else {
        out.appendCodePoint(c);
      }
    });
    return out.toString();
  }
}
