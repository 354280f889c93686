package com.comicshelf.local;

import java.util.Objects;
import java.util.Optional;

/** One HTTP API route as declared in {@code template.yaml}, with the function and authorizer behind it. */
record Route(String method, String path, FunctionSpec function, Optional<AuthorizerSpec> authorizer) {
  Route {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(function, "function");
    Objects.requireNonNull(authorizer, "authorizer");
  }

  /** {@code "METHOD /path"}, exactly as API Gateway puts it into the event's {@code routeKey}. */
  String routeKey() {
    return method + " " + path;
  }
}
