package com.comicshelf.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Writes a function's payload 2.0 response, or one of API Gateway's own error answers, to the client. */
final class ExchangeResponses {
  /** Set by the HTTP layer itself; a value from the function would contradict the real body. */
  private static final Set<String> HOP_BY_HOP = Set.of("content-length", "transfer-encoding", "connection");

  private ExchangeResponses() {}

  static void write(HttpExchange exchange, APIGatewayV2HTTPResponse response, String requestId) throws IOException {
    Headers headers = exchange.getResponseHeaders();
    if (response.getHeaders() != null) {
      response.getHeaders().forEach((name, value) -> addHeader(headers, name, List.of(value)));
    }
    if (response.getMultiValueHeaders() != null) {
      response.getMultiValueHeaders().forEach((name, values) -> addHeader(headers, name, values));
    }
    if (response.getCookies() != null) {
      response.getCookies().forEach(cookie -> headers.add("Set-Cookie", cookie));
    }
    byte[] body = bodyOf(response);
    send(exchange, response.getStatusCode(), body, requestId);
  }

  /** API Gateway's own answers carry a JSON {@code message}, e.g. {@code {"message":"Not Found"}}. */
  static void message(HttpExchange exchange, int status, String message, String requestId) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    send(exchange, status, ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8), requestId);
  }

  private static void addHeader(Headers headers, String name, List<String> values) {
    if (name == null || values == null || HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
      return;
    }
    values.forEach(value -> headers.add(name, value));
  }

  private static byte[] bodyOf(APIGatewayV2HTTPResponse response) {
    String body = response.getBody();
    if (body == null || body.isEmpty()) {
      return new byte[0];
    }
    return response.getIsBase64Encoded()
        ? Base64.getDecoder().decode(body)
        : body.getBytes(StandardCharsets.UTF_8);
  }

  private static void send(HttpExchange exchange, int status, byte[] body, String requestId) throws IOException {
    exchange.getResponseHeaders().set("Apigw-Requestid", requestId);
    boolean noBody = body.length == 0 || status == 204 || status == 304 || "HEAD".equals(exchange.getRequestMethod());
    // -1 means no body at all (HttpExchange's convention); GatewayServer sends every body with a Content-Length.
    exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
    if (!noBody) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
