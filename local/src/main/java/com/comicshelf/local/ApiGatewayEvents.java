package com.comicshelf.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the payload 2.0 events an HTTP API sends: to a route's function and to its Lambda
 * authorizer. Header names are lower-cased; repeated headers and query parameters are joined with
 * commas; cookies leave the headers for the {@code cookies} list; a body that is not UTF-8 text is
 * sent base64-encoded.
 */
final class ApiGatewayEvents {
  static final String STAGE = "$default";
  static final String ACCOUNT_ID = "123456789012";
  static final String API_ID = "local";
  static final String REGION = "us-east-1";
  /** The format of {@code requestContext.time}, e.g. {@code 12/Mar/2020:19:03:58 +0000}. */
  private static final DateTimeFormatter REQUEST_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  private ApiGatewayEvents() {}

  /** The event for the route's function; {@code authorizerContext} is null on routes without one. */
  static APIGatewayV2HTTPEvent httpEvent(
      IncomingRequest request,
      RouteMatch match,
      Map<String, Object> authorizerContext,
      String requestId,
      Instant time) {
    boolean text = isText(request);
    var context =
        APIGatewayV2HTTPEvent.RequestContext.builder()
            .withAccountId(ACCOUNT_ID)
            .withApiId(API_ID)
            .withDomainName("localhost")
            .withDomainPrefix("localhost")
            .withHttp(
                APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                    .withMethod(request.method())
                    .withPath(request.rawPath())
                    .withProtocol(request.protocol())
                    .withSourceIp(request.sourceIp())
                    .withUserAgent(request.header("user-agent").orElse(""))
                    .build())
            .withRequestId(requestId)
            .withRouteKey(match.route().routeKey())
            .withStage(STAGE)
            .withTime(REQUEST_TIME.format(time))
            .withTimeEpoch(time.toEpochMilli());
    if (authorizerContext != null) {
      context.withAuthorizer(
          APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder().withLambda(authorizerContext).build());
    }
    return APIGatewayV2HTTPEvent.builder()
        .withVersion("2.0")
        .withRouteKey(match.route().routeKey())
        .withRawPath(request.rawPath())
        .withRawQueryString(request.rawQuery())
        .withCookies(cookies(request))
        .withHeaders(headers(request))
        .withQueryStringParameters(queryParameters(request.rawQuery()))
        .withPathParameters(match.pathParameters().isEmpty() ? null : match.pathParameters())
        .withBody(request.body().length == 0 ? null : body(request, text))
        .withIsBase64Encoded(request.body().length > 0 && !text)
        .withRequestContext(context.build())
        .build();
  }

  /** The REQUEST-type event for a Lambda authorizer with payload format 2.0. */
  static APIGatewayV2CustomAuthorizerEvent authorizerEvent(
      IncomingRequest request, RouteMatch match, List<String> identitySource, String requestId, Instant time) {
    String routeKey = match.route().routeKey();
    return APIGatewayV2CustomAuthorizerEvent.builder()
        .withVersion("2.0")
        .withType("REQUEST")
        .withRouteArn(routeArn(request))
        .withIdentitySource(identitySource)
        .withRouteKey(routeKey)
        .withRawPath(request.rawPath())
        .withRawQueryString(request.rawQuery())
        .withCookies(cookies(request))
        .withHeaders(headers(request))
        .withQueryStringParameters(queryParameters(request.rawQuery()))
        .withPathParameters(match.pathParameters().isEmpty() ? null : match.pathParameters())
        .withRequestContext(
            APIGatewayV2CustomAuthorizerEvent.RequestContext.builder()
                .withAccountId(ACCOUNT_ID)
                .withApiId(API_ID)
                .withDomainName("localhost")
                .withDomainPrefix("localhost")
                .withHttp(
                    APIGatewayV2CustomAuthorizerEvent.Http.builder()
                        .withMethod(request.method())
                        .withPath(request.rawPath())
                        .withProtocol(request.protocol())
                        .withSourceIp(request.sourceIp())
                        .withUserAgent(request.header("user-agent").orElse(""))
                        .build())
                .withRequestId(requestId)
                .withRouteKey(routeKey)
                .withStage(STAGE)
                .withTime(REQUEST_TIME.format(time))
                .withTimeEpoch(time.toEpochMilli())
                .build())
        .build();
  }

  /** {@code arn:aws:execute-api:region:account:api/stage/METHOD/path}, the resource an authorizer guards. */
  static String routeArn(IncomingRequest request) {
    return "arn:aws:execute-api:" + REGION + ":" + ACCOUNT_ID + ":" + API_ID + "/" + STAGE + "/"
        + request.method() + request.rawPath();
  }

  /**
   * Lower-cased names, repeated values joined with commas; the {@code cookie} header is moved to the
   * {@code cookies} list; the {@code x-forwarded-*} headers are added as API Gateway adds them.
   */
  static Map<String, String> headers(IncomingRequest request) {
    Map<String, String> headers = new LinkedHashMap<>();
    request.headers().forEach((name, values) -> {
      String lower = name.toLowerCase(Locale.ROOT);
      if (!lower.equals("cookie")) {
        headers.put(lower, String.join(",", values));
      }
    });
    headers.putIfAbsent("x-forwarded-for", request.sourceIp());
    headers.putIfAbsent("x-forwarded-port", Integer.toString(request.localPort()));
    headers.putIfAbsent("x-forwarded-proto", "http");
    return headers;
  }

  /** Every cookie of every {@code Cookie} header, one entry each; null when there are none. */
  static List<String> cookies(IncomingRequest request) {
    List<String> cookies = new ArrayList<>();
    for (String header : request.headers().getOrDefault("cookie", List.of())) {
      for (String cookie : header.split(";")) {
        if (!cookie.isBlank()) {
          cookies.add(cookie.strip());
        }
      }
    }
    return cookies.isEmpty() ? null : cookies;
  }

  /** Decoded query parameters, repeated names joined with commas; null when there are none. */
  static Map<String, String> queryParameters(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return null;
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      parameters.merge(name, value, (a, b) -> a + "," + b);
    }
    return parameters.isEmpty() ? null : parameters;
  }

  private static String decode(String raw) {
    try {
      return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      // API Gateway passes a malformed escape through rather than failing the request.
      return raw;
    }
  }

  private static String body(IncomingRequest request, boolean text) {
    return text
        ? new String(request.body(), StandardCharsets.UTF_8)
        : Base64.getEncoder().encodeToString(request.body());
  }

  /** Text unless the content type says binary or the bytes are not valid UTF-8. */
  static boolean isText(IncomingRequest request) {
    String type = request.contentType().orElse("");
    boolean binaryType =
        !type.isEmpty()
            && !(type.startsWith("text/")
                || type.contains("json")
                || type.contains("xml")
                || type.contains("javascript")
                || type.contains("yaml")
                || type.startsWith("application/x-www-form-urlencoded"));
    return !binaryType && isUtf8(request.body());
  }

  private static boolean isUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
