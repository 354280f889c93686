package com.comicshelf.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiGatewayEventsTest {
  private static final FunctionSpec FN = new FunctionSpec("FavoritesFunction", "x.Y", 15, 1024);
  private static final Route ROUTE = new Route("PUT", "/me/favorites/{comicId}", FN, Optional.empty());
  private static final RouteMatch MATCH = new RouteMatch(ROUTE, Map.of("comicId", "12"));
  private static final Instant TIME = Instant.parse("2020-03-12T19:03:58.123Z");

  @Test
  void headers_areLowerCased_repeatedValuesJoinedWithCommas_andCookiesMovedOut() {
    var request = request(
        Map.of(
            "Accept", List.of("text/html", "application/json"),
            "X-Custom-Thing", List.of("1"),
            "Cookie", List.of("a=1; b=2", "c=3")),
        "", new byte[0]);

    var event = ApiGatewayEvents.httpEvent(request, MATCH, null, "req-1", TIME);

    assertThat(event.getHeaders())
        .containsEntry("accept", "text/html,application/json")
        .containsEntry("x-custom-thing", "1")
        .containsEntry("x-forwarded-for", "127.0.0.1")
        .doesNotContainKey("cookie")
        .doesNotContainKey("Accept");
    assertThat(event.getCookies()).containsExactly("a=1", "b=2", "c=3");
  }

  @Test
  void queryParameters_areDecoded_andRepeatedNamesJoinedWithCommas() {
    var request = request(Map.of(), "q=the%20sandman&tag=a&tag=b&flag", new byte[0]);

    var event = ApiGatewayEvents.httpEvent(request, MATCH, null, "req-1", TIME);

    assertThat(event.getRawQueryString()).isEqualTo("q=the%20sandman&tag=a&tag=b&flag");
    assertThat(event.getQueryStringParameters())
        .isEqualTo(Map.of("q", "the sandman", "tag", "a,b", "flag", ""));
  }

  @Test
  void noQueryNoCookiesNoBody_leaveThoseFieldsNull_asApiGatewayDoes() {
    var event = ApiGatewayEvents.httpEvent(request(Map.of(), "", new byte[0]), MATCH, null, "req-1", TIME);

    assertThat(event.getQueryStringParameters()).isNull();
    assertThat(event.getCookies()).isNull();
    assertThat(event.getBody()).isNull();
    assertThat(event.getIsBase64Encoded()).isFalse();
    assertThat(event.getRequestContext().getAuthorizer()).isNull();
  }

  @Test
  void jsonBody_isPassedAsText() {
    var request = request(Map.of("Content-Type", List.of("application/json")), "",
        "{\"note\":\"héllo\"}".getBytes(StandardCharsets.UTF_8));

    var event = ApiGatewayEvents.httpEvent(request, MATCH, null, "req-1", TIME);

    assertThat(event.getBody()).isEqualTo("{\"note\":\"héllo\"}");
    assertThat(event.getIsBase64Encoded()).isFalse();
  }

  @Test
  void binaryContentType_orInvalidUtf8_isBase64Encoded() {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
    var typed = request(Map.of("Content-Type", List.of("image/png")), "", "text".getBytes(StandardCharsets.UTF_8));
    var untyped = request(Map.of(), "", png);

    var typedEvent = ApiGatewayEvents.httpEvent(typed, MATCH, null, "req-1", TIME);
    var untypedEvent = ApiGatewayEvents.httpEvent(untyped, MATCH, null, "req-1", TIME);

    assertThat(typedEvent.getIsBase64Encoded()).isTrue();
    assertThat(Base64.getDecoder().decode(typedEvent.getBody())).isEqualTo("text".getBytes(StandardCharsets.UTF_8));
    assertThat(untypedEvent.getIsBase64Encoded()).isTrue();
    assertThat(Base64.getDecoder().decode(untypedEvent.getBody())).isEqualTo(png);
  }

  @Test
  void requestContext_carriesRouteStageTimeAndAuthorizerContext() {
    var request = request(Map.of("User-Agent", List.of("curl/8")), "", new byte[0]);

    var event = ApiGatewayEvents.httpEvent(request, MATCH, Map.of("userId", "42"), "req-1", TIME);

    assertThat(event.getVersion()).isEqualTo("2.0");
    assertThat(event.getRouteKey()).isEqualTo("PUT /me/favorites/{comicId}");
    assertThat(event.getRawPath()).isEqualTo("/me/favorites/12");
    assertThat(event.getPathParameters()).isEqualTo(Map.of("comicId", "12"));
    var context = event.getRequestContext();
    assertThat(context.getRouteKey()).isEqualTo("PUT /me/favorites/{comicId}");
    assertThat(context.getStage()).isEqualTo("$default");
    assertThat(context.getRequestId()).isEqualTo("req-1");
    assertThat(context.getTime()).isEqualTo("12/Mar/2020:19:03:58 +0000");
    assertThat(context.getTimeEpoch()).isEqualTo(TIME.toEpochMilli());
    assertThat(context.getHttp().getMethod()).isEqualTo("PUT");
    assertThat(context.getHttp().getPath()).isEqualTo("/me/favorites/12");
    assertThat(context.getHttp().getProtocol()).isEqualTo("HTTP/1.1");
    assertThat(context.getHttp().getSourceIp()).isEqualTo("127.0.0.1");
    assertThat(context.getHttp().getUserAgent()).isEqualTo("curl/8");
    assertThat(context.getAuthorizer().getLambda()).isEqualTo(Map.of("userId", "42"));
  }

  @Test
  void authorizerEvent_isARequestEventWithTheIdentitySourceAndRouteArn() {
    var request = request(Map.of("Authorization", List.of("Bearer abc")), "q=1", new byte[0]);

    var event = ApiGatewayEvents.authorizerEvent(request, MATCH, List.of("Bearer abc"), "req-1", TIME);

    assertThat(event.getVersion()).isEqualTo("2.0");
    assertThat(event.getType()).isEqualTo("REQUEST");
    assertThat(event.getIdentitySource()).containsExactly("Bearer abc");
    assertThat(event.getRouteKey()).isEqualTo("PUT /me/favorites/{comicId}");
    assertThat(event.getRouteArn())
        .isEqualTo("arn:aws:execute-api:us-east-1:123456789012:local/$default/PUT/me/favorites/12");
    assertThat(event.getHeaders()).containsEntry("authorization", "Bearer abc");
    assertThat(event.getQueryStringParameters()).isEqualTo(Map.of("q", "1"));
    assertThat(event.getPathParameters()).isEqualTo(Map.of("comicId", "12"));
    assertThat(event.getRequestContext().getStage()).isEqualTo("$default");
    assertThat(event.getRequestContext().getHttp().getMethod()).isEqualTo("PUT");
  }

  private static IncomingRequest request(Map<String, List<String>> headers, String query, byte[] body) {
    return new IncomingRequest("PUT", "/me/favorites/12", query, headers, body, "HTTP/1.1", "127.0.0.1", 3000);
  }
}
