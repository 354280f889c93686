package com.comicshelf.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.comicshelf.common.ClientError;
import com.comicshelf.common.Deadline;
import com.comicshelf.observability.RequestLog;
import com.comicshelf.sql.DatabaseUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Dispatches one route family's events by {@code routeKey} (as declared in {@code template.yaml})
 * and turns every exception into a problem response, so no stack trace ever reaches a client. The
 * function's remaining time becomes the request's {@link Deadline}, which bounds every retry.
 */
public final class Routes {
  /** Kept back from the function's remaining time to write the answer (a 503 rather than a timeout). */
  static final Duration ANSWER_MARGIN = Duration.ofMillis(500);

  private final Map<String, Function<ApiRequest, APIGatewayV2HTTPResponse>> byRouteKey;

  private Routes(Map<String, Function<ApiRequest, APIGatewayV2HTTPResponse>> byRouteKey) {
    this.byRouteKey = Map.copyOf(byRouteKey);
  }

  public static Routes of(Map<String, Function<ApiRequest, APIGatewayV2HTTPResponse>> byRouteKey) {
    return new Routes(byRouteKey);
  }

  /** Answers {@code event} within the function's time, writing the request's log line (see {@link RequestLog}). */
  public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Context context) {
    return RequestLog.around(logged(event, context), () -> answer(event, context), APIGatewayV2HTTPResponse::getStatusCode);
  }

  private APIGatewayV2HTTPResponse answer(APIGatewayV2HTTPEvent event, Context context) {
    APIGatewayV2HTTPResponse response = Deadline.within(budget(context), () -> dispatch(event));
    ExchangeListener current = listener;
    if (current != null) {
      String routeKey = event == null ? null : event.getRouteKey();
      current.exchanged(event, response, routeKey != null && byRouteKey.containsKey(routeKey));
    }
    return response;
  }

  /**
   * A test seam: told of every exchange {@link #handle} completes, so the test suite can check each
   * against {@code openapi.yaml} (shared's test sources, {@code com.comicshelf.testing.openapi}) without
   * every test doing it. Production never installs one: unset, it costs one volatile read per request.
   */
  @FunctionalInterface
  public interface ExchangeListener {
    /**
     * @param routed whether the event's route key is one of this handler's; when it is not, the event
     *     is one API Gateway never sends this function, and the answer is the 404 for an unknown route
     */
    void exchanged(APIGatewayV2HTTPEvent event, APIGatewayV2HTTPResponse response, boolean routed);
  }

  private static volatile ExchangeListener listener;

  /** Installs {@code listener} for every {@code Routes} of this class loader; null removes it. Tests only. */
  public static void listen(ExchangeListener listener) {
    Routes.listener = listener;
  }

  private APIGatewayV2HTTPResponse dispatch(APIGatewayV2HTTPEvent event) {
    String routeKey = event == null ? null : event.getRouteKey();
    try {
      var route = routeKey == null ? null : byRouteKey.get(routeKey);
      if (route == null) {
        throw ClientError.notFound("no route " + routeKey);
      }
      return route.apply(new ApiRequest(event));
    } catch (ClientError e) {
      return ApiResponses.problem(e);
    } catch (DatabaseUnavailableException e) {
      return ApiResponses.serviceUnavailable(routeKey, e);
    } catch (RuntimeException e) {
      return ApiResponses.serverError(routeKey, e);
    }
  }

  /**
   * SnapStart priming: runs a request each route rejects before reaching its service (see {@link
   * Priming#rejectedRequest}), then serialises {@code sampleAnswers} as the routes would, so the
   * request path and Jackson's serializers are ready in the snapshot. Touches no database. Returns the
   * statuses the routes answered (all 4xx).
   */
  public List<Integer> prime(Object... sampleAnswers) {
    return primeExcept(Set.of(), sampleAnswers);
  }

  /**
   * {@link #prime}, leaving out routes that no request can be refused on before it reaches the
   * database (such as {@code DELETE /me}, which takes nothing but the caller).
   */
  public List<Integer> primeExcept(Set<String> routeKeys, Object... sampleAnswers) {
    List<Integer> statuses = new ArrayList<>();
    for (String routeKey : byRouteKey.keySet()) {
      if (!routeKeys.contains(routeKey)) {
        statuses.add(dispatch(Priming.rejectedRequest(routeKey)).getStatusCode());
      }
    }
    for (Object answer : sampleAnswers) {
      ApiResponses.json(200, answer);
    }
    return statuses;
  }

  /** What the log line says about the request: never its headers, body or tokens. */
  private static RequestLog.Request logged(APIGatewayV2HTTPEvent event, Context context) {
    String routeKey = event == null ? null : event.getRouteKey();
    var requestContext = event == null ? null : event.getRequestContext();
    Object userId =
        requestContext == null || requestContext.getAuthorizer() == null || requestContext.getAuthorizer().getLambda() == null
            ? null
            : requestContext.getAuthorizer().getLambda().get("userId");
    return new RequestLog.Request(
        String.valueOf(routeKey),
        requestContext == null ? null : requestContext.getRequestId(),
        context == null ? null : context.getAwsRequestId(),
        userId == null ? null : userId.toString());
  }

  static Duration budget(Context context) {
    if (context == null) {
      return Deadline.DEFAULT_BUDGET;
    }
    Duration remaining = Duration.ofMillis(context.getRemainingTimeInMillis()).minus(ANSWER_MARGIN);
    return remaining.isNegative() ? Duration.ZERO : remaining;
  }
}
