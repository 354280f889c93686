package com.comicshelf.local;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Selects the route for a request the way an HTTP API does: a literal segment beats a
 * {@code {name}} segment, which beats a greedy {@code {name+}} tail; an explicit method beats
 * {@code ANY}. Like API Gateway it does not fold trailing slashes ({@code /comics/} is not
 * {@code /comics}) and a path variable never matches an empty segment.
 */
final class RouteMatcher {
  private final List<CompiledRoute> routes;

  RouteMatcher(List<Route> routes) {
    this.routes = routes.stream().map(CompiledRoute::compile).toList();
  }

  /** The most specific route for {@code method} and the raw (still percent-encoded) path. */
  Optional<RouteMatch> match(String method, String rawPath) {
    if (rawPath == null || !rawPath.startsWith("/")) {
      return Optional.empty();
    }
    List<String> segments;
    try {
      segments = decodedSegments(rawPath);
    } catch (IllegalArgumentException malformedEscape) {
      return Optional.empty();
    }
    return routes.stream()
        .filter(r -> r.acceptsMethod(method))
        .map(r -> r.match(segments))
        .flatMap(Optional::stream)
        .min(Comparator.comparing(Candidate::specificity, RouteMatcher::compareSpecificity))
        .map(Candidate::match);
  }

  private static List<String> decodedSegments(String rawPath) {
    List<String> segments = new ArrayList<>();
    for (String raw : rawPath.substring(1).split("/", -1)) {
      // Path segments use percent-encoding only: a '+' is a plus sign, not a space.
      segments.add(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
    }
    return segments;
  }

  private static int compareSpecificity(List<Integer> a, List<Integer> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = Integer.compare(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  /** A matching route and how specific the match is (lower ranks first, segment by segment). */
  private record Candidate(RouteMatch match, List<Integer> specificity) {}

  private enum Kind {
    LITERAL,
    VARIABLE,
    GREEDY
  }

  private record Segment(Kind kind, String text) {
    static Segment parse(String segment) {
      if (segment.startsWith("{") && segment.endsWith("+}")) {
        return new Segment(Kind.GREEDY, segment.substring(1, segment.length() - 2));
      }
      if (segment.startsWith("{") && segment.endsWith("}")) {
        return new Segment(Kind.VARIABLE, segment.substring(1, segment.length() - 1));
      }
      return new Segment(Kind.LITERAL, segment);
    }
  }

  private record CompiledRoute(Route route, List<Segment> segments) {
    static CompiledRoute compile(Route route) {
      List<Segment> segments = new ArrayList<>();
      for (String part : route.path().substring(1).split("/", -1)) {
        segments.add(Segment.parse(part));
      }
      for (int i = 0; i < segments.size() - 1; i++) {
        if (segments.get(i).kind() == Kind.GREEDY) {
          throw new IllegalArgumentException(route.routeKey() + ": a greedy variable must come last");
        }
      }
      return new CompiledRoute(route, List.copyOf(segments));
    }

    boolean acceptsMethod(String method) {
      // Methods are case-sensitive (RFC 9110): "get" is not GET.
      return route.method().equals("ANY") || route.method().equals(method);
    }

    Optional<Candidate> match(List<String> request) {
      Map<String, String> parameters = new LinkedHashMap<>();
      List<Integer> specificity = new ArrayList<>();
      for (int i = 0; i < segments.size(); i++) {
        Segment segment = segments.get(i);
        if (segment.kind() == Kind.GREEDY) {
          if (i >= request.size()) {
            return Optional.empty();
          }
          String rest = String.join("/", request.subList(i, request.size()));
          if (rest.isEmpty()) {
            return Optional.empty();
          }
          parameters.put(segment.text(), rest);
          specificity.add(Kind.GREEDY.ordinal());
          return Optional.of(candidate(parameters, specificity));
        }
        if (i >= request.size()) {
          return Optional.empty();
        }
        String value = request.get(i);
        if (segment.kind() == Kind.LITERAL) {
          if (!segment.text().equals(value)) {
            return Optional.empty();
          }
        } else if (value.isEmpty()) {
          return Optional.empty();
        } else {
          parameters.put(segment.text(), value);
        }
        specificity.add(segment.kind().ordinal());
      }
      return segments.size() == request.size()
          ? Optional.of(candidate(parameters, specificity))
          : Optional.empty();
    }

    private Candidate candidate(Map<String, String> parameters, List<Integer> specificity) {
      // An explicit method outranks ANY on an otherwise equal path.
      specificity.add(route.method().equals("ANY") ? 1 : 0);
      return new Candidate(new RouteMatch(route, parameters), List.copyOf(specificity));
    }
  }
}
