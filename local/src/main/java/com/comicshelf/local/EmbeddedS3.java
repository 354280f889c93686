package com.comicshelf.local;

import com.adobe.testing.s3mock.S3MockApplication;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The local stand-in for S3: Adobe S3Mock in-process, serving one bucket from {@code <home>/s3},
 * kept between runs. It checks no signatures and no permissions: fine on a developer's machine.
 */
final class EmbeddedS3 implements AutoCloseable {
  static final String BUCKET = "comic-shelf-local";

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

  /** The endpoint the S3 client and the cover URLs use, known before the server is up. */
  static URI endpoint(int port) {
    return URI.create("http://localhost:" + port);
  }

  static EmbeddedS3 start(Path home, int port) {
    long started = System.nanoTime();
    Map<String, Object> properties = new HashMap<>(); // S3MockApplication.start adds to it
    properties.put(S3MockApplication.PROP_HTTP_PORT, Integer.toString(port));
    properties.put(S3MockApplication.PROP_HTTPS_PORT, "0");
    properties.put(S3MockApplication.PROP_INITIAL_BUCKETS, BUCKET);
    Path root = home.toAbsolutePath().resolve("s3");
    properties.put(S3MockApplication.PROP_ROOT_DIRECTORY, root.toString());
    properties.put("com.adobe.testing.s3mock.store.retainFilesOnExit", "true");
    properties.put(S3MockApplication.PROP_SILENT, true);
    S3MockApplication server = S3MockApplication.start(properties);
    return new EmbeddedS3(server, port, root, (System.nanoTime() - started) / 1_000_000);
  }

  URI endpoint() {
    return endpoint(port);
  }

  Path root() {
    return root;
  }

  long startMillis() {
    return startMillis;
  }

  @Override
  public void close() {
    server.stop();
  }
}
