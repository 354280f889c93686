package com.comicshelf.functions.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.comicshelf.common.Cursor;
import com.comicshelf.functions.fuzz.FuzzRequests.Body;
import com.comicshelf.functions.fuzz.FuzzRequests.FuzzEvent;
import com.comicshelf.testing.SqlAdapter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzes every route of {@code template.yaml} through its real handler, over a real seeded database
 * and both SQL adapters: route keys, path parameters, query strings, headers and bodies of every
 * shape (see {@link FuzzRequests} and {@link FuzzJson}). Whatever comes in, the answer is below 500,
 * errors are problem+json without internals, successes are JSON, and the handler never throws
 * ({@link FuzzOracle}). Seeds are fixed, so CI runs the same requests every time; change a seed to
 * explore further. The totals are printed at the end and written to {@code target/fuzz/}.
 */
class HandlerFuzzIT {
  private static FuzzWorld world;
  private static final FuzzOracle oracle = new FuzzOracle();

  @BeforeContainer
  static void wire() {
    world = new FuzzWorld("comicshelf_fuzz_handlers_it");
  }

  @AfterContainer
  static void report() throws IOException {
    String summary = oracle.summary("Handler fuzzing");
    System.out.println(summary);
    Path out = Path.of("target", "fuzz");
    Files.createDirectories(out);
    Files.writeString(out.resolve("handler-fuzz-summary.txt"), summary + "\n");
    if (world != null) {
      world.close();
    }
  }

  @Property(tries = 2500, seed = "4711001", afterFailure = AfterFailureMode.SAMPLE_FIRST, edgeCases = EdgeCasesMode.NONE)
  void anyRoute_anyPart_anything(@ForAll("anything") FuzzEvent request) {
    run("anything", request);
  }

  @Property(tries = 3000, seed = "4711002", afterFailure = AfterFailureMode.SAMPLE_FIRST, edgeCases = EdgeCasesMode.NONE)
  void bodies_ofEveryShape(@ForAll("bodies") FuzzEvent request) {
    run("bodies", request);
  }

  @Property(tries = 2000, seed = "4711003", afterFailure = AfterFailureMode.SAMPLE_FIRST, edgeCases = EdgeCasesMode.NONE)
  void queryStrings_limitsCursorsAndSearches(@ForAll("queries") FuzzEvent request) {
    run("queries", request);
  }

  @Property(tries = 1500, seed = "4711004", afterFailure = AfterFailureMode.SAMPLE_FIRST, edgeCases = EdgeCasesMode.NONE)
  void pathParameters_validAndNot(@ForAll("paths") FuzzEvent request) {
    run("paths", request);
  }

  @Property(tries = 1500, seed = "4711005", afterFailure = AfterFailureMode.SAMPLE_FIRST, edgeCases = EdgeCasesMode.NONE)
  void headersAndBodyEncodings(@ForAll("headers") FuzzEvent request) {
    run("headers", request);
  }

  // ---- regressions: what the fuzzing found, kept as plain examples ---------------------------------

  /** Was a 500: the SQL adapters refuse an instant finer than a millisecond, and the cursor let one through. */
  @Example
  void favoritesCursor_withSubMillisecondTime_is400() {
    for (String route : List.of("GET /me/favorites", "GET /users/{userId}/favorites")) {
      for (String nanos : List.of("1", "423", "999999", "123456789")) {
        String cursor = Cursor.encode("1700000000", nanos, "1");
        var response = world.handle(SqlAdapter.JDBC, route, FuzzRequests.event(
            route, FuzzWorld.READER, null, Map.of("userId", Long.toString(FuzzWorld.READER)), Map.of("cursor", cursor),
            Map.of(), null, false));
        FuzzOracle.checkResponse(response.getStatusCode(), FuzzOracle.contentType(response.getHeaders()),
            response.getBody(), response.getIsBase64Encoded(), route + " cursor " + cursor);
        assertThat(response.getStatusCode()).as(route + " nanos " + nanos).isEqualTo(400);
      }
    }
  }

  /** Was a 500: the JSON literal null parsed to a null request, which the services dereferenced. */
  @Example
  void nullJsonBody_is400() {
    for (String route : List.of("POST /comics", "POST /me/uploads", "PUT /me/favorites/{comicId}")) {
      for (Body body : List.of(Body.text("null"), Body.text(" null\n"), Body.bytes("null".getBytes(StandardCharsets.UTF_8)))) {
        var response = world.handle(SqlAdapter.JDBC, route, FuzzRequests.event(
            route, FuzzWorld.READER, null, Map.of("comicId", "1"), null, Map.of("content-type", "application/json"),
            body.text(), body.base64()));
        FuzzOracle.checkResponse(response.getStatusCode(), FuzzOracle.contentType(response.getHeaders()),
            response.getBody(), response.getIsBase64Encoded(), route + " " + body);
        assertThat(response.getStatusCode()).as(route + " " + body).isEqualTo(400);
      }
    }
  }

