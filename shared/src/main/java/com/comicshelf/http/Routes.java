package com.comicshelf.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.comicshelf.common.ClientError;
import java.util.Map;
import java.util.function.Function;

/**
 * Dispatches one route family's events by {@code routeKey} (as declared in {@code template.yaml})
 * and turns every exception into a problem response, so no stack trace ever reaches a client.
 */
public final class Routes {
  private final Map<String, Function<ApiRequest, APIGatewayV2HTTPResponse>> byRouteKey;

  private Routes(Map<String, Function<ApiRequest, APIGatewayV2HTTPResponse>> byRouteKey) {
    this.byRouteKey = Map.copyOf(byRouteKey);
  }

  public static Routes of(Map<String, Function<ApiRequest, APIGatewayV2HTTPResponse>> byRouteKey) {
    return new Routes(byRouteKey);
  }

  public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
    String routeKey = event == null ? null : event.getRouteKey();
    try {
      var route = routeKey == null ? null : byRouteKey.get(routeKey);
      if (route == null) {
        throw ClientError.notFound("no route " + routeKey);
      }
      return route.apply(new ApiRequest(event));
    } catch (ClientError e) {
      return ApiResponses.problem(e);
    } catch (RuntimeException e) {
      return ApiResponses.serverError(routeKey, e);
    }
  }
}
