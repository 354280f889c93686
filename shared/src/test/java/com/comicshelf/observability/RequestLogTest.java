package com.comicshelf.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.comicshelf.http.ApiResponses;
import com.comicshelf.http.Routes;
import com.comicshelf.testing.ApiEvents;
import com.comicshelf.testing.TestContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The request log as an operator reads it: one JSON line per request with its id, route, status,
 * latency and the user as a pseudonym, which CloudWatch also reads as metrics (Embedded Metric
 * Format); what the request measured on the way follows in lines of their own; nothing secret.
 */
class RequestLogTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "EAAB-secret-access-token";
  private final List<String> lines = new ArrayList<>();
  private Consumer<String> previous;

  @BeforeEach
  void capture() {
    previous = RequestLog.sendTo(lines::add);
  }

  @AfterEach
  void restore() {
    RequestLog.sendTo(previous);
  }

  @Test
  void aRequest_writesOneJsonLine_withItsIdRouteStatusLatencyAndUser_andItsMetrics() throws Exception {
    Routes routes = Routes.of(Map.of("GET /me/favorites", request -> ApiResponses.json(200, Map.of("items", List.of()))));
    APIGatewayV2HTTPEvent event = signedIn("GET /me/favorites");
    TestContext context = new TestContext("favorites");

    routes.handle(event, context);

    assertThat(lines).hasSize(1);
    JsonNode line = JSON.readTree(lines.get(0));
    assertThat(line.path("requestId").asText()).isEqualTo("api-request-7");
    assertThat(line.path("lambdaRequestId").asText()).isEqualTo(context.getAwsRequestId());
    assertThat(line.path("route").asText()).isEqualTo("GET /me/favorites");
    assertThat(line.path("status").asInt()).isEqualTo(200);
    assertThat(line.path("latencyMs").asDouble()).isGreaterThanOrEqualTo(0).isLessThan(5_000);
    assertThat(line.path("level").asText()).isEqualTo("INFO");
    assertThat(line.path("user").asText()).matches("[0-9a-f]{16}").isEqualTo(RequestLog.pseudonym("1000000001"));
    assertThat(lines.get(0)).doesNotContain("1000000001").doesNotContain(TOKEN).doesNotContain("Bearer");
    JsonNode metrics = line.path("_aws").path("CloudWatchMetrics").get(0);
    assertThat(metrics.path("Namespace").asText()).isEqualTo("ComicShelf");
    assertThat(metrics.path("Dimensions").toString()).isEqualTo("[[\"Route\"],[]]");
    assertThat(metrics.path("Metrics").findValuesAsText("Name"))
        .containsExactlyInAnyOrder("Requests", "ClientErrors", "ServerErrors", "Latency");
    assertThat(line.path("Requests").asInt()).isEqualTo(1);
    assertThat(line.path("ServerErrors").asInt()).isZero();
    assertThat(line.path("_aws").path("Timestamp").asLong()).isPositive();
  }

  @Test
  void whatTheRequestMeasured_followsInLinesOfTheirOwn_withTheirDimension() throws Exception {
    Routes routes =
        Routes.of(
            Map.of(
                "GET /me/friends/popular",
                request -> {
                  Telemetry.rankingServed(Telemetry.RankingPath.PRECOMPUTED, Duration.ofMillis(3));
                  Telemetry.fannedOut(Telemetry.FanOut.FAVORITE_ADDED, 4);
                  Telemetry.fannedOut(Telemetry.FanOut.FAVORITE_ADDED, 2);
                  Telemetry.uploadFinished("rejected");
                  Telemetry.databaseResuming();
                  return ApiResponses.json(200, Map.of("items", List.of()));
                }));

    routes.handle(signedIn("GET /me/friends/popular"), new TestContext("ranking"));

    assertThat(lines).hasSize(5);
    JsonNode ranking = JSON.readTree(lines.get(1));
    assertThat(ranking.path("RankingPath").asText()).isEqualTo("precomputed");
    assertThat(ranking.path("RankingLatency").asDouble()).isEqualTo(3.0);
    assertThat(ranking.path("requestId").asText()).as("correlates with its request").isEqualTo("api-request-7");
    JsonNode fanOut = JSON.readTree(lines.get(2));
    assertThat(fanOut.path("Write").asText()).isEqualTo("favorite-added");
    assertThat(fanOut.path("FanOutRows").asInt()).as("summed over the request").isEqualTo(6);
    assertThat(JSON.readTree(lines.get(3)).path("Outcome").asText()).isEqualTo("rejected");
    assertThat(JSON.readTree(lines.get(4)).path("DatabaseResumeWaits").asInt()).isEqualTo(1);
    for (String text : lines) {
      JsonNode dimensions = JSON.readTree(text).path("_aws").path("CloudWatchMetrics").get(0).path("Dimensions");
      assertThat(dimensions.isArray()).as(text).isTrue();
    }
  }

  @Test
  void aFailure_isLoggedAs500AndError_withoutItsMessage_andTheClientGetsAProblem() throws Exception {
    Routes routes = Routes.of(Map.of("POST /comics", request -> {
      throw new IllegalStateException("boom " + TOKEN);
    }));

    APIGatewayV2HTTPResponse response = routes.handle(signedIn("POST /comics"), new TestContext("comics"));

    assertThat(response.getStatusCode()).isEqualTo(500);
    JsonNode line = JSON.readTree(lines.get(0));
    assertThat(line.path("status").asInt()).isEqualTo(500);
    assertThat(line.path("level").asText()).isEqualTo("ERROR");
    assertThat(line.path("ServerErrors").asInt()).isEqualTo(1);
    assertThat(lines.get(0)).doesNotContain(TOKEN);
  }

  @Test
  void aClientMistake_countsAsAClientError() throws Exception {
    Routes routes = Routes.of(Map.of("GET /comics", request -> ApiResponses.json(200, Map.of())));

    routes.handle(signedIn("GET /nowhere"), new TestContext("comics"));

    JsonNode line = JSON.readTree(lines.get(0));
    assertThat(line.path("status").asInt()).isEqualTo(404);
    assertThat(line.path("ClientErrors").asInt()).isEqualTo(1);
    assertThat(line.path("ServerErrors").asInt()).isZero();
  }

  @Test
  void outsideARequest_telemetryIsIgnored() {
    Telemetry.rankingServed(Telemetry.RankingPath.GLOBAL, Duration.ofMillis(1));
    Telemetry.uploadFinished("completed");

    assertThat(lines).isEmpty();
  }

  private static APIGatewayV2HTTPEvent signedIn(String routeKey) {
    APIGatewayV2HTTPEvent event =
        ApiEvents.route(routeKey).as(1000000001L).header("authorization", "Bearer " + TOKEN).build();
    event.getRequestContext().setRequestId("api-request-7");
    event.getRequestContext().getAuthorizer().getLambda().put("oauthToken", TOKEN);
    return event;
  }
}
