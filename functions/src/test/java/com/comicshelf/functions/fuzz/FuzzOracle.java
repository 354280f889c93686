package com.comicshelf.functions.fuzz;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What every response of every route must be, whatever the request: below 500; an error is RFC 9457
 * problem+json whose {@code status} is the HTTP status, with a title and a detail and no stack trace;
 * a success is JSON (or a 204 without a body). Counts what it saw, per status and per property.
 */
final class FuzzOracle {
  private static final ObjectMapper STRICT =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
  /** Text that only a leaked exception would put into a response. */
  private static final Pattern LEAK =
      Pattern.compile(
          "\\.java:\\d+\\)|(?m)^\\s*at [\\w$.]+\\(|java\\.lang\\.|com\\.fasterxml|com\\.comicshelf|org\\.mariadb"
              + "|software\\.amazon|SQLException|SQLSyntax|Caused by:|NullPointerException|IllegalStateException"
              + "|IllegalArgumentException");

  private final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> perProperty = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> perRoute = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> nanosPerKind = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> countPerKind = new ConcurrentHashMap<>();
  private final AtomicLong total = new AtomicLong();
  private final AtomicLong fiveHundreds = new AtomicLong();

  /** Checks {@code response} to a request described by {@code what}; throws AssertionError when it is wrong. */
  void check(String property, String routeKey, APIGatewayV2HTTPResponse response, String what) {
    total.incrementAndGet();
    perProperty.computeIfAbsent(property, k -> new AtomicLong()).incrementAndGet();
    perRoute.computeIfAbsent(String.valueOf(routeKey), k -> new AtomicLong()).incrementAndGet();
    if (response == null) {
      statuses.computeIfAbsent(-1, k -> new AtomicLong()).incrementAndGet();
      throw new AssertionError("no response (null) to " + what);
    }
    int status = response.getStatusCode();
    statuses.computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
    if (status >= 500) {
      fiveHundreds.incrementAndGet();
    }
    checkResponse(status, contentType(response.getHeaders()), response.getBody(), response.getIsBase64Encoded(), what);
  }

  /** Counts a request whose handler threw instead of answering. */
  void threw(String property, String routeKey) {
    total.incrementAndGet();
    perProperty.computeIfAbsent(property, k -> new AtomicLong()).incrementAndGet();
    perRoute.computeIfAbsent(String.valueOf(routeKey), k -> new AtomicLong()).incrementAndGet();
    statuses.computeIfAbsent(-1, k -> new AtomicLong()).incrementAndGet();
  }

  /** The checks for one response, by its parts. */
  static void checkResponse(int status, String contentType, String body, boolean base64, String what) {
    if (status < 100 || status >= 500) {
      throw new AssertionError("status " + status + " for " + what + "\nbody: " + abbreviate(body));
    }
    if (base64) {
      throw new AssertionError("a JSON API answered a base64 body for " + what);
    }
    if (status >= 400) {
      if (!"application/problem+json".equalsIgnoreCase(contentType)) {
        throw new AssertionError(
            "error " + status + " is " + contentType + ", not application/problem+json, for " + what + "\nbody: " + abbreviate(body));
      }
      JsonNode problem = parse(body, status, what);
      if (!problem.isObject()
          || !problem.path("status").isInt()
          || problem.path("status").asInt() != status
          || problem.path("title").asText("").isBlank()
          || !problem.path("title").isTextual()
          || problem.path("detail").asText("").isBlank()
          || !problem.path("detail").isTextual()) {
        throw new AssertionError("malformed problem for " + what + ": " + abbreviate(body));
      }
      if (LEAK.matcher(body).find()) {
        throw new AssertionError("the problem leaks internals for " + what + ": " + abbreviate(body));
      }
      return;
    }
    if (status == 204) {
      if (body != null && !body.isEmpty()) {
        throw new AssertionError("204 with a body for " + what + ": " + abbreviate(body));
      }
      return;
    }
    if (!"application/json".equalsIgnoreCase(contentType)) {
      throw new AssertionError(status + " is " + contentType + ", not application/json, for " + what);
    }
    parse(body, status, what);
  }

  private static JsonNode parse(String body, int status, String what) {
    if (body == null || body.isBlank()) {
      throw new AssertionError(status + " without a body for " + what);
    }
    try {
      return STRICT.readTree(body);
    } catch (Exception e) {
      throw new AssertionError(status + " whose body is not JSON for " + what + ": " + abbreviate(body));
    }
  }

  static String contentType(Map<String, String> headers) {
    if (headers == null) {
      return null;
    }
    return headers.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase("content-type"))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(null);
  }

  /** Records how long a request of {@code kind} (e.g. its route and adapter) took. */
  void took(String kind, long nanos) {
    nanosPerKind.computeIfAbsent(kind, k -> new AtomicLong()).addAndGet(nanos);
    countPerKind.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
  }

  long total() {
    return total.get();
  }

  long fiveHundreds() {
    return fiveHundreds.get();
  }

  String summary(String title) {
    return title
        + ": "
        + total.get()
        + " requests, "
        + fiveHundreds.get()
        + " with a 5xx\n  per property: "
        + sorted(perProperty)
        + "\n  per route:    "
        + sorted(perRoute)
        + "\n  per status (-1: threw):   "
        + sorted(statuses)
        + (nanosPerKind.isEmpty()
            ? ""
            : "\n  requests and ms in the handler, per route and adapter: "
                + new TreeMap<>(nanosPerKind).entrySet().stream()
                    .map(e -> e.getKey() + "=" + countPerKind.get(e.getKey()).get() + "/" + e.getValue().get() / 1_000_000 + "ms")
                    .collect(Collectors.joining(", ")));
  }

  private static <K extends Comparable<K>> String sorted(Map<K, AtomicLong> counts) {
    return new TreeMap<>(counts)
        .entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().get()).collect(Collectors.joining(", "));
  }

  static String abbreviate(String text) {
    if (text == null) {
      return "null";
    }
    return text.length() <= 300 ? text : text.substring(0, 300) + "…(" + text.length() + " chars)";
  }
}
