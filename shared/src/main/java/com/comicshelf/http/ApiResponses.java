package com.comicshelf.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.comicshelf.common.ClientError;
import com.comicshelf.sql.DatabaseUnavailableException;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds payload 2.0 responses: JSON bodies and RFC 9457 problem details. */
public final class ApiResponses {
  private static final Logger log = LoggerFactory.getLogger(ApiResponses.class);
  public static final String JSON = "application/json";
  public static final String PROBLEM_JSON = "application/problem+json";

  private ApiResponses() {}

  public static APIGatewayV2HTTPResponse json(int status, Object body) {
    try {
      return response(status, JSON, Json.MAPPER.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("response not serialisable", e);
    }
  }

  public static APIGatewayV2HTTPResponse noContent() {
    return APIGatewayV2HTTPResponse.builder().withStatusCode(204).withHeaders(Map.of()).build();
  }

  /** Maps a client mistake to its problem document. */
  public static APIGatewayV2HTTPResponse problem(ClientError error) {
    int status = statusOf(error.kind());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("title", error.title());
    body.put("status", status);
    body.put("detail", error.getMessage());
    body.putAll(error.extensions());
    return problem(
        status, body, error.retryAfter().map(after -> Map.of("retry-after", seconds(after))).orElse(Map.of()));
  }

  /** Retry-After in whole seconds, rounded up, at least 1. */
  static String seconds(Duration duration) {
    return Long.toString(Math.max(1, (duration.toMillis() + 999) / 1000));
  }

  /** Anything unexpected: logged with its stack trace, answered without any of it. */
  public static APIGatewayV2HTTPResponse serverError(String routeKey, Throwable failure) {
    log.error("unexpected failure on {}", routeKey, failure);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("title", "Internal server error");
    body.put("status", 500);
    body.put("detail", "the request could not be completed; it is safe to retry");
    return problem(500, body);
  }

  /**
   * The database could not be reached in time: 503 with {@code Retry-After}, since nothing was
   * changed and the same request will work once the database is back.
   */
  public static APIGatewayV2HTTPResponse serviceUnavailable(String routeKey, DatabaseUnavailableException failure) {
    String seconds = seconds(failure.retryAfter());
    log.warn("database unavailable on {}: {}", routeKey, failure.getMessage());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("title", "Service unavailable");
    body.put("status", 503);
    body.put("detail", "the database is not available right now; nothing was changed, retry in " + seconds + " s");
    return problem(503, body, Map.of("retry-after", seconds));
  }

  private static APIGatewayV2HTTPResponse problem(int status, Map<String, Object> body) {
    return problem(status, body, Map.of());
  }

  private static APIGatewayV2HTTPResponse problem(int status, Map<String, Object> body, Map<String, String> headers) {
    try {
      return response(status, PROBLEM_JSON, Json.MAPPER.writeValueAsString(body), headers);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("problem not serialisable", e);
    }
  }

  static int statusOf(ClientError.Kind kind) {
    return switch (kind) {
      case BAD_REQUEST -> 400;
      case UNAUTHORIZED -> 401;
      case FORBIDDEN -> 403;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
      case PAYLOAD_TOO_LARGE -> 413;
      case UNSUPPORTED_MEDIA_TYPE -> 415;
      case UNPROCESSABLE -> 422;
      case TOO_MANY_REQUESTS -> 429;
      case BAD_GATEWAY -> 502;
    };
  }

  private static APIGatewayV2HTTPResponse response(int status, String contentType, String body) {
    return response(status, contentType, body, Map.of());
  }

  private static APIGatewayV2HTTPResponse response(
      int status, String contentType, String body, Map<String, String> extraHeaders) {
    Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
    headers.put("content-type", contentType);
    return APIGatewayV2HTTPResponse.builder()
        .withStatusCode(status)
        .withHeaders(headers)
        .withBody(body)
        .withIsBase64Encoded(false)
        .build();
  }
}
