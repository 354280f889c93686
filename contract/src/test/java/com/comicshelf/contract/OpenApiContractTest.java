package com.comicshelf.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.comicshelf.contract.Exchange.Origin;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The contract check itself, on the project's {@code openapi.yaml}: documented exchanges pass, and each
 * kind of mismatch the harnesses exist to catch is caught (an undocumented status, a body of the wrong
 * shape, an undocumented route, a success for a request outside the contract).
 */
class OpenApiContractTest {
  private static final Path FILE = OpenApiContract.find(Path.of("")).orElseThrow();
  private static final OpenApiContract GATEWAY = OpenApiContract.load(FILE, OpenApiContract.Mode.GATEWAY);
  private static final OpenApiContract HANDLER = OpenApiContract.load(FILE, OpenApiContract.Mode.HANDLER);
  private static final Map<String, List<String>> JSON = Map.of("content-type", List.of("application/json"));
  private static final Map<String, List<String>> PROBLEM = Map.of("Content-Type", List.of("application/problem+json"));
  private static final Map<String, List<String>> BEARER = Map.of("authorization", List.of("Bearer x.y"));
  private static final String COMIC = "{\"id\":1,\"title\":\"Watchmen\",\"publisher\":\"DC Comics\",\"year\":1987}";

  @Test
  void theFile_isAValidOpenApi31Document() throws Exception {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult result = new OpenAPIV3Parser().readContents(Files.readString(FILE), null, options);

    assertThat(result.getMessages()).isEmpty();
    assertThat(result.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
  }

  @Test
  void aDocumentedExchange_conforms() {
    var result = GATEWAY.check(routed("GET", "/comics/1", BEARER, "", 200, JSON, COMIC));

    assertThat(result.problems()).isEmpty();
    assertThat(result.requestChecked()).isTrue();
  }

  @Test
  void anUndocumentedStatus_isAMismatch() {
    var result = GATEWAY.check(routed("GET", "/comics/1", BEARER, "", 418, PROBLEM, problem(418)));

    assertThat(result.problems()).singleElement().asString().contains("418", "validation.response.status.unknown");
  }

  @Test
  void aBodyOfTheWrongShape_isAMismatch() {
    var result = GATEWAY.check(routed("GET", "/comics/1", BEARER, "", 200, JSON, "{\"id\":\"1\",\"name\":\"Watchmen\"}"));

    assertThat(String.join("\n", result.problems())).contains("id", "name", "title");
  }

  @Test
  void aProblemWhoseStatusMemberDisagrees_isAMismatch() {
    var result = GATEWAY.check(routed("GET", "/comics/1", BEARER, "", 404, PROBLEM, problem(400)));

    assertThat(result.problems()).isNotEmpty();
  }

  @Test
  void anUndocumentedRoute_isAMismatch_whileTheGatewaysNoRouteAnswerConforms() {
    assertThat(GATEWAY.check(routed("GET", "/nowhere", BEARER, "", 200, JSON, "{}")).problems()).isNotEmpty();
    assertThat(GATEWAY.check(routed("PATCH", "/comics", BEARER, "", 200, JSON, "{}")).problems()).isNotEmpty();
    assertThat(GATEWAY.check(routed("GET", "/nowhere", BEARER, "", 404, JSON, "{\"message\":\"Not Found\"}")).problems())
        .isEmpty();
    assertThat(GATEWAY.check(routed("PATCH", "/comics", Map.of(), "", 404, JSON, "{\"message\":\"Not Found\"}")).problems())
        .isEmpty();
  }

  @Test
  void aRequestOutsideTheContract_isAMismatchOnlyWhenTheApiAcceptedIt() {
    String body = "{\"title\":\"Watchmen\",\"publisher\":\"DC Comics\",\"year\":1987,\"extra\":1}";

    assertThat(HANDLER.check(routed("POST", "/comics", JSON, body, 201, JSON, COMIC)).problems())
        .singleElement().asString().startsWith("request:").contains("extra");
    assertThat(HANDLER.check(routed("POST", "/comics", JSON, body, 400, PROBLEM, problem(400))).problems()).isEmpty();
  }

  @Test
  void securityIsChecked_atTheGateway_butNotOnAHandlersEvent() {
    var exchange = routed("GET", "/comics/1", Map.of(), "", 200, JSON, COMIC);

    assertThat(GATEWAY.check(exchange).problems()).singleElement().asString().contains("security");
    assertThat(HANDLER.check(exchange).problems()).isEmpty();
  }

  @Test
  void pathParameters_areCheckedDecoded_andALiteralSegmentBeatsAVariable() {
    assertThat(GATEWAY.match("GET", "/comics/popular")).contains("GET /comics/popular");
    assertThat(GATEWAY.match("GET", "/comics/%31")).contains("GET /comics/{comicId}");
    assertThat(GATEWAY.match("GET", "/comics/")).isEmpty();
    assertThat(GATEWAY.check(routed("GET", "/comics/%31", BEARER, "", 200, JSON, COMIC)).problems()).isEmpty();
    assertThat(GATEWAY.check(routed("GET", "/comics/007", BEARER, "", 200, JSON, COMIC)).problems())
        .singleElement().asString().contains("request:", "^[1-9][0-9]{0,17}$");
  }

  @Test
  void aBodyWithoutContentType_isReadAsTheOperationsMediaType() {
    assertThat(HANDLER.check(routed("POST", "/comics", Map.of(), "{\"title\":1}", 201, JSON, COMIC)).problems())
        .isNotEmpty();
  }

  @Test
  void retryAfter_isRequiredWhereDocumented() {
    var without = routed("GET", "/comics/1", BEARER, "", 503, PROBLEM, problem(503));
    var with = new Exchange(Origin.ROUTED, null, "GET", "/comics/1", Map.of(), BEARER, new byte[0], 503,
        Map.of("content-type", List.of("application/problem+json"), "retry-after", List.of("3")), bytes(problem(503)));

    assertThat(GATEWAY.check(without).problems()).singleElement().asString().containsIgnoringCase("retry-after");
    assertThat(GATEWAY.check(with).problems()).isEmpty();
  }

  @Test
  void answersBeforeRouting_areCheckedAgainstTheGatewaysOwn() {
    var malformed = new Exchange(Origin.GATEWAY, null, "FOO", "*", Map.of(), Map.of(), new byte[0], 400, PROBLEM,
        bytes(problem(400)));
    var html = new Exchange(Origin.GATEWAY, null, "GET", "/", Map.of(), Map.of(), new byte[0], 400,
        Map.of("content-type", List.of("text/html")), bytes("<h1>Bad</h1>"));

    assertThat(GATEWAY.check(malformed).problems()).isEmpty();
    assertThat(GATEWAY.check(html).problems()).isNotEmpty();
  }

  @Test
  void anUndeliverableEvent_mustBeRefusedWithA404Problem() {
    var refused = new Exchange(Origin.UNDELIVERABLE, null, "GET", "/nowhere", Map.of(), Map.of(), new byte[0], 404, PROBLEM,
        bytes(problem(404)));
    var served = new Exchange(Origin.UNDELIVERABLE, null, "GET", "/nowhere", Map.of(), Map.of(), new byte[0], 200, JSON,
        bytes(COMIC));

    assertThat(HANDLER.check(refused).problems()).isEmpty();
    assertThat(HANDLER.check(served).problems()).isNotEmpty();
  }

  @Test
  void aKnownRouteKey_selectsTheOperation_evenWhereThePathWouldSelectAnother() {
    var event = new Exchange(Origin.ROUTED, "GET /comics/{comicId}", "GET", "/comics/popular", Map.of(), Map.of(),
        new byte[0], 404, PROBLEM, bytes(problem(404)));
    var unknown = new Exchange(Origin.ROUTED, "GET /nowhere", "GET", "/nowhere", Map.of(), Map.of(),
        new byte[0], 200, JSON, bytes("{}"));

    assertThat(HANDLER.check(event).problems()).isEmpty();
    assertThat(HANDLER.check(unknown).problems()).isNotEmpty();
  }

  @Test
  void routeKeys_areEveryOperation() {
    assertThat(GATEWAY.routeKeys()).contains("GET /comics", "GET /comics/{comicId}", "DELETE /me")
        .noneMatch(key -> key.contains("x-comicshelf"));
  }

  private static Exchange routed(
      String method, String path, Map<String, List<String>> requestHeaders, String requestBody,
      int status, Map<String, List<String>> responseHeaders, String responseBody) {
    return new Exchange(
        Origin.ROUTED, null, method, path, Map.of(), requestHeaders, bytes(requestBody), status, responseHeaders, bytes(responseBody));
  }

  private static String problem(int status) {
    return "{\"type\":\"about:blank\",\"title\":\"T\",\"status\":" + status + ",\"detail\":\"d\"}";
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
