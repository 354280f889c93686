package com.comicshelf.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds payload 2.0 events for cases the sample events in {@code events/} do not cover (bad
 * input, other users), shaped as API Gateway sends them after the authorizer ran.
 */
public final class ApiEvents {
  private final String routeKey;
  private final Map<String, String> pathParameters = new HashMap<>();
  private final Map<String, String> query = new HashMap<>();
  private final Map<String, String> headers = new HashMap<>();
  private String body;
  private Long userId;

  private ApiEvents(String routeKey) {
    this.routeKey = routeKey;
    headers.put("content-type", "application/json");
  }

  /** A route such as {@code "PUT /me/favorites/{comicId}"}, called by {@code userId}. */
  public static ApiEvents route(String routeKey) {
    return new ApiEvents(routeKey);
  }

  public ApiEvents as(long userId) {
    this.userId = userId;
    return this;
  }

  public ApiEvents path(String name, Object value) {
    pathParameters.put(name, String.valueOf(value));
    return this;
  }

  public ApiEvents query(String name, Object value) {
    query.put(name, String.valueOf(value));
    return this;
  }

  public ApiEvents header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  public ApiEvents body(String json) {
    this.body = json;
    return this;
  }

  public APIGatewayV2HTTPEvent build() {
    String method = routeKey.substring(0, routeKey.indexOf(' '));
    String path = routeKey.substring(routeKey.indexOf(' ') + 1);
    for (var p : pathParameters.entrySet()) {
      path = path.replace("{" + p.getKey() + "}", p.getValue());
    }
    Map<String, Object> lambdaContext = new HashMap<>();
    if (userId != null) {
      lambdaContext.put("userId", Long.toString(userId));
    }
    return APIGatewayV2HTTPEvent.builder()
        .withVersion("2.0")
        .withRouteKey(routeKey)
        .withRawPath(path)
        .withHeaders(headers)
        .withQueryStringParameters(query.isEmpty() ? null : query)
        .withPathParameters(pathParameters.isEmpty() ? null : pathParameters)
        .withBody(body)
        .withIsBase64Encoded(false)
        .withRequestContext(
            APIGatewayV2HTTPEvent.RequestContext.builder()
                .withRouteKey(routeKey)
                .withHttp(
                    APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                        .withMethod(method)
                        .withPath(path)
                        .build())
                .withAuthorizer(
                    APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                        .withLambda(lambdaContext)
                        .build())
                .build())
        .build();
  }
}
