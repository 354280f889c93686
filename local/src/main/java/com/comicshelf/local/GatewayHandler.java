package com.comicshelf.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
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
 * event, invoke the function and write its response. Failures are answered as API Gateway answers
 * them, with a short JSON message and never a stack trace.
 */
final class GatewayHandler implements HttpHandler {
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

  @Override
  public void handle(HttpExchange exchange) {
    String requestId = UUID.randomUUID().toString();
    long started = System.nanoTime();
    int status = 0;
    try (exchange) {
      status = serve(exchange, requestId);
    } catch (IOException e) {
      log.debug("{}: the client went away: {}", requestId, e.toString());
    } finally {
      log.info(
          "{} {} -> {} in {} ms",
          exchange.getRequestMethod(),
          exchange.getRequestURI().getRawPath(),
          status,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
      if (firstServed.compareAndSet(false, true)) {
        log.info("first request served {} ms after JVM start", JvmUptime.millis());
      }
    }
  }

  private int serve(HttpExchange exchange, String requestId) throws IOException {
    byte[] body = readBody(exchange.getRequestBody());
    if (body.length > MAX_BODY_BYTES) {
      return answer(exchange, 413, "Request Entity Too Large", requestId);
    }
    IncomingRequest request = toRequest(exchange, body);
    Optional<RouteMatch> match = matcher.match(request.method(), request.rawPath());
    if (match.isEmpty()) {
      return answer(exchange, 404, "Not Found", requestId);
    }
    String routeKey = match.get().route().routeKey();
    try {
      Instant now = clock.instant();
      var decision = gate.check(request, match.get(), requestId, now);
      if (decision instanceof LambdaAuthorizerGate.Refused refused) {
        return answer(exchange, refused.status(), refused.message(), requestId);
      }
      var context = ((LambdaAuthorizerGate.Allowed) decision).context();
      LocalFunction function = functions.get(match.get().route().function().logicalId());
      Object result =
          function.invoke(ApiGatewayEvents.httpEvent(request, match.get(), context, requestId, now), requestId);
      if (!(result instanceof APIGatewayV2HTTPResponse response)
          || response.getStatusCode() < 100
          || response.getStatusCode() > 599) {
        log.error("{}: {} returned a malformed response: {}", requestId, routeKey, result);
        return answer(exchange, 500, "Internal Server Error", requestId);
      }
      ExchangeResponses.write(exchange, response, requestId);
      return response.getStatusCode();
    } catch (RuntimeException | LinkageError e) {
      // A function that throws is an invocation error; API Gateway hides it behind a bare 500.
      log.error("{}: {} failed", requestId, routeKey, e);
      exchange.getResponseHeaders().clear();
      return answer(exchange, 500, "Internal Server Error", requestId);
    }
  }

  private static int answer(HttpExchange exchange, int status, String message, String requestId)
      throws IOException {
    ExchangeResponses.message(exchange, status, message, requestId);
    return status;
  }

  /** Reads at most one byte more than allowed, so an oversized body is detected without buffering it all. */
  private static byte[] readBody(InputStream in) throws IOException {
    try (in) {
      return in.readNBytes(MAX_BODY_BYTES + 1);
    }
  }

  private static IncomingRequest toRequest(HttpExchange exchange, byte[] body) {
    return new IncomingRequest(
        exchange.getRequestMethod(),
        exchange.getRequestURI().getRawPath(),
        exchange.getRequestURI().getRawQuery(),
        exchange.getRequestHeaders(),
        body,
        exchange.getProtocol(),
        exchange.getRemoteAddress().getAddress().getHostAddress(),
        exchange.getLocalAddress().getPort());
  }
}
