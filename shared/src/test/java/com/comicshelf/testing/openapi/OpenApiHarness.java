package com.comicshelf.testing.openapi;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.comicshelf.contract.ContractLedger;
import com.comicshelf.contract.Exchange;
import com.comicshelf.contract.OpenApiContract;
import com.comicshelf.http.Routes;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks every exchange a handler completes in this JVM against {@code openapi.yaml}: the listener that
 * {@link OpenApiExchangeExtension} (JUnit Jupiter) and {@link OpenApiJqwikHook} (jqwik) install in
 * {@link Routes}, so handler tests need not do anything themselves. Mismatches go to the {@link
 * ContractLedger}; the extension and the hook fail the test that made them.
 *
 * <p>How an API Gateway event becomes the exchange the contract checks:
 *
 * <ul>
 *   <li>The operation is the event's route key, as API Gateway chose it (the handler dispatches on it).
 *   <li>The path is the route key's template with the event's path parameters, percent-encoded: what
 *       the handler reads are the parameters, not {@code rawPath}, which hand-made events do not keep
 *       in step with them.
 *   <li>An event API Gateway could not have sent this function (a route key it does not serve, none at
 *       all, a template parameter missing or empty) is not an API exchange: its answer must be the
 *       handler's 404 problem document ({@link Exchange.Origin#UNDELIVERABLE}).
 *   <li>Query parameters, headers and the body (base64-decoded when flagged) are the event's; the
 *       authorizer's verdict is in the event's context, not in a header, so security requirements are
 *       not checked here (the local gateway's check does).
 *   <li>The response is checked always; the request only when the response is a 2xx: a request the
 *       API refuses with a documented 4xx is by definition outside the contract (fuzzers and tests send
 *       such requests on purpose), but one it accepts must be inside it. See {@link OpenApiContract}.
 * </ul>
 */
public final class OpenApiHarness {
  private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}+]+)\\+?}");
  private static volatile OpenApiContract contract;

  private OpenApiHarness() {}

  /** Installs the listener in {@link Routes} (once per JVM; later calls change nothing). */
  public static void install() {
    Routes.listen(OpenApiHarness::exchanged);
  }

  /** The contract, {@code openapi.yaml} at the repository root, loaded on first use. */
  static OpenApiContract contract() {
    OpenApiContract loaded = contract;
    if (loaded == null) {
      Path file = OpenApiContract.find(Path.of(""))
          .orElseThrow(() -> new IllegalStateException("no " + OpenApiContract.FILE_NAME + " in the working directory or above"));
      loaded = OpenApiContract.load(file, OpenApiContract.Mode.HANDLER);
      contract = loaded;
    }
    return loaded;
  }

  private static void exchanged(APIGatewayV2HTTPEvent event, APIGatewayV2HTTPResponse response, boolean routed) {
    Exchange exchange;
    try {
      exchange = exchange(event, response, routed);
      contract().checkAndRecord(exchange, "handler");
    } catch (RuntimeException | LinkageError e) {
      // The harness must not change what the handler answered; a harness failure fails the test instead.
      ContractLedger.mismatch("handler: the OpenAPI check itself failed on " + describe(event) + ": " + e);
    }
  }

  /** The exchange the contract checks for one handler invocation (see the class comment). */
  public static Exchange exchange(APIGatewayV2HTTPEvent event, APIGatewayV2HTTPResponse response, boolean routed) {
    String routeKey = event == null ? null : event.getRouteKey();
    int space = routeKey == null ? -1 : routeKey.indexOf(' ');
    String method = space > 0 ? routeKey.substring(0, space) : "GET";
    String template = space > 0 ? routeKey.substring(space + 1) : "/";
    boolean deliverable = routed && space > 0;
    StringBuilder path = new StringBuilder();
    Map<String, String> parameters = event == null || event.getPathParameters() == null ? Map.of() : event.getPathParameters();
    Matcher m = PATH_PARAMETER.matcher(template);
    int from = 0;
    while (m.find()) {
      String value = parameters.get(m.group(1));
      if (value == null || value.isEmpty()) {
        deliverable = false;
        value = "";
      }
      path.append(template, from, m.start()).append(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
      from = m.end();
    }
    path.append(template.substring(from));
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (event != null && event.getQueryStringParameters() != null) {
      event.getQueryStringParameters().forEach((name, value) -> query.put(name, List.of(value == null ? "" : value)));
    }
    Map<String, List<String>> requestHeaders = new LinkedHashMap<>();
    if (event != null && event.getHeaders() != null) {
      event.getHeaders().forEach((name, value) -> requestHeaders.put(name, List.of(value == null ? "" : value)));
    }
    Map<String, List<String>> responseHeaders = new LinkedHashMap<>();
    if (response.getHeaders() != null) {
      response.getHeaders().forEach((name, value) -> responseHeaders.put(name, List.of(value == null ? "" : value)));
    }
    if (response.getMultiValueHeaders() != null) {
      response.getMultiValueHeaders().forEach((name, values) -> responseHeaders.put(name, values));
    }
    return new Exchange(
        deliverable ? Exchange.Origin.ROUTED : Exchange.Origin.UNDELIVERABLE,
        deliverable ? routeKey : null,
        method,
        path.toString(),
        query,
        requestHeaders,
        event == null ? null : bytes(event.getBody(), event.getIsBase64Encoded()),
        response.getStatusCode(),
        responseHeaders,
        bytes(response.getBody(), response.getIsBase64Encoded()));
  }

  private static byte[] bytes(String body, boolean base64) {
    if (body == null) {
      return new byte[0];
    }
    if (base64) {
      try {
        return Base64.getDecoder().decode(body);
      } catch (IllegalArgumentException notBase64) {
        // Sent as if base64 but not: the handler refuses it (400); check the answer, with the text as sent.
      }
    }
    return body.getBytes(StandardCharsets.UTF_8);
  }

  private static String describe(APIGatewayV2HTTPEvent event) {
    return event == null ? "a null event" : String.valueOf(event.getRouteKey());
  }
}
