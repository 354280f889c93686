package com.comicshelf.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SimpleIAMPolicyResponse;
import com.comicshelf.config.DatabaseSettings;
import com.comicshelf.config.Environment;
import com.comicshelf.di.SqlModule;
import com.comicshelf.http.Priming;
import com.comicshelf.sql.SqlClient;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The main of each fresh JVM that {@link ColdStartBenchmark} forks on {@code functions/target/functions.jar}
 * plus this one class file (it must stay a single class: no nested or anonymous classes, no bench
 * types). It does what the Lambda runtime does in a new container and times it from inside:
 *
 * <ol>
 *   <li>load the handler class by name and call its public no-arg constructor (class init, Dagger graph);
 *   <li>variant {@code primed}: {@link Priming#runAll()}, as SnapStart's {@code beforeCheckpoint} would;
 *       variant {@code primed+db}: the same, then one {@code SELECT 1} through a second, short-lived
 *       SqlClient of the same configuration (an experiment: what priming the database path would add);
 *   <li>the first real request through {@code handleRequest}, against the real database;
 *   <li>a second, identical request (warm).
 * </ol>
 *
 * <p>Prints one line, {@code PROBE key=value ...}: {@code main} is the wall-clock time (epoch
 * microseconds) at which main was entered, for the parent to subtract its spawn time; the phases are
 * {@code System.nanoTime} differences in microseconds. {@code hello} prints {@code main} only.
 *
 * <p>Arguments: {@code hello} | {@code <function> <unprimed|primed|primed+db> <userId> <comicId> <token>}.
 * Settings come from the environment, as in Lambda. The event objects are built before the clock
 * starts (the runtime deserialises the event before it calls the handler); the context is null,
 * which the handlers read as "no deadline from Lambda" (the default budget).
 */
public final class ColdStartProbe {
  private ColdStartProbe() {}

  public static void main(String[] args) throws Exception {
    Instant entered = Instant.now();
    long t0 = System.nanoTime();
    long mainMicros = entered.getEpochSecond() * 1_000_000L + entered.getNano() / 1_000;
    if (args[0].equals("hello")) {
      System.out.println("PROBE main=" + mainMicros);
      return;
    }
    String function = args[0];
    String variant = args[1];
    long userId = Long.parseLong(args[2]);
    long comicId = Long.parseLong(args[3]);
    String token = args[4];

    Object firstEvent = event(function, userId, comicId, token);
    Object secondEvent = event(function, userId, comicId, token);
    long t1 = System.nanoTime();

    @SuppressWarnings("unchecked")
    RequestHandler<Object, Object> handler =
        (RequestHandler<Object, Object>) Class.forName(handlerClass(function)).getConstructor().newInstance();
    long t2 = System.nanoTime();

    int hooks = 0;
    if (variant.startsWith("primed")) {
      hooks = Priming.runAll();
    }
    if (variant.equals("primed+db")) {
      primeDatabase();
    }
    long t3 = System.nanoTime();

    Object first = handler.handleRequest(firstEvent, null);
    long t4 = System.nanoTime();
    Object second = handler.handleRequest(secondEvent, null);
    long t5 = System.nanoTime();

    System.out.println(
        "PROBE main=" + mainMicros
            + " event=" + (t1 - t0) / 1_000
            + " construct=" + (t2 - t1) / 1_000
            + " prime=" + (t3 - t2) / 1_000
            + " first=" + (t4 - t3) / 1_000
            + " second=" + (t5 - t4) / 1_000
            + " hooks=" + hooks
            + " status1=" + status(first)
            + " status2=" + status(second));
  }

  static String handlerClass(String function) {
    return switch (function) {
      case "authorizer" -> "com.comicshelf.functions.auth.AuthorizerHandler";
      case "comics" -> "com.comicshelf.functions.catalog.ComicsHandler";
      case "favorites" -> "com.comicshelf.functions.favorites.FavoritesHandler";
      case "friends" -> "com.comicshelf.functions.friends.FriendsHandler";
      case "ranking" -> "com.comicshelf.functions.ranking.RankingHandler";
      case "uploads" -> "com.comicshelf.functions.assets.UploadsHandler";
      default -> throw new IllegalArgumentException("unknown function " + function);
    };
  }

  /** One valid request of each route family, as API Gateway sends it after the authorizer ran. */
  static Object event(String function, long userId, long comicId, String token) {
    return switch (function) {
      case "authorizer" -> {
        APIGatewayV2CustomAuthorizerEvent event = new APIGatewayV2CustomAuthorizerEvent();
        event.setVersion("2.0");
        event.setType("REQUEST");
        event.setRouteKey("GET /me/favorites");
        event.setRawPath("/me/favorites");
        event.setHeaders(Map.of("authorization", "Bearer " + token, "host", "api.example"));
        event.setIdentitySource(java.util.List.of("Bearer " + token));
        yield event;
      }
      case "comics" -> http("GET /comics/{comicId}", Map.of("comicId", Long.toString(comicId)), null, userId);
      case "favorites" -> http("GET /me/favorites", Map.of(), null, userId);
      case "friends" -> http("GET /me/friends", Map.of(), null, userId);
      case "ranking" -> http("GET /me/friends/popular", Map.of(), null, userId);
      case "uploads" ->
          http(
              "POST /me/uploads",
              Map.of(),
              "{\"contentType\":\"image/png\",\"contentLength\":48213,\"comicId\":" + comicId + "}",
              userId);
      default -> throw new IllegalArgumentException("unknown function " + function);
    };
  }

  private static APIGatewayV2HTTPEvent http(String routeKey, Map<String, String> pathParameters, String body, long userId) {
    String method = routeKey.substring(0, routeKey.indexOf(' '));
    String path = routeKey.substring(routeKey.indexOf(' ') + 1);
    for (Map.Entry<String, String> p : pathParameters.entrySet()) {
      path = path.replace("{" + p.getKey() + "}", p.getValue());
    }
    Map<String, String> headers = new HashMap<>();
    headers.put("content-type", "application/json");
    headers.put("host", "api.example");
    Map<String, Object> lambda = new HashMap<>();
    lambda.put("userId", Long.toString(userId));
    return APIGatewayV2HTTPEvent.builder()
        .withVersion("2.0")
        .withRouteKey(routeKey)
        .withRawPath(path)
        .withRawQueryString("")
        .withHeaders(headers)
        .withPathParameters(pathParameters.isEmpty() ? null : pathParameters)
        .withBody(body)
        .withIsBase64Encoded(false)
        .withRequestContext(
            APIGatewayV2HTTPEvent.RequestContext.builder()
                .withRouteKey(routeKey)
                .withStage("$default")
                .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path).build())
                .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder().withLambda(lambda).build())
                .build())
        .build();
  }

  /**
   * One {@code SELECT 1} through a second SqlClient built from the same settings by the app's own code
   * (JDBC: a connection opened and closed; Data API: one ExecuteStatement call), then closed.
   */
  private static void primeDatabase() throws Exception {
    SqlClient sql = SqlModule.open(DatabaseSettings.from(Environment.system()));
    try {
      sql.query("SELECT 1 AS one", Map.of(), row -> row.getLong("one"));
    } finally {
      ((AutoCloseable) sql).close();
    }
  }

  private static int status(Object response) {
    if (response instanceof APIGatewayV2HTTPResponse http) {
      return http.getStatusCode();
    }
    if (response instanceof SimpleIAMPolicyResponse policy) {
      return policy.getIsAuthorized() ? 200 : 403;
    }
    return -1;
  }
}
