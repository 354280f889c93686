package com.comicshelf.functions.auth;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.SimpleIAMPolicyResponse;
import com.comicshelf.auth.InvalidSignedRequestException;
import com.comicshelf.auth.SignedRequest;
import com.comicshelf.auth.SignedRequestVerifier;
import com.comicshelf.http.ApiRequest;
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

  public AuthorizerHandler() {
    this(AuthorizerComponent.INSTANCE.verifier());
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
