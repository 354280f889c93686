package com.comicshelf.local;

import com.amazonaws.services.lambda.runtime.events.SimpleIAMPolicyResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an HTTP API does around a Lambda authorizer with simple responses: a request missing part
 * of the identity source is refused with 401 before the authorizer runs; a denial is 403; an
 * approval passes the authorizer's context on to the route's function.
 *
 * <p>Unlike API Gateway with {@code ReauthorizeEvery}, decisions are not cached: every request runs
 * the authorizer, so a change to it or an expired token shows at once.
 */
final class LambdaAuthorizerGate {
  private static final Logger log = LoggerFactory.getLogger(LambdaAuthorizerGate.class);

  private final LocalFunctions functions;

  LambdaAuthorizerGate(LocalFunctions functions) {
    this.functions = functions;
  }

  /** The outcome of asking the authorizer about one request. */
  sealed interface Decision permits Allowed, Refused {}

  /** Admitted, with the authorizer's context for {@code requestContext.authorizer.lambda}. */
  record Allowed(Map<String, Object> context) implements Decision {}

  /** Refused with API Gateway's own status and message. */
  record Refused(int status, String message) implements Decision {}

  /** Admits requests on routes without an authorizer with a null context. */
  Decision check(IncomingRequest request, RouteMatch match, String requestId, Instant now) {
    Optional<AuthorizerSpec> authorizer = match.route().authorizer();
    if (authorizer.isEmpty()) {
      return new Allowed(null);
    }
    List<String> identity = new ArrayList<>();
    for (String header : authorizer.get().identityHeaders()) {
      Optional<String> value = request.header(header).filter(v -> !v.isBlank());
      if (value.isEmpty()) {
        return new Refused(401, "Unauthorized");
      }
      identity.add(value.get());
    }
    LocalFunction function = functions.get(authorizer.get().function().logicalId());
    Object result =
        function.invoke(ApiGatewayEvents.authorizerEvent(request, match, identity, requestId, now), requestId);
    if (!(result instanceof SimpleIAMPolicyResponse response)) {
      // API Gateway answers 500 when an authorizer's response cannot be understood.
      log.error("{}: authorizer {} returned {}, not a simple response", requestId, function.spec().logicalId(), result);
      return new Refused(500, "Internal Server Error");
    }
    if (!response.getIsAuthorized()) {
      return new Refused(403, "Forbidden");
    }
    Map<String, Object> context = new LinkedHashMap<>();
    if (response.getContext() != null) {
      context.putAll(response.getContext());
    }
    return new Allowed(context);
  }
}
