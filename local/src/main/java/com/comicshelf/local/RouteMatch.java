package com.comicshelf.local;

import java.util.Map;

/** The route a request matched, and the path parameters taken from the request path (decoded). */
record RouteMatch(Route route, Map<String, String> pathParameters) {
  RouteMatch {
    pathParameters = Map.copyOf(pathParameters);
  }
}
