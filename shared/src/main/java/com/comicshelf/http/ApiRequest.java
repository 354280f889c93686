package com.comicshelf.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.comicshelf.common.ClientError;
import com.comicshelf.common.PageRequest;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
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
  /** {@code type/subtype} with {@code ; name=value} parameters (RFC 9110 section 8.3.1); group 1 is the type. */
  private static final Pattern MEDIA_TYPE =
      Pattern.compile("\\s*([\\w!#$&^.+-]+/[\\w!#$&^.+-]+)\\s*(;\\s*[\\w!#$&^.+-]+=(\"[^\"]*\"|[\\w!#$&^.+-]+)\\s*)*");
  private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]{0,9})");

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

  /** When the caller's signed request was issued, as the authorizer passed it on (epoch seconds). */
  public Optional<Instant> tokenIssuedAt() {
    return authorizerValue("issuedAt")
        .filter(raw -> raw.matches("[0-9]{1,12}"))
        .map(raw -> Instant.ofEpochSecond(Long.parseLong(raw)));
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

  /**
   * The origin the client called, e.g. {@code https://api.example.com}: from {@code x-forwarded-proto}
   * (which API Gateway sets) and the {@code host} it was called on (API Gateway routes on it, so it is
   * one of the API's own domains).
   */
  public String origin() {
    String proto = header("x-forwarded-proto").filter(p -> p.equals("http") || p.equals("https")).orElse("https");
    String host =
        header("host")
            .or(() -> Optional.ofNullable(event.getRequestContext()).map(c -> c.getDomainName()))
            .filter(h -> h.matches("[A-Za-z0-9.:\\[\\]-]{1,255}"))
            .orElseThrow(() -> ClientError.badRequest("the request has no valid Host header"));
    return proto + "://" + host;
  }

  /** A path parameter as given, for routes whose parameter is not a numeric id. */
  public Optional<String> pathText(String name) {
    Map<String, String> params = event.getPathParameters();
    return Optional.ofNullable(params == null ? null : params.get(name));
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
      // Integer.parseInt also takes "+5" and non-ASCII digits; the contract says a JSON integer.
      if (!INTEGER.matcher(raw).matches()) {
        throw new NumberFormatException(raw);
      }
      return Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      throw ClientError.badRequest(name + " must be a whole number, got '" + abbreviate(raw) + "'");
    }
  }

  /** The JSON body as {@code type}; {@code whenEmpty} when there is no body. */
  public <T> T body(Class<T> type, T whenEmpty) {
    String text = bodyText();
    if (text.isEmpty()) {
      return whenEmpty;
    }
    return parse(text, type);
  }

  /** The JSON body as {@code type}; a missing body is a 400. */
  public <T> T body(Class<T> type) {
    String text = bodyText();
    if (text.isEmpty()) {
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
      digest.update(rawBodyBytes());
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  private String bodyText() {
    byte[] bytes = bodyBytes();
    if (bytes.length == 0) {
      return "";
    }
    requireContentType("application/json");
    return utf8(bytes, "the body is not valid UTF-8");
  }

  /** JSON is UTF-8 (RFC 8259); silently replacing bad bytes would store text the client never sent. */
  private static String utf8(byte[] bytes, String whenInvalid) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw ClientError.badRequest(whenInvalid);
    }
  }

  /**
   * A field of an {@code application/x-www-form-urlencoded} body (how Facebook calls its callbacks);
   * a missing body, field or value is a 400.
   */
  public String formField(String name) {
    byte[] bytes = bodyBytes();
    if (bytes.length == 0) {
      throw ClientError.badRequest("a form body with the field " + name + " is required");
    }
    requireContentType("application/x-www-form-urlencoded");
    String form = utf8(bytes, "the form body is not valid UTF-8");
    for (String pair : form.split("&")) {
      int equals = pair.indexOf('=');
      String key = decodeFormPart(equals < 0 ? pair : pair.substring(0, equals));
      if (key.equals(name)) {
        String value = equals < 0 ? "" : decodeFormPart(pair.substring(equals + 1));
        if (value.isEmpty()) {
          break;
        }
        return value;
      }
    }
    throw ClientError.badRequest("the form field " + name + " is required");
  }

  private static String decodeFormPart(String part) {
    try {
      return URLDecoder.decode(part, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ClientError.badRequest("the form body is not validly URL-encoded");
    }
  }

  private byte[] bodyBytes() {
    byte[] bytes = rawBodyBytes();
    if (bytes.length > MAX_BODY_BYTES) {
      throw new ClientError(
          ClientError.Kind.PAYLOAD_TOO_LARGE,
          "Payload too large",
          "the body must be at most " + MAX_BODY_BYTES + " bytes, got " + bytes.length);
    }
    return bytes;
  }

  /** The body's bytes as the client sent them (API Gateway base64-encodes binary ones); none is empty. */
  private byte[] rawBodyBytes() {
    String body = event.getBody();
    if (body == null) {
      return new byte[0];
    }
    return event.getIsBase64Encoded() ? decodeBase64(body) : body.getBytes(StandardCharsets.UTF_8);
  }

  /** A body without Content-Type is taken as {@code expected}; one of another type is a 415. */
  private void requireContentType(String expected) {
    var mediaType = MEDIA_TYPE.matcher(header("content-type").orElse(expected));
    if (!mediaType.matches() || !mediaType.group(1).equalsIgnoreCase(expected)) {
      throw new ClientError(
          ClientError.Kind.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type", "the body must be " + expected);
    }
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
