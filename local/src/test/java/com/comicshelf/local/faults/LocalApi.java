package com.comicshelf.local.faults;

import com.comicshelf.auth.SignedRequestVerifier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Signed requests to a local gateway, as a client of the deployed API would send them. */
final class LocalApi {
  /** The local gateway's development secret (see LocalSettings). */
  static final String DEV_SECRET = "comic-shelf-local-dev-secret";

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private volatile URI base;

  LocalApi(URI base) {
    this.base = base;
  }

  /** Points at a restarted gateway (a new port). */
  void rebase(URI newBase) {
    this.base = newBase;
  }

  static String token(long userId) {
    return new SignedRequestVerifier(DEV_SECRET, Duration.ofHours(1), Clock.systemUTC())
        .sign(userId, Instant.now(), "local-" + userId);
  }

  /** Sends {@code method path} as {@code userId}; throws on a connection failure (a dead gateway). */
  HttpResponse<String> send(String method, String pathAndQuery, String body, long userId) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(pathAndQuery))
            .timeout(Duration.ofSeconds(30))
            .header("authorization", "Bearer " + token(userId));
    if (body != null) {
      request.header("content-type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Calls a Facebook callback as Facebook does: no Bearer token, {@code userId}'s signed request in the form. */
  HttpResponse<String> sendCallback(String path, long userId) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(30))
            .header("content-type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("signed_request=" + token(userId)))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
