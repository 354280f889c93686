package com.comicshelf.local;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * An HTTP request as it reached the gateway, before API Gateway's reshaping.
 *
 * @param headers header values by name, in any case; a header sent twice has two values
 * @param rawQuery the query string still percent-encoded, without {@code ?}; empty when absent
 */
record IncomingRequest(
    String method,
    String rawPath,
    String rawQuery,
    Map<String, List<String>> headers,
    byte[] body,
    String protocol,
    String sourceIp,
    int localPort) {

  IncomingRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(rawPath, "rawPath");
    rawQuery = rawQuery == null ? "" : rawQuery;
    // Header names are case-insensitive; keep one entry per name whatever the client's spelling.
    TreeMap<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, values) -> byName.merge(name, List.copyOf(values), IncomingRequest::concat));
    headers = byName;
    body = body == null ? new byte[0] : body;
  }

  /** All values of a header joined with commas, as API Gateway joins repeated headers. */
  Optional<String> header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(String.join(",", values));
  }

  Optional<String> contentType() {
    return header("content-type").map(v -> v.toLowerCase(Locale.ROOT));
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return Stream.concat(a.stream(), b.stream()).toList();
  }
}
