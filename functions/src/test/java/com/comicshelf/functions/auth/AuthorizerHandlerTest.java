package com.comicshelf.functions.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.SimpleIAMPolicyResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.comicshelf.auth.SignedRequestVerifier;
import com.comicshelf.testing.MutableClock;
import com.comicshelf.testing.TestContext;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthorizerHandlerTest {
  /** The secret the sample events in events/ are signed with (the local gateway's default). */
  private static final String SECRET = "comic-shelf-local-dev-secret";
  private static final Instant ISSUED_AT = Instant.ofEpochSecond(1_795_000_000L);

  private final MutableClock clock = new MutableClock(ISSUED_AT.plusSeconds(60));
  private final AuthorizerHandler handler =
      new AuthorizerHandler(new SignedRequestVerifier(SECRET, Duration.ofHours(1), clock));

  @Test
  void sampleEvent_isAuthorized_andPassesUserIdIssueTimeAndAccessTokenInTheContext() {
    SimpleIAMPolicyResponse response = handler.handleRequest(sampleEvent(), new TestContext("authorizer"));

    assertThat(response.getIsAuthorized()).isTrue();
    assertThat(response.getContext())
        .containsOnly(
            Map.entry("userId", "1000000001"),
            Map.entry("issuedAt", Long.toString(ISSUED_AT.getEpochSecond())),
            Map.entry("oauthToken", "EAAB-demo-token"));
  }

  @Test
  void sampleEvent_isDenied_onceOlderThanTheMaxAge() {
    clock.advance(Duration.ofHours(2));

    assertDenied(sampleEvent());
  }

  @Test
  void forgedSignature_isDenied() {
    APIGatewayV2CustomAuthorizerEvent event = sampleEvent();
    String forged =
        new SignedRequestVerifier("not-the-secret", Duration.ofHours(1), clock).sign(1000000001L, ISSUED_AT, null);
    withAuthorization(event, "Bearer " + forged);

    assertDenied(event);
  }

  @Test
  void missingHeader_otherScheme_andEmptyToken_areDenied() {
    String valid = new SignedRequestVerifier(SECRET, Duration.ofHours(1), clock).sign(5L, ISSUED_AT, null);
    for (String header : new String[] {null, "Basic " + valid, valid, "Bearer ", "Bearer"}) {
      APIGatewayV2CustomAuthorizerEvent event = sampleEvent();
      withAuthorization(event, header);

      assertDenied(event);
    }
  }

  @Test
  void bearerScheme_isCaseInsensitive() {
    APIGatewayV2CustomAuthorizerEvent event = sampleEvent();
    String valid = new SignedRequestVerifier(SECRET, Duration.ofHours(1), clock).sign(5L, ISSUED_AT, null);
    withAuthorization(event, "bearer " + valid);

    assertThat(handler.handleRequest(event, new TestContext("authorizer")).getContext())
        .containsEntry("userId", "5");
  }

  private void assertDenied(APIGatewayV2CustomAuthorizerEvent event) {
    SimpleIAMPolicyResponse response = handler.handleRequest(event, new TestContext("authorizer"));
    assertThat(response.getIsAuthorized()).isFalse();
    assertThat(response.getContext()).doesNotContainKey("userId");
  }

  private static void withAuthorization(APIGatewayV2CustomAuthorizerEvent event, String value) {
    Map<String, String> headers = new HashMap<>(event.getHeaders());
    headers.remove("authorization");
    if (value != null) {
      headers.put("authorization", value);
    }
    event.setHeaders(headers);
  }

  private static APIGatewayV2CustomAuthorizerEvent sampleEvent() {
    return EventLoader.loadAPIGatewayV2CustomAuthorizerEvent("../events/authorizer.json");
  }
}
