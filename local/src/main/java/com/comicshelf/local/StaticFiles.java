package com.comicshelf.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Serves the widget's files under {@code /static/}, the same paths CloudFront serves from the
 * bucket's {@code static/} prefix in AWS, so the widget calls the API on its own origin.
 */
final class StaticFiles implements HttpHandler {
  static final String PREFIX = "/static/";
  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "json", "application/json",
          "png", "image/png",
          "svg", "image/svg+xml",
          "ico", "image/x-icon");

  private final Path root;

  StaticFiles(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Optional<Path> file = file(exchange.getRequestURI().getPath());
      if (!exchange.getRequestMethod().equals("GET") || file.isEmpty()) {
        // As the gateway answers an unknown route: API Gateway's own short JSON, not a page.
        send(exchange, 404, "application/json", "{\"message\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8));
        return;
      }
      String name = file.get().getFileName().toString();
      String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
      send(exchange, 200, TYPES.getOrDefault(extension, "application/octet-stream"), Files.readAllBytes(file.get()));
    }
  }

  /**
   * The widget's file at the decoded request {@code path}, if there is one: never outside the widget's
   * folder, and nothing for a name no file can have (a NUL byte, say, which {@link Path} refuses).
   */
  private Optional<Path> file(String path) {
    if (path == null || !path.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String relative = path.substring(PREFIX.length());
    Path file;
    try {
      file = root.resolve(relative.isEmpty() ? "index.html" : relative).normalize();
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
    return file.startsWith(root) && Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("content-type", type);
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
