package com.comicshelf.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Serves the widget's files under {@code /static/}, the same paths CloudFront serves from the
 * bucket's {@code static/} prefix in AWS, so the widget calls the API on its own origin.
 */
final class StaticFiles {
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

  Answer handle(IncomingRequest request) {
    Optional<Path> file = file(decoded(request.rawPath()));
    if (!request.method().equals("GET") || file.isEmpty()) {
      // As the gateway answers an unknown route: API Gateway's own short JSON, not a page.
      return Answer.gatewayMessage(404, "Not Found", UUID.randomUUID().toString());
    }
    String name = file.get().getFileName().toString();
    String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    try {
      return new Answer(
          200, Map.of("Content-Type", List.of(TYPES.getOrDefault(extension, "application/octet-stream"))), Files.readAllBytes(file.get()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The percent-decoded path, or null when it is no valid URI path. */
  private static String decoded(String rawPath) {
    try {
      return URI.create("http://localhost" + rawPath).getPath();
    } catch (IllegalArgumentException e) {
      return null;
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
}
