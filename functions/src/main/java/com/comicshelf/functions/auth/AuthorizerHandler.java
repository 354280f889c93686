package com.comicshelf.functions.auth;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.SimpleIAMPolicyResponse;
import com.comicshelf.auth.InvalidSignedRequestException;
import com.comicshelf.auth.SignedRequest;
import com.comicshelf.auth.SignedRequestVerifier;
import com.comicshelf.http.ApiRequest;
import com.comicshelf.http.Priming;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP API Lambda authorizer (payload 2.0, simple responses): admits
 * {@code Authorization: Bearer <signed_request>} and passes the verified {@code userId} on.
 */
public final class AuthorizerHandler
    implements RequestHandler<APIGatewayV2CustomAuthorizerEvent, SimpleIAMPolicyResponse> {
  private static final Logger log = LoggerFactory.getLogger(AuthorizerHandler.class);
  private static final String BEARER = "bearer ";

  private final SignedRequestVerifier verifier;

  /** The Lambda runtime's constructor: one per container, primed before a SnapStart snapshot. */
  public AuthorizerHandler() {
    this(AuthorizerComponent.INSTANCE.verifier());
    Priming.register("authorizer", this::prime);
  }

  /**
   * Runs a request without a token and one whose token names another algorithm: header lookup,
   * base64 and JSON of the token, the deny answer. The app secret is read only for a token that gets
   * as far as its signature, so none is fetched before the snapshot.
   */
  public void prime() {
    String otherAlgorithm =
        Base64.getUrlEncoder().withoutPadding().encodeToString("{\"algorithm\":\"none\"}".getBytes(StandardCharsets.UTF_8));
    for (Map<String, String> headers :
        List.of(Map.<String, String>of(), Map.of("authorization", "Bearer c2ln." + otherAlgorithm))) {
      APIGatewayV2CustomAuthorizerEvent event = new APIGatewayV2CustomAuthorizerEvent();
      event.setHeaders(headers);
      handleRequest(event, null);
    }
    // The HMAC itself, with a throwaway key: the first real token otherwise pays for JCE's set-up.
    SignedRequestVerifier throwaway = new SignedRequestVerifier("priming", Duration.ofMinutes(1), Clock.systemUTC());
    throwaway.verify(throwaway.sign(1, Instant.now(), null));
  }

  AuthorizerHandler(SignedRequestVerifier verifier) {
    this.verifier = verifier;
  }

  @Override
  public SimpleIAMPolicyResponse handleRequest(APIGatewayV2CustomAuthorizerEvent event, Context context) {
    String header = ApiRequest.header(event.getHeaders(), "authorization").orElse(null);
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return deny("no bearer token");
    }
    try {
      SignedRequest request = verifier.verify(header.substring(BEARER.length()).strip());
      Map<String, String> authorizerContext = new HashMap<>();
      authorizerContext.put("userId", Long.toString(request.userId()));
      // Friend sync refuses tokens issued before the person removed the app (deauthorize callback).
      authorizerContext.put("issuedAt", Long.toString(request.issuedAt().getEpochSecond()));
      // Friend sync calls the Graph API on the user's behalf with this token.
      request.oauthToken().ifPresent(token -> authorizerContext.put("oauthToken", token));
      return SimpleIAMPolicyResponse.builder().withIsAuthorized(true).withContext(authorizerContext).build();
    } catch (InvalidSignedRequestException e) {
      return deny(e.reason().name());
    }
  }

  private static SimpleIAMPolicyResponse deny(String reason) {
    log.info("request denied: {}", reason);
    return SimpleIAMPolicyResponse.builder().withIsAuthorized(false).withContext(Map.of()).build();
  }
}