  private static void run(String property, FuzzEvent request) {
    APIGatewayV2HTTPResponse response;
    long started = System.nanoTime();
    try {
      response = world.handle(request.adapter(), request.handlerOf(), request.event());
      oracle.took(request.handlerOf() + " " + request.adapter(), System.nanoTime() - started);
    } catch (Throwable t) {
      oracle.threw(property, request.routeKey());
      throw new AssertionError("the handler threw for " + request, t);
    }
    oracle.check(property, request.routeKey(), response, request.toString());
  }

  // ---- what each property sends ------------------------------------------------------------------

  @Provide
  Arbitrary<FuzzEvent> anything() {
    Arbitrary<FuzzEvent> routed =
        perRoute(world.routeKeys, route -> events(route, route, FuzzRequests.pathParameters(route, world, true),
            FuzzRequests.queries(world, route), FuzzRequests.headers(hasBody(route)), FuzzRequests.bodies(route, world)));
    // Events a handler never gets from API Gateway: another family's route, or no route at all.
    Arbitrary<FuzzEvent> stray =
        perRoute(world.routeKeys, route -> FuzzRequests.strayRouteKeys().flatMap(strayKey -> events(strayKey, route,
            FuzzRequests.pathParameters(route, world, true), Arbitraries.just((Map<String, String>) null),
            FuzzRequests.headers(false), Arbitraries.just(Body.NONE))));
    Arbitrary<FuzzEvent> otherFamily =
        perRoute(world.routeKeys, route -> Arbitraries.of(world.routeKeys)
            .filter(other -> !world.handlerClassByRoute.get(other).equals(world.handlerClassByRoute.get(route)))
            .flatMap(other -> events(route, other, FuzzRequests.pathParameters(route, world, false),
                Arbitraries.just((Map<String, String>) null), FuzzRequests.headers(false), Arbitraries.just(Body.NONE))));
    return Arbitraries.frequencyOf(Tuple.of(30, routed), Tuple.of(1, stray), Tuple.of(1, otherFamily));
  }

  @Provide
  Arbitrary<FuzzEvent> bodies() {
    List<String> shaped = world.routeKeys.stream().filter(r -> !FuzzRequests.goodMembers(r, world).isEmpty()).toList();
    Arbitrary<FuzzEvent> withShapes =
        perRoute(shaped, route -> events(route, route, FuzzRequests.pathParameters(route, world, false),
            Arbitraries.just((Map<String, String>) null), jsonContentType(), FuzzRequests.bodies(route, world)));
    Arbitrary<FuzzEvent> others =
        perRoute(world.routeKeys, route -> events(route, route, FuzzRequests.pathParameters(route, world, false),
            Arbitraries.just((Map<String, String>) null), jsonContentType(), FuzzRequests.bodies(route, world)));
    return Arbitraries.frequencyOf(Tuple.of(8, withShapes), Tuple.of(1, others));
  }

  @Provide
  Arbitrary<FuzzEvent> queries() {
    List<String> gets = world.routeKeys.stream().filter(r -> r.startsWith("GET ")).toList();
    return perRoute(gets, route -> events(route, route, FuzzRequests.pathParameters(route, world, false),
        FuzzRequests.queries(world, route), FuzzRequests.headers(false), Arbitraries.just(Body.NONE)));
  }

  @Provide
  Arbitrary<FuzzEvent> paths() {
    List<String> withParameters = world.routeKeys.stream().filter(r -> r.contains("{")).toList();
    return perRoute(withParameters, route -> events(route, route, FuzzRequests.pathParameters(route, world, true),
        FuzzRequests.queries(world, route).injectNull(0.5), jsonContentType(),
        hasBody(route) ? FuzzRequests.bodies(route, world) : Arbitraries.just(Body.NONE)));
  }

  @Provide
  Arbitrary<FuzzEvent> headers() {
    return perRoute(world.routeKeys, route -> events(route, route, FuzzRequests.pathParameters(route, world, false),
        Arbitraries.just((Map<String, String>) null), FuzzRequests.headers(true), FuzzRequests.bodies(route, world)));
  }

  /** One generator per route, built once (not per try), picked uniformly. */
  private static Arbitrary<FuzzEvent> perRoute(List<String> routeKeys, Function<String, Arbitrary<FuzzEvent>> events) {
    return Arbitraries.oneOf(routeKeys.stream().map(events).toList());
  }

  private static Arbitrary<Map<String, String>> jsonContentType() {
    return Arbitraries.of("application/json", "application/json; charset=utf-8", "Application/JSON")
        .map(type -> Map.of("content-type", type));
  }

  private static boolean hasBody(String routeKey) {
    return routeKey.startsWith("POST ") || routeKey.startsWith("PUT ");
  }

  private static Arbitrary<FuzzEvent> events(
      String routeKey,
      String handlerOf,
      Arbitrary<Map<String, String>> pathParameters,
      Arbitrary<Map<String, String>> query,
      Arbitrary<Map<String, String>> headers,
      Arbitrary<Body> body) {
    return Combinators.combine(
            FuzzRequests.adapters(),
            FuzzRequests.userIds(),
            FuzzRequests.oauthTokens(),
            pathParameters,
            query,
            headers,
            body)
        .as((adapter, user, token, path, q, h, b) -> new FuzzEvent(routeKey, handlerOf, adapter, user, token, path, q, h, b));
  }
}
