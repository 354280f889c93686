package com.comicshelf.local;

import com.comicshelf.contract.ContractLedger;
import com.comicshelf.contract.Exchange;
import com.comicshelf.contract.OpenApiContract;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --validate-openapi FILE}: checks every exchange the gateway serves against the API's OpenAPI
 * description, as the client saw it (status, headers and body as sent; the request as received), the
 * gateway's own answers included: no route, the authorizer's 401 and 403, a body over 10 MB, and every
 * request Jetty itself refuses. The widget's files and the API's description (under {@code /static/}
 * and {@code /docs}) are the gateway's conveniences, not the API, and are not checked. The rules are
 * {@link OpenApiContract}'s: every answer is checked, a request only when its answer is a 2xx.
 *
 * <p>Each mismatch is printed on stderr as one line starting with {@value #MISMATCH}, followed by a JSON
 * string describing it, and recorded in this JVM's {@link ContractLedger}: a test running the gateway
 * in-process finds it there, a test running it as a child process reads the line (see the test sources'
 * {@code GatewayProcess}). With the system property {@value #TRACE_PROPERTY}{@code =true}, every checked
 * exchange also prints a {@value #CHECKED} line, so such a test can count them.
 */
final class OpenApiGatewayCheck {
  static final String MISMATCH = "OPENAPI-MISMATCH ";
  static final String CHECKED = "OPENAPI-CHECKED ";
  /** The default for {@code --validate-openapi}; the tests set it for every gateway they start. */
  static final String VALIDATE_PROPERTY = "comicshelf.openapi.validate";
  static final String TRACE_PROPERTY = "comicshelf.openapi.trace";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final OpenApiContract contract;
  private final boolean trace;

  private OpenApiGatewayCheck(OpenApiContract contract, boolean trace) {
    this.contract = contract;
    this.trace = trace;
  }

  static OpenApiGatewayCheck load(Path file) {
    return new OpenApiGatewayCheck(
        OpenApiContract.load(file, OpenApiContract.Mode.GATEWAY), Boolean.getBoolean(TRACE_PROPERTY));
  }

  Path file() {
    return contract.file();
  }

  /** Whether the answers for this path are the gateway's conveniences rather than the API's. */
  static boolean isApi(String rawPath) {
    return rawPath == null
        || !(rawPath.startsWith(StaticFiles.PREFIX) || rawPath.equals(ApiDocs.PATH) || rawPath.startsWith(ApiDocs.PATH + "/"));
  }

  /** An answer given after routing: the route's (or the authorizer's), or the one for no route. */
  void routed(IncomingRequest request, Answer answer) {
    check(new Exchange(
        Exchange.Origin.ROUTED,
        null,
        request.method(),
        request.rawPath(),
        query(request.rawQuery()),
        request.headers(),
        request.body(),
        answer.status(),
        answer.headers(),
        answer.body()));
  }

  /** An answer the gateway gave before any route was chosen; {@code method} and {@code path} may be null. */
  void beforeRouting(String method, String path, Answer answer) {
    check(new Exchange(
        Exchange.Origin.GATEWAY, null, method, path, Map.of(), Map.of(), null, answer.status(), answer.headers(), answer.body()));
  }

  private void check(Exchange exchange) {
    OpenApiContract.Result result;
    try {
      result = contract.checkAndRecord(exchange, "gateway");
    } catch (RuntimeException e) {
      // A failing check must not fail the request it checks; it is a mismatch of its own.
      String failure = "gateway: the OpenAPI check itself failed on " + exchange.describe() + ": " + e;
      ContractLedger.mismatch(failure);
      System.err.println(MISMATCH + quoted(failure));
      return;
    }
    if (trace) {
      System.err.println(CHECKED + (result.requestChecked() ? "response+request" : "response"));
    }
    if (!result.conforms()) {
      System.err.println(MISMATCH + quoted("gateway: " + exchange.describe() + "\n    " + String.join("\n    ", result.problems())));
    }
  }

  /** The query as API Gateway decodes it for the handlers (repeated names joined with commas). */
  private static Map<String, List<String>> query(String rawQuery) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    Map<String, String> decoded = ApiGatewayEvents.queryParameters(rawQuery);
    if (decoded != null) {
      decoded.forEach((name, value) -> query.put(name, List.of(value)));
    }
    return query;
  }

  private static String quoted(String text) {
    try {
      return JSON.writeValueAsString(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
