package com.comicshelf.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Plays the browser's part in the upload flow over plain HTTP ({@code java.net.http}). */
public final class TestHttp {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private TestHttp() {}

  /**
   * {@code PUT}s the bytes to a presigned URL with the headers the API returned. {@code content-length}
   * is left to the HTTP client, which derives it from the body (as browsers do, and as {@code
   * java.net.http} insists: it refuses to set that header by hand).
   */
  public static HttpResponse<String> putWithHeaders(URI url, Map<String, String> headers, byte[] body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(url).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(
        (name, value) -> {
          if (!name.equalsIgnoreCase("content-length")) {
            request.header(name, value);
          }
        });
    return send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** An anonymous {@code GET}, as a browser loads a cover. */
  public static HttpResponse<byte[]> get(URI url) {
    return send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
    try {
      return HTTP.send(request, body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
