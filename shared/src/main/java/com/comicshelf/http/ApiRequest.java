package com.comicshelf.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.comicshelf.common.ClientError;
import com.comicshelf.common.PageRequest;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Typed, validated access to an API Gateway HTTP API (payload 2.0) event. Every parsing failure is
 * a {@link ClientError} with a message for the client.
 */
public final class ApiRequest {
  /** Largest accepted request body, in bytes. */
  public static final int MAX_BODY_BYTES = 16 * 1024;

  private static final Pattern ID = Pattern.compile("[1-9][0-9]{0,17}");

  private final APIGatewayV2HTTPEvent event;

  public ApiRequest(APIGatewayV2HTTPEvent event) {
    this.event = event;
  }

  public String routeKey() {
    return event.getRouteKey();
  }

  /**
   * The caller's user id, as put into the context by the authorizer. Handlers trust nothing else:
   * a missing context means the route was deployed without the authorizer, a server fault.
   */
  public long userId() {
    return authorizerValue("userId")
        .map(Long::parseLong)
        .orElseThrow(() -> new IllegalStateException("no userId in the authorizer context"));
  }

  /** The Facebook access token from the signed request, when the authorizer passed one on. */
  public Optional<String> oauthToken() {
    return authorizerValue("oauthToken");
  }

  /** A value the Lambda authorizer put in {@code requestContext.authorizer.lambda}. */
  private Optional<String> authorizerValue(String key) {
    var requestContext = event.getRequestContext();
    if (requestContext == null
        || requestContext.getAuthorizer() == null
        || requestContext.getAuthorizer().getLambda() == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(requestContext.getAuthorizer().getLambda().get(key)).map(Object::toString);
  }

  /** {@code name} as true or false; absent means {@code fallback}. */
  public boolean queryBoolean(String name, boolean fallback) {
    return query(name)
        .map(
            raw ->
                switch (raw) {
                  case "true" -> true;
                  case "false" -> false;
                  default -> throw ClientError.badRequest(name + " must be true or false, got '" + abbreviate(raw) + "'");
                })
        .orElse(fallback);
  }

  /** {@code name} as a whole number; absent means {@code fallback}. Range checks are the service's. */
  public int queryInt(String name, int fallback) {
    return query(name).map(raw -> parseInt(name, raw)).orElse(fallback);
  }

  /** A positive numeric id from the path, e.g. {@code comicId}; anything else is 404. */
  public long pathId(String name) {
    Map<String, String> params = event.getPathParameters();
    String raw = params == null ? null : params.get(name);
    if (raw == null || !ID.matcher(raw).matches()) {
      throw ClientError.notFound(name + " must be a positive whole number, got '" + abbreviate(raw) + "'");
    }
    return Long.parseLong(raw);
  }

  public Optional<String> query(String name) {
    Map<String, String> params = event.getQueryStringParameters();
    return Optional.ofNullable(params == null ? null : params.get(name));
  }

  /** {@code limit} and {@code cursor} from the query string; limit defaults to 20, at most 100. */
  public PageRequest page() {
    int limit = queryInt("limit", PageRequest.DEFAULT_LIMIT);
    Optional<String> cursor = query("cursor").filter(c -> !c.isEmpty());
    return new PageRequest(limit, cursor);
  }

  private static int parseInt(String name, String raw) {
    try {
      return Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      throw ClientError.badRequest(name + " must be a whole number, got '" + abbreviate(raw) + "'");
    }
  }

  /** The JSON body as {@code type}; {@code whenEmpty} when there is no body. */
  public <T> T body(Class<T> type, T whenEmpty) {
    String text = bodyText();
    if (text.isBlank()) {
      return whenEmpty;
    }
    return parse(text, type);
  }

  /** The JSON body as {@code type}; a missing body is a 400. */
  public <T> T body(Class<T> type) {
    String text = bodyText();
    if (text.isBlank()) {
      throw ClientError.badRequest("a JSON body is required");
    }
    return parse(text, type);
  }

  /**
   * A SHA-256 of what makes this request this request: its route, path parameters and body bytes. Two
   * requests under one {@code Idempotency-Key} must agree on it (see {@link WriteGuard}).
   */
  public String fingerprint() {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(String.valueOf(event.getRouteKey()).getBytes(StandardCharsets.UTF_8));
      Map<String, String> path = event.getPathParameters() == null ? Map.of() : event.getPathParameters();
      new TreeMap<>(path).forEach((k, v) -> digest.update(("\n" + k + "=" + v).getBytes(StandardCharsets.UTF_8)));
      digest.update((byte) 0);
      String body = event.getBody();
      if (body != null) {
        digest.update(event.getIsBase64Encoded() ? decodeBase64(body) : body.getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  private String bodyText() {
    String body = event.getBody();
    if (body == null) {
      return "";
    }
    byte[] bytes =
        event.getIsBase64Encoded() ? decodeBase64(body) : body.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > MAX_BODY_BYTES) {
      throw new ClientError(
          ClientError.Kind.PAYLOAD_TOO_LARGE,
          "Payload too large",
          "the body must be at most " + MAX_BODY_BYTES + " bytes, got " + bytes.length);
    }
    String contentType = header("content-type").orElse("application/json");
    if (!contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      throw new ClientError(
          ClientError.Kind.UNSUPPORTED_MEDIA_TYPE,
          "Unsupported media type",
          "the body must be application/json");
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  public Optional<String> header(String name) {
    return header(event.getHeaders(), name);
  }

  /**
   * A header by name, ignoring case: API Gateway lower-cases names in payload 2.0, but hand-written
   * events may not. Shared with the authorizer, whose event carries the same header map.
   */
  public static Optional<String> header(Map<String, String> headers, String name) {
    if (headers == null) {
      return Optional.empty();
    }
    return headers.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(name))
        .map(Map.Entry::getValue)
        .findFirst();
  }

  private static byte[] decodeBase64(String body) {
    try {
      return Base64.getDecoder().decode(body);
    } catch (IllegalArgumentException e) {
      throw ClientError.badRequest("the body is not valid base64");
    }
  }

  private static <T> T parse(String text, Class<T> type) {
    T value;
    try {
      value = Json.MAPPER.readValue(text, type);
    } catch (UnrecognizedPropertyException e) {
      throw ClientError.badRequest(
          "unknown field '" + e.getPropertyName() + "'; allowed: " + knownFields(e));
    } catch (JsonParseException e) {
      throw ClientError.badRequest("the body is not valid JSON");
    } catch (MismatchedInputException e) {
      String field = fieldPath(e);
      throw ClientError.badRequest(
          field.isEmpty()
              ? "the body must be a JSON object"
              : "field '" + field + "' has the wrong type");
    } catch (JsonMappingException e) {
      throw ClientError.badRequest("the body does not match the expected shape");
    } catch (JsonProcessingException e) {
      throw ClientError.badRequest("the body is not valid JSON");
    }
    if (value == null) {
      // The JSON literal null: valid JSON, but not the object every body is.
      throw ClientError.badRequest("the body must be a JSON object");
    }
    return value;
  }

  private static String knownFields(UnrecognizedPropertyException e) {
    return e.getKnownPropertyIds() == null
        ? ""
        : e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
  }

  private static String fieldPath(JsonMappingException e) {
    return e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining("."));
  }

  private static String abbreviate(String raw) {
    if (raw == null) {
      return "";
    }
    return raw.length() <= 40 ? raw : raw.substring(0, 40) + "…";
  }
}
