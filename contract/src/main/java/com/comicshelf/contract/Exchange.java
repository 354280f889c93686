package com.comicshelf.contract;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One HTTP request and the answer to it, as the contract checks see them, whoever served it (a handler
 * given an API Gateway event, or the local gateway over a socket).
 *
 * @param origin who answered, which decides what the answer is checked against
 * @param routeKey the operation as the router chose it ({@code "GET /comics/{comicId}"}), when the
 *     checked party knows it (a handler's event names it); null to select it from method and path
 * @param method the request method as sent (any case, any token)
 * @param rawPath the path as sent, still percent-encoded
 * @param query decoded query parameters, a name's values in order
 * @param requestHeaders request headers by name (any case)
 * @param requestBody the request body's bytes; empty when there is none
 * @param status the response status
 * @param responseHeaders response headers by name (any case)
 * @param responseBody the response body's bytes; empty when there is none
 */
public record Exchange(
    Origin origin,
    String routeKey,
    String method,
    String rawPath,
    Map<String, List<String>> query,
    Map<String, List<String>> requestHeaders,
    byte[] requestBody,
    int status,
    Map<String, List<String>> responseHeaders,
    byte[] responseBody) {

  /** Who answered the request. */
  public enum Origin {
    /**
     * Answered after routing (a handler, the authorizer's gate, or the "no route" answer): checked
     * against the operation its method and path match, or, when none does, against the answers the
     * gateway gives to a request no route matches ({@code x-gateway-responses}).
     */
    ROUTED,
    /**
     * Answered by the gateway before any route was chosen (a request it cannot parse, a body over 10 MB):
     * checked against {@code x-gateway-responses} whatever its path.
     */
    GATEWAY,
    /**
     * A handler's answer to an event no API Gateway route would deliver to it (another function's route
     * key, none at all, a missing path parameter): tests make these on purpose. Not an API exchange, so
     * the only requirement is the handler's documented refusal, a 404 problem document.
     */
    UNDELIVERABLE
  }

  public Exchange {
    Objects.requireNonNull(origin, "origin");
    method = method == null ? "" : method;
    rawPath = rawPath == null ? "" : rawPath;
    query = query == null ? Map.of() : query;
    requestHeaders = caseInsensitive(requestHeaders);
    requestBody = requestBody == null ? new byte[0] : requestBody;
    responseHeaders = caseInsensitive(responseHeaders);
    responseBody = responseBody == null ? new byte[0] : responseBody;
  }

  /** The first value of a request header, or null. */
  public String requestHeader(String name) {
    List<String> values = requestHeaders.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** The first value of a response header, or null. */
  public String responseHeader(String name) {
    List<String> values = responseHeaders.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** {@code GET /comics?limit=5 -> 200}, for messages; values are shortened. */
  public String describe() {
    String q =
        query.isEmpty()
            ? ""
            : "?" + query.entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(v -> e.getKey() + "=" + v))
                .map(Exchange::shorten)
                .collect(Collectors.joining("&"));
    String body = requestBody.length == 0 ? "" : " body " + shorten(new String(requestBody, StandardCharsets.UTF_8));
    return shorten(method) + " " + shorten(rawPath) + q + body + " -> " + status
        + (responseBody.length == 0 ? "" : " " + shorten(new String(responseBody, StandardCharsets.UTF_8)));
  }

  private static String shorten(String text) {
    String printable = text.codePoints()
        .mapToObj(c -> c < 0x20 || c == 0x7f ? String.format("\\u%04x", c) : new String(Character.toChars(c)))
        .collect(Collectors.joining());
    return printable.length() <= 160 ? printable : printable.substring(0, 160) + "…(" + text.length() + " chars)";
  }

  private static Map<String, List<String>> caseInsensitive(Map<String, List<String>> headers) {
    TreeMap<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    if (headers != null) {
      headers.forEach((name, values) -> {
        if (name != null && values != null) {
          byName.merge(name, List.copyOf(values.stream().filter(Objects::nonNull).toList()),
              (a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream()).toList());
        }
      });
    }
    return byName;
  }
}
