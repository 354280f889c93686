package com.comicshelf.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.comicshelf.contract.ContractLedger;
import com.comicshelf.contract.OpenApiContract;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway's OpenAPI check ({@code --validate-openapi}) and its {@code /docs}, around test functions
 * on some of the API's paths (no database): an answer of the wrong shape or on a route the API does not
 * have is a mismatch, reported in the ledger the test harness drains; the gateway's own answers (no
 * route, the authorizer's 401 and 403, a crashed function's 500, a request Jetty refuses) are documented
 * and pass; {@code /docs} serves the description and a page rendering it, and is not checked itself.
 */
class OpenApiGatewayIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Path SPEC = OpenApiContract.find(Path.of("")).orElseThrow();

  private static GatewayServer server;

  @BeforeAll
  static void start() {
    List<Route> routes = TemplateRoutes.read(Path.of("src/test/resources/openapi-fixture-template.yaml"));
    server = GatewayServer.start(
        0, routes, LocalFunctions.instantiate(routes, 1), Clock.systemUTC(), Optional.empty(),
        Optional.of(new ApiDocs(SPEC)), Optional.of(OpenApiGatewayCheck.load(SPEC)));
    // The fixture's handlers answer what openapi.yaml does not document, on purpose.
    ContractLedger.selfTest(true);
  }

  @AfterAll
  static void stop() {
    ContractLedger.selfTest(false);
    server.close();
  }

  @Test
  void anAnswerOfTheWrongShape_onADocumentedRoute_isAMismatch() throws Exception {
    long before = ContractLedger.exchanges();

    var response = send(get("/comics/1").header("Authorization", "Bearer good").build());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(ContractLedger.exchanges()).isEqualTo(before + 1);
    assertThat(ContractLedger.drain()).singleElement().asString()
        .startsWith("gateway: GET /comics/1 -> 200").contains("validation.response.body.schema");
  }

  @Test
  void aRouteTheApiDoesNotHave_isAMismatch() throws Exception {
    var response = send(HttpRequest.newBuilder(uri("/echo/bob")).header("Authorization", "Bearer good")
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(ContractLedger.drain()).singleElement().asString()
        .startsWith("gateway: POST /echo/bob").contains("Response status 200 not defined");
  }

  @Test
  void theGatewaysOwnAnswers_areDocumented() throws Exception {
    long before = ContractLedger.exchanges();

    assertThat(send(get("/comics/1").build()).statusCode()).isEqualTo(401);
    assertThat(send(get("/comics/1").header("Authorization", "Bearer forged").build()).statusCode()).isEqualTo(403);
    assertThat(send(get("/nowhere").build()).statusCode()).isEqualTo(404);
    assertThat(send(HttpRequest.newBuilder(uri("/comics/1")).method("PATCH", HttpRequest.BodyPublishers.noBody()).build())
        .statusCode()).isEqualTo(404);
    assertThat(send(get("/comics").header("Authorization", "Bearer good").build()).statusCode()).isEqualTo(500);
    String malformed = "GET /comics HTTP/1.1\r\nHost: localhost\r\nno colon here\r\nConnection: close\r\n\r\n";
    assertThat(rawStatus(malformed)).isEqualTo(400);

    assertThat(ContractLedger.exchanges()).isEqualTo(before + 6);
    assertThat(ContractLedger.drain()).isEmpty();
  }

  @Test
  void docs_isAPageReferencingTheDescription() throws Exception {
    var page = send(get("/docs").build());

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(page.body()).contains("/docs/openapi.yaml");
    if (ApiDocs.viewerVendored() || System.getenv("CI") != null) {
      // The build vendors Swagger UI when npm is there (CI makes sure it is): the page runs offline.
      assertThat(page.body()).contains("/docs/swagger-ui-bundle.js").doesNotContain("https://");
      var bundle = send(get("/docs/swagger-ui-bundle.js").build());
      assertThat(bundle.statusCode()).isEqualTo(200);
      assertThat(bundle.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
      assertThat(bundle.body()).contains("SwaggerUIBundle");
      assertThat(send(get("/docs/swagger-ui.css").build()).statusCode()).isEqualTo(200);
      assertThat(send(get("/docs/viewer.js").build()).body()).contains("SwaggerUIBundle", "validatorUrl: null");
    }
  }

  @Test
  void docsOpenApiYaml_isTheDescription() throws Exception {
    var spec = send(get("/docs/openapi.yaml").build());

    assertThat(spec.statusCode()).isEqualTo(200);
    assertThat(spec.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/yaml"));
    assertThat(spec.body()).isEqualTo(Files.readString(SPEC)).contains("openapi: 3.1.0");
  }

  @Test
  void docs_areNotPartOfTheApi_andServeNothingElse() throws Exception {
    long before = ContractLedger.exchanges();

    assertThat(send(get("/docs/").build()).statusCode()).isEqualTo(200);
    assertThat(send(get("/docs/template.yaml").build()).statusCode()).isEqualTo(404);
    assertThat(send(get("/docs/../template.yaml").build()).statusCode()).isEqualTo(404);
    assertThat(send(HttpRequest.newBuilder(uri("/docs")).POST(HttpRequest.BodyPublishers.noBody()).build()).statusCode())
        .isEqualTo(404);

    assertThat(ContractLedger.exchanges()).isEqualTo(before);
  }

  @Test
  void aChildProcessesLines_reachThisJvmsLedger() {
    long before = ContractLedger.exchanges();

    GatewayProcess.record("[main] INFO x - " + OpenApiGatewayCheck.CHECKED + "response+request");
    GatewayProcess.record(OpenApiGatewayCheck.CHECKED + "response");
    GatewayProcess.record(OpenApiGatewayCheck.MISMATCH + "\"gateway: GET /x -> 200\\n    response: nope\"");

    assertThat(ContractLedger.exchanges()).isEqualTo(before + 2);
    assertThat(ContractLedger.drain()).containsExactly("gateway process: gateway: GET /x -> 200\n    response: nope");
  }

  /** The status of the answer to a request sent as raw bytes (one Java's client would not send). */
  private static int rawStatus(String request) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      String statusLine = new String(socket.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1);
      return Integer.parseInt(statusLine.substring(9, 12));
    }
  }

  private static HttpRequest.Builder get(String path) {
    return HttpRequest.newBuilder(uri(path));
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  private static HttpResponse<String> send(HttpRequest request) throws Exception {
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
