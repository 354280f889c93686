package com.comicshelf.local;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The functions the routes and their authorizers need, each instantiated once, by logical id. */
final class LocalFunctions {
  private final Map<String, LocalFunction> byLogicalId;

  private LocalFunctions(Map<String, LocalFunction> byLogicalId) {
    this.byLogicalId = Map.copyOf(byLogicalId);
  }

  /**
   * Creates every function's first container up front, so a missing class fails the start rather than
   * a request; each may scale out to {@code maxContainers}.
   */
  static LocalFunctions instantiate(List<Route> routes, int maxContainers) {
    Map<String, LocalFunction> functions = new LinkedHashMap<>();
    for (Route route : routes) {
      route.authorizer().ifPresent(a -> add(functions, a.function(), maxContainers));
      add(functions, route.function(), maxContainers);
    }
    return new LocalFunctions(functions);
  }

  private static void add(Map<String, LocalFunction> functions, FunctionSpec spec, int maxContainers) {
    functions.computeIfAbsent(spec.logicalId(), id -> LocalFunction.instantiate(spec, maxContainers));
  }

  LocalFunction get(String logicalId) {
    LocalFunction function = byLogicalId.get(logicalId);
    if (function == null) {
      throw new IllegalArgumentException("no function " + logicalId);
    }
    return function;
  }
}
