package com.comicshelf.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays API Gateway for one request: match a route, run the authorizer, build the payload 2.0
 * event, invoke the function and turn its response into the answer. Failures are answered as API
 * Gateway answers them, with a short JSON message and never a stack trace.
 */
final class GatewayHandler {
  /** HTTP APIs refuse request bodies larger than 10 MB. */
  static final int MAX_BODY_BYTES = 10 * 1024 * 1024;

  private static final Logger log = LoggerFactory.getLogger(GatewayHandler.class);

  private final RouteMatcher matcher;
  private final LocalFunctions functions;
  private final LambdaAuthorizerGate gate;
  private final Clock clock;
  private final AtomicBoolean firstServed = new AtomicBoolean();

  GatewayHandler(RouteMatcher matcher, LocalFunctions functions, Clock clock) {
    this.matcher = matcher;
    this.functions = functions;
    this.gate = new LambdaAuthorizerGate(functions);
    this.clock = clock;
  }

  /** The answer to {@code request}, whose body is at most {@link #MAX_BODY_BYTES} long. */
  Answer handle(IncomingRequest request) {
    String requestId = UUID.randomUUID().toString();
    long started = System.nanoTime();
    int status = 0;
    try {
      Answer answer = serve(request, requestId);
      status = answer.status();
      return answer;
    } finally {
      // The access log: status 0 means the handler itself failed (the server answers 500).
      log.info(
          "{} {} -> {} in {} ms",
          request.method(),
          request.rawPath(),
          status,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
      if (firstServed.compareAndSet(false, true)) {
        log.info("first request served {} ms after JVM start", JvmUptime.millis());
      }
    }
  }

  private Answer serve(IncomingRequest request, String requestId) {
    Optional<RouteMatch> match = matcher.match(request.method(), request.rawPath());
    if (match.isEmpty()) {
      return Answer.gatewayMessage(404, "Not Found", requestId);
    }
    String routeKey = match.get().route().routeKey();
    try {
      Instant now = clock.instant();
      var decision = gate.check(request, match.get(), requestId, now);
      if (decision instanceof LambdaAuthorizerGate.Refused refused) {
        return Answer.gatewayMessage(refused.status(), refused.message(), requestId);
      }
      var context = ((LambdaAuthorizerGate.Allowed) decision).context();
      LocalFunction function = functions.get(match.get().route().function().logicalId());
      Object result =
          function.invoke(ApiGatewayEvents.httpEvent(request, match.get(), context, requestId, now), requestId);
      if (!(result instanceof APIGatewayV2HTTPResponse response)
          || response.getStatusCode() < 100
          || response.getStatusCode() > 599) {
        log.error("{}: {} returned a malformed response: {}", requestId, routeKey, result);
        return Answer.gatewayMessage(500, "Internal Server Error", requestId);
      }
      return ExchangeResponses.of(response, requestId);
    } catch (RuntimeException | LinkageError e) {
      // A function that throws is an invocation error; API Gateway hides it behind a bare 500.
      log.error("{}: {} failed", requestId, routeKey, e);
      return Answer.gatewayMessage(500, "Internal Server Error", requestId);
    }
  }
}
