package com.comicshelf.local.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.comicshelf.local.GatewayProcesses;
import com.comicshelf.local.security.RouteSpec;
import com.comicshelf.testing.ScratchMariaDb;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The database server dies while the gateway runs: every route answers 503 problem+json with
 * {@code Retry-After}, promptly, and once the server is back every route works again with no restart
 * of anything but the database. The server is one this test starts itself, never the shared one.
 */
class DatabaseOutageIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long READER = 1000000001L; // the demo reader: friends, and creator of the demo comics
  /** Someone who leaves (data deletion, DELETE /me) while the database is up, and asks again while it is down. */
  private static final long LEAVER = 4_400_000_001L;
  /** What a route may take to answer 503: well inside a function's 15 s (connect timeout 3 s). */
  private static final Duration BOUND = Duration.ofSeconds(10);

  @Test
  void whileTheDatabaseIsDown_everyRouteAnswers503WithRetryAfter_andRecoversByItself() throws Exception {
    try (ScratchMariaDb db = ScratchMariaDb.start(Path.of("target", "outage-db").toAbsolutePath());
        var gateway = GatewayProcesses.onJdbc("outage", db.createDatabase("comicshelf"))) {
      LocalApi api = new LocalApi(gateway.baseUri());
      assertThat(statuses(api, "up")).allMatch(s -> s < 500);

      db.kill();
      List<Long> millis = new ArrayList<>();
      for (RouteSpec.Row route : RouteSpec.ROUTES) {
        long started = System.nanoTime();
        HttpResponse<String> answer = send(api, route, "down");
        millis.add((System.nanoTime() - started) / 1_000_000);
        assertThat(answer.statusCode()).as(route.routeKey() + ": " + answer.body()).isEqualTo(503);
        assertThat(answer.headers().firstValue("content-type")).contains("application/problem+json");
        assertThat(answer.headers().firstValue("retry-after")).hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isPositive());
        assertThat(JSON.readTree(answer.body()).path("status").asInt()).isEqualTo(503);
      }
      long slowest = millis.stream().mapToLong(Long::longValue).max().orElseThrow();
      assertThat(Duration.ofMillis(slowest)).as("slowest 503").isLessThan(BOUND);

      long restarted = System.nanoTime();
      db.start();
      List<Integer> after = statuses(api, "again");
      long recoverMillis = (System.nanoTime() - restarted) / 1_000_000;
      assertThat(after).allMatch(s -> s < 500);
      System.out.printf(
          "database outage: %d routes answered 503 in %s ms each (slowest %d ms); all %d answered again %d ms after the restart%n",
          millis.size(), millis, slowest, after.size(), recoverMillis);
    }
  }

  @Test
  void aFrozenDatabase_isAnswered503_withinTheSocketTimeout_andThawingRecovers() throws Exception {
    try (ScratchMariaDb db = ScratchMariaDb.start(Path.of("target", "frozen-db").toAbsolutePath());
        var gateway = GatewayProcesses.onJdbc("frozen", db.createDatabase("comicshelf"), "--containers", "1")) {
      LocalApi api = new LocalApi(gateway.baseUri());
      List<RouteSpec.Row> routes =
          RouteSpec.ROUTES.stream()
              .filter(r -> r.routeKey().equals("GET /me/favorites") || r.routeKey().equals("PUT /me/favorites/{comicId}"))
              .toList();
      for (RouteSpec.Row route : routes) {
        assertThat(send(api, route, "up").statusCode()).isLessThan(500);
      }

      db.freeze();
      List<Long> millis = new ArrayList<>();
      try {
        for (RouteSpec.Row route : routes) {
          long started = System.nanoTime();
          HttpResponse<String> answer = send(api, route, "frozen");
          millis.add((System.nanoTime() - started) / 1_000_000);
          assertThat(answer.statusCode()).as(route.routeKey() + ": " + answer.body()).isEqualTo(503);
          assertThat(answer.headers().firstValue("retry-after")).isPresent();
        }
      } finally {
        db.thaw();
      }
      assertThat(Duration.ofMillis(millis.stream().mapToLong(Long::longValue).max().orElseThrow()))
          .as("a frozen server is given up on before the function times out")
          .isLessThan(Duration.ofSeconds(15));

      for (RouteSpec.Row route : routes) {
        assertThat(send(api, route, "thawed").statusCode()).isLessThan(500);
      }
      System.out.printf("frozen database: 503 after %s ms (socket timeout 10 s); recovered on thaw%n", millis);
    }
  }

  private static List<Integer> statuses(LocalApi api, String tag) throws Exception {
    List<Integer> statuses = new ArrayList<>();
    for (RouteSpec.Row route : RouteSpec.ROUTES) {
      statuses.add(send(api, route, tag).statusCode());
    }
    return statuses;
  }

  private static HttpResponse<String> send(LocalApi api, RouteSpec.Row route, String tag) throws Exception {
    Map<String, String> values =
        Map.of(
            "comicId", "1", "userId", Long.toString(READER), "uploadId", "4000000000000999", "ownComicId", "1",
            "code", "abcdefghijklmnopqrstuvwx");
    // Leaving the app is asked for by someone else than the reader every other route runs as.
    if (route.signedInBody()) {
      return api.sendCallback(route.pathAndQuery(values), LEAVER);
    }
    if (route.routeKey().equals("DELETE /me")) {
      return api.send(route.method(), route.pathAndQuery(values), null, LEAVER);
    }
    String body = route.body(values);
    if (body != null && route.routeKey().equals("POST /comics")) {
      body = body.replace("Security matrix control", "Outage " + tag + " " + System.nanoTime());
    }
    return api.send(route.method(), route.pathAndQuery(values), body, READER);
  }
}
