package com.comicshelf.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.comicshelf.local.fixture.BinaryHandler;
import com.comicshelf.local.fixture.ThrowingHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The gateway's HTTP behaviour around test functions declared in a test template; no database. */
class GatewayServerIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static LocalFunctions functions;
  private static GatewayServer server;

  @BeforeAll
  static void start() {
    List<Route> routes = TemplateRoutes.read(Path.of("src/test/resources/fixture-template.yaml"));
    functions = LocalFunctions.instantiate(routes, 2);
    server = GatewayServer.start(0, routes, functions, Clock.systemUTC(), java.util.Optional.empty());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void missingAuthorizationHeader_is401_andNeitherAuthorizerNorFunctionRuns() throws Exception {
    long authorizerCalls = calls("AuthFunction");
    long echoCalls = calls("EchoFunction");

    var response = send(post("/echo/bob").build());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("content-type")).contains("application/json");
    assertThat(response.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
    assertThat(calls("AuthFunction")).isEqualTo(authorizerCalls);
    assertThat(calls("EchoFunction")).isEqualTo(echoCalls);
  }

  @Test
  void blankAuthorizationHeader_is401() throws Exception {
    var response = send(post("/echo/bob").header("Authorization", " ").build());

    assertThat(response.statusCode()).isEqualTo(401);
  }

  @Test
  void authorizerDenial_is403_andTheFunctionNeverRuns() throws Exception {
    long authorizerCalls = calls("AuthFunction");
    long echoCalls = calls("EchoFunction");

    var response = send(post("/echo/bob").header("Authorization", "Bearer bad").build());

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).isEqualTo("{\"message\":\"Forbidden\"}");
    assertThat(calls("AuthFunction")).isEqualTo(authorizerCalls + 1);
    assertThat(calls("EchoFunction")).isEqualTo(echoCalls);
  }

  @Test
  void admittedRequest_reachesTheFunctionAsAPayload20Event_withTheAuthorizersContext() throws Exception {
    var response = send(post("/echo/bob%20b?tag=a&tag=b&q=x%26y")
        .header("Authorization", "Bearer good")
        .header("Content-Type", "application/json")
        .header("X-Repeated", "1")
        .header("Cookie", "session=abc; theme=dark")
        .POST(HttpRequest.BodyPublishers.ofString("{\"hello\":\"wörld\"}"))
        .build());

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode event = JSON.readTree(response.body());
    assertThat(event.path("version").asText()).isEqualTo("2.0");
    assertThat(event.path("routeKey").asText()).isEqualTo("POST /echo/{name}");
    assertThat(event.path("contextRouteKey").asText()).isEqualTo("POST /echo/{name}");
    assertThat(event.path("rawPath").asText()).isEqualTo("/echo/bob%20b");
    assertThat(event.path("rawQueryString").asText()).isEqualTo("tag=a&tag=b&q=x%26y");
    assertThat(event.path("pathParameters").path("name").asText()).isEqualTo("bob b");
    assertThat(event.path("queryStringParameters").path("tag").asText()).isEqualTo("a,b");
    assertThat(event.path("queryStringParameters").path("q").asText()).isEqualTo("x&y");
    assertThat(event.path("headers").path("x-repeated").asText()).isEqualTo("1");
    assertThat(event.path("headers").path("authorization").asText()).isEqualTo("Bearer good");
    assertThat(event.path("headers").has("cookie")).isFalse();
    assertThat(event.path("cookies")).extracting(JsonNode::asText).containsExactly("session=abc", "theme=dark");
    assertThat(event.path("body").asText()).isEqualTo("{\"hello\":\"wörld\"}");
    assertThat(event.path("isBase64Encoded").asBoolean()).isFalse();
    assertThat(event.path("method").asText()).isEqualTo("POST");
    assertThat(event.path("stage").asText()).isEqualTo("$default");
    assertThat(event.path("authorizer").path("userId").asText()).isEqualTo("7");
    assertThat(event.path("functionName").asText()).isEqualTo("EchoFunction");
    assertThat(event.path("remainingTimeInMillis").asInt()).isBetween(1, 5_000);
    assertThat(response.headers().firstValue("apigw-requestid")).contains(event.path("requestId").asText());
  }

  @Test
  void functionResponse_headersMultiValueHeadersAndCookies_reachTheClient() throws Exception {
    var response = send(post("/echo/bob").header("Authorization", "Bearer good").build());

    assertThat(response.headers().firstValue("content-type")).contains("application/json");
    assertThat(response.headers().firstValue("x-single")).contains("one");
    assertThat(response.headers().allValues("x-multi")).containsExactly("a", "b");
    assertThat(response.headers().allValues("set-cookie")).containsExactly("c1=v1; Path=/", "c2=v2");
  }

  @Test
  void base64EncodedResponseBody_isDecodedForTheClient() throws Exception {
    var response = HTTP.send(
        HttpRequest.newBuilder(uri("/binary")).header("Authorization", "Bearer good").build(),
        HttpResponse.BodyHandlers.ofByteArray());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).contains("application/octet-stream");
    assertThat(response.body()).isEqualTo(BinaryHandler.BYTES);
  }

  @Test
  void throwingFunction_is500_withApiGatewaysMessage_andNoDetail() throws Exception {
    var response = send(HttpRequest.newBuilder(uri("/boom")).header("Authorization", "Bearer good").build());

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.body()).isEqualTo("{\"message\":\"Internal Server Error\"}");
    assertThat(response.body()).doesNotContain(ThrowingHandler.SECRET_DETAIL);
  }

  @Test
  void unknownRoute_wrongMethod_andTrailingSlash_are404NotFound_withoutCallingTheAuthorizer() throws Exception {
    long authorizerCalls = calls("AuthFunction");

    for (var request : List.of(
        HttpRequest.newBuilder(uri("/nowhere")).header("Authorization", "Bearer good").build(),
        HttpRequest.newBuilder(uri("/echo/bob")).header("Authorization", "Bearer good").build(),
        HttpRequest.newBuilder(uri("/binary/")).header("Authorization", "Bearer good").build())) {
      var response = send(request);
      assertThat(response.statusCode()).as(request.uri().toString()).isEqualTo(404);
      assertThat(response.body()).isEqualTo("{\"message\":\"Not Found\"}");
    }
    assertThat(calls("AuthFunction")).isEqualTo(authorizerCalls);
  }

  @Test
  void routeWithoutAuthorizer_runsWithoutIdentity_andWithoutAuthorizerContext() throws Exception {
    var response = send(HttpRequest.newBuilder(uri("/open/a/b.txt")).DELETE().build());

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode event = JSON.readTree(response.body());
    assertThat(event.path("routeKey").asText()).isEqualTo("ANY /open/{proxy+}");
    assertThat(event.path("pathParameters").path("proxy").asText()).isEqualTo("a/b.txt");
    assertThat(event.path("authorizer").isNull()).isTrue();
  }

  private static long calls(String function) {
    return functions.get(function).invocations();
  }

  private static HttpRequest.Builder post(String pathAndQuery) {
    return HttpRequest.newBuilder(uri(pathAndQuery)).POST(HttpRequest.BodyPublishers.noBody());
  }

  private static URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
  }

  private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
