package com.comicshelf.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.comicshelf.common.ClientError;
import com.comicshelf.common.Deadline;
import com.comicshelf.sql.DatabaseUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

  public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Context context) {
    return Deadline.within(budget(context), () -> dispatch(event));
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
    List<Integer> statuses = new ArrayList<>();
    for (String routeKey : byRouteKey.keySet()) {
      statuses.add(dispatch(Priming.rejectedRequest(routeKey)).getStatusCode());
    }
    for (Object answer : sampleAnswers) {
      ApiResponses.json(200, answer);
    }
    return statuses;
  }

  static Duration budget(Context context) {
    if (context == null) {
      return Deadline.DEFAULT_BUDGET;
    }
    Duration remaining = Duration.ofMillis(context.getRemainingTimeInMillis()).minus(ANSWER_MARGIN);
    return remaining.isNegative() ? Duration.ZERO : remaining;
  }
}
