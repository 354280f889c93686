package com.comicshelf.local;

import com.comicshelf.http.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The whole answer to one request: what {@link GatewayServer} sends, with a Content-Length, never chunked. */
record Answer(int status, Map<String, List<String>> headers, byte[] body) {
  static final String PROBLEM_JSON = "application/problem+json";

  /** API Gateway's own short answer, e.g. {@code {"message":"Not Found"}}. */
  static Answer gatewayMessage(int status, String message, String requestId) {
    return new Answer(
        status,
        Map.of("Content-Type", List.of("application/json"), "Apigw-Requestid", List.of(requestId)),
        ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
  }

  /** An RFC 9457 problem document, for a request the gateway cannot even pass to API Gateway's logic. */
  static Answer problem(int status, String title, String detail) {
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", "about:blank");
    problem.put("title", title);
    problem.put("status", status);
    problem.put("detail", detail);
    try {
      return new Answer(
          status,
          Map.of("Content-Type", List.of(PROBLEM_JSON), "Apigw-Requestid", List.of(UUID.randomUUID().toString())),
          Json.MAPPER.writeValueAsBytes(problem));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
