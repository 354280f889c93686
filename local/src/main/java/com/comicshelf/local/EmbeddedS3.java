package com.comicshelf.local;

import com.adobe.testing.s3mock.S3MockApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The local stand-in for S3: Adobe S3Mock in-process, serving one bucket from {@code <home>/s3},
 * kept between runs. It checks no signatures and no permissions: fine on a developer's machine. Its
 * CORS rule is the bucket's ({@link EmbeddedS3Cors}), so the widget can upload covers from a browser.
 *
 * <p>The gateway starts it alongside the database; the demo seed, which publishes the demo covers
 * through it, waits for it with {@link #awaitStarted}.
 */
final class EmbeddedS3 implements AutoCloseable {
  static final String BUCKET = "comic-shelf-local";

  /** Servers announced by {@link #endpoint(int)} or starting in this JVM, by endpoint. */
  private static final Map<URI, CompletableFuture<Void>> STARTS = new ConcurrentHashMap<>();

  private final S3MockApplication server;
  private final int port;
  private final Path root;
  private final long startMillis;

  private EmbeddedS3(S3MockApplication server, int port, Path root, long startMillis) {
    this.server = server;
    this.port = port;
    this.root = root;
    this.startMillis = startMillis;
  }

  /**
   * The endpoint the S3 client and the cover URLs use, known before the server is up. The gateway
   * asks for it just before starting the server, so the server is expected there from now on.
   */
  static URI endpoint(int port) {
    URI endpoint = URI.create("http://localhost:" + port);
    STARTS.compute(endpoint, (key, start) -> start == null || start.isDone() ? new CompletableFuture<>() : start);
    return endpoint;
  }

  static EmbeddedS3 start(Path home, int port) {
    long started = System.nanoTime();
    CompletableFuture<Void> up = STARTS.get(endpoint(port));
    try {
      Map<String, Object> properties = new HashMap<>(); // S3MockApplication.start adds to it
      properties.put(S3MockApplication.PROP_HTTP_PORT, Integer.toString(port));
      properties.put(S3MockApplication.PROP_HTTPS_PORT, "0");
      properties.put(S3MockApplication.PROP_INITIAL_BUCKETS, BUCKET);
      Path root = home.toAbsolutePath().resolve("s3");
      // S3Mock creates its root folder but not the folders above it (no embedded MariaDB made the home).
      Files.createDirectories(root.getParent());
      properties.put(S3MockApplication.PROP_ROOT_DIRECTORY, root.toString());
      properties.put("com.adobe.testing.s3mock.store.retainFilesOnExit", "true");
      properties.put(S3MockApplication.PROP_SILENT, true);
      // One more Spring source for S3Mock's application context: the CORS filter (a servlet Filter bean).
      properties.put("spring.main.sources", EmbeddedS3Cors.class.getName());
      S3MockApplication server = S3MockApplication.start(properties);
      up.complete(null);
      return new EmbeddedS3(server, port, root, (System.nanoTime() - started) / 1_000_000);
    } catch (IOException e) {
      up.completeExceptionally(e);
      throw new UncheckedIOException("cannot create the S3 server's folder under " + home, e);
    } catch (RuntimeException | Error e) {
      up.completeExceptionally(e);
      throw e;
    }
  }

  /**
   * Waits until the embedded server expected at {@code endpoint} is up: true once it is, false when no
   * embedded server is expected there, its start failed, or it is not up within {@code timeout}.
   */
  static boolean awaitStarted(URI endpoint, Duration timeout) {
    CompletableFuture<Void> start = STARTS.get(normalized(endpoint));
    if (start == null) {
      return false;
    }
    try {
      start.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    }
  }

  /** Whether an embedded server is expected at {@code endpoint} (starting or started in this JVM). */
  static boolean expectedAt(URI endpoint) {
    return STARTS.containsKey(normalized(endpoint));
  }

  private static URI normalized(URI endpoint) {
    String text = endpoint.toString();
    return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
  }

  URI endpoint() {
    return URI.create("http://localhost:" + port);
  }

  Path root() {
    return root;
  }

  long startMillis() {
    return startMillis;
  }

  @Override
  public void close() {
    STARTS.remove(endpoint());
    server.stop();
  }
}
