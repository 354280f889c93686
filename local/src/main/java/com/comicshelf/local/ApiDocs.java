package com.comicshelf.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The API's description for people, a convenience of the local gateway (not an API route): the
 * OpenAPI file at {@code /docs/openapi.yaml}, read from disk on each request so edits show at once, and
 * a reference page rendering it at {@code /docs}, with Swagger UI's static bundle vendored into the jar
 * at build time (npm {@code swagger-ui-dist}, see {@code local/pom.xml}), so it works offline. A build
 * made without npm serves a plain page linking the file instead. In AWS the file is published with the
 * repository.
 */
final class ApiDocs {
  static final String PATH = "/docs";
  static final String SPEC = PATH + "/openapi.yaml";
  private static final String RESOURCES = "/com/comicshelf/local/docs/";
  /** The vendored viewer's files, as {@code swagger-ui-dist} names them. */
  private static final Map<String, String> VIEWER =
      Map.of(
          "swagger-ui-bundle.js", "text/javascript; charset=utf-8",
          "swagger-ui.css", "text/css; charset=utf-8",
          "favicon-32x32.png", "image/png",
          "favicon-16x16.png", "image/png");
  private static final String HTML = "text/html; charset=utf-8";

  private final Path spec;

  ApiDocs(Path spec) {
    this.spec = spec;
  }

  /** Whether the build vendored the viewer (npm was there); without it {@code /docs} is a plain page. */
  static boolean viewerVendored() {
    return ApiDocs.class.getResource(RESOURCES + "swagger-ui/swagger-ui-bundle.js") != null;
  }

  static boolean serves(String rawPath) {
    return rawPath.equals(PATH) || rawPath.startsWith(PATH + "/");
  }

  Answer handle(IncomingRequest request) {
    String path = request.rawPath();
    if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
      return notFound();
    }
    if (path.equals(PATH) || path.equals(PATH + "/")) {
      return resource(viewerVendored() ? "index.html" : "unavailable.html", HTML).orElseGet(ApiDocs::notFound);
    }
    if (path.equals(SPEC)) {
      try {
        return new Answer(200, Map.of("Content-Type", List.of("application/yaml; charset=utf-8")), Files.readAllBytes(spec));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + spec, e);
      }
    }
    if (path.equals(PATH + "/viewer.js")) {
      return resource("viewer.js", "text/javascript; charset=utf-8").orElseGet(ApiDocs::notFound);
    }
    String name = path.substring(PATH.length() + 1);
    String type = VIEWER.get(name);
    return type == null ? notFound() : resource("swagger-ui/" + name, type).orElseGet(ApiDocs::notFound);
  }

  private static Optional<Answer> resource(String name, String contentType) {
    try (InputStream in = ApiDocs.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        return Optional.empty();
      }
      return Optional.of(new Answer(200, Map.of("Content-Type", List.of(contentType)), in.readAllBytes()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Answer notFound() {
    return Answer.gatewayMessage(404, "Not Found", UUID.randomUUID().toString());
  }
}
