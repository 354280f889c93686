package com.comicshelf.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Turns a function's payload 2.0 response into the {@link Answer} the client gets, as API Gateway does. */
final class ExchangeResponses {
  /** Set by the HTTP layer itself; a value from the function would contradict the real body or duplicate Jetty's. */
  private static final List<String> SET_BY_SERVER = List.of("Content-Length", "Transfer-Encoding", "Connection", "Date");

  private ExchangeResponses() {}

  static Answer of(APIGatewayV2HTTPResponse response, String requestId) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    if (response.getHeaders() != null) {
      response.getHeaders().forEach((name, value) -> addHeader(headers, name, List.of(value)));
    }
    if (response.getMultiValueHeaders() != null) {
      response.getMultiValueHeaders().forEach((name, values) -> addHeader(headers, name, values));
    }
    if (response.getCookies() != null) {
      addHeader(headers, "Set-Cookie", response.getCookies());
    }
    headers.put("Apigw-Requestid", List.of(requestId));
    return new Answer(response.getStatusCode(), headers, bodyOf(response));
  }

  private static void addHeader(Map<String, List<String>> headers, String name, List<String> values) {
    if (name == null || values == null || isSetByServer(name)) {
      return;
    }
    List<String> all = headers.computeIfAbsent(name, n -> new ArrayList<>(values.size()));
    for (String value : values) {
      if (value != null) {
        all.add(value);
      }
    }
  }

  private static boolean isSetByServer(String name) {
    for (String own : SET_BY_SERVER) {
      if (own.equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
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
}
