package com.comicshelf.local.security;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The specification both security tests read: one row per route of {@code template.yaml}, with a
 * request a signed-in caller may make on it and the status it answers. The tests walk the template,
 * not this list, so a route added to the template without a row here fails them until someone writes
 * its row (and thereby decides what it must answer).
 *
 * <p>Placeholders, filled per test from its fixture: a path's own {@code {parameters}}
 * ({@code {comicId}}: a demo comic the caller has not favorited; {@code {userId}}: the caller;
 * {@code {uploadId}}: an upload that does not exist, so completion answers 404 before any S3 call),
 * {@code {code}}: a deletion confirmation code nobody was given; and {@code {ownComicId}}: a comic the
 * caller created.
 */
public final class RouteSpec {
  /**
   * One route: a sample request (path from the template, plus query and body) and its status. A
   * Facebook callback ({@code signedInBody}) carries the token under test as its form field
   * {@code signed_request}, not as a Bearer header: those routes have no authorizer.
   */
  public record Row(
      String routeKey, String query, String body, int status, Set<String> queryParameters, boolean signedInBody) {
    public String method() {
      return routeKey.substring(0, routeKey.indexOf(' '));
    }

    String templatePath() {
      return routeKey.substring(routeKey.indexOf(' ') + 1);
    }

    /** The sample path and query with every placeholder replaced from {@code values}. */
    public String pathAndQuery(Map<String, String> values) {
      return fill(templatePath(), values, true) + query;
    }

    /** The sample body with every placeholder replaced from {@code values}; null when it has none. */
    public String body(Map<String, String> values) {
      return body == null ? null : fill(body, values, false);
    }
  }

  // @formatter:off
  public static final List<Row> ROUTES = List.of(
      //  route key (template.yaml)                 sample query         sample JSON body                                                                                   status   query parameters it reads
      row("GET /comics",                            "?q=Saga&limit=5",   null,                                                                                              200,     "q", "limit", "cursor"),
      row("GET /comics/{comicId}",                  "",                  null,                                                                                              200),
      row("POST /comics",                           "",                  "{\"title\":\"Security matrix control\",\"publisher\":\"Comic Shelf QA\",\"year\":2024}",            201),
      row("GET /me/favorites",                      "?limit=5",          null,                                                                                              200,     "limit", "cursor"),
      row("PUT /me/favorites/{comicId}",            "",                  "{\"note\":\"control\"}",                                                                          201),
      row("DELETE /me/favorites/{comicId}",         "",                  null,                                                                                              204),
      row("GET /users/{userId}/favorites",          "?limit=5",          null,                                                                                              200,     "limit", "cursor"),
      row("POST /me/friends/sync",                  "",                  null,                                                                                              200),
      row("GET /me/friends",                        "?limit=5",          null,                                                                                              200,     "limit", "cursor"),
      row("GET /me/friends/popular",                "?limit=3",          null,                                                                                              200,     "limit", "excludeMine"),
      row("GET /comics/popular",                    "?limit=3",          null,                                                                                              200,     "limit"),
      row("POST /me/uploads",                       "",                  "{\"contentType\":\"image/png\",\"contentLength\":1024,\"comicId\":{ownComicId}}",                  201),
      row("POST /me/uploads/{uploadId}/complete",   "",                  null,                                                                                              404),
      // Leaving: the valid controls delete the matrix's caller, so these stay the template's last routes.
      callback("POST /facebook/data-deletion",                                                                                                                                       200),
      row("GET /facebook/data-deletion/{code}",     "",                  null,                                                                                              404),
      callback("POST /facebook/deauthorize",                                                                                                                                         204),
      // The matrix's gateway has no S3 (see GatewayUnderTest), so the caller's upload cannot be erased
      // yet: the deletion is recorded and stays pending, 202 (AccountHandlerIT shows the 200 with S3).
      row("DELETE /me",                             "",                  null,                                                                                              202));
  // @formatter:on

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");

  private RouteSpec() {}

  static Optional<Row> of(String routeKey) {
    return ROUTES.stream().filter(r -> r.routeKey().equals(routeKey)).findFirst();
  }

  private static Row row(String routeKey, String query, String body, int status, String... queryParameters) {
    return new Row(routeKey, query, body, status, Set.of(queryParameters), false);
  }

  private static Row callback(String routeKey, int status) {
    return new Row(routeKey, "", null, status, Set.of(), true);
  }

  private static String fill(String text, Map<String, String> values, boolean percentEncode) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) {
        throw new IllegalArgumentException("no value for {" + m.group(1) + "} in " + text);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(percentEncode ? Api.encode(value) : value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
