package com.comicshelf.local.widget;

import com.comicshelf.local.InProcessGateway;
import com.comicshelf.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The local gateway as the widget meets it: in-process, on its own test database, with one container
 * per function and its own embedded S3 server (S3Mock, on a free port, data under {@code target/}), so
 * cover uploads are real PUTs from the browser to S3 and the demo seed publishes real covers.
 */
final class WidgetGateway implements AutoCloseable {
  private final InProcessGateway gateway;
  private final TestDatabase db;
  private final int s3Port;

  private WidgetGateway(InProcessGateway gateway, TestDatabase db, int s3Port) {
    this.gateway = gateway;
    this.db = db;
    this.s3Port = s3Port;
  }

  static WidgetGateway start(String databaseName) {
    TestDatabase db = TestDatabase.create(databaseName);
    Path home = Path.of("target", "widget-it-home").toAbsolutePath();
    deleteRecursively(home); // a fresh S3 for a fresh database
    int s3Port = freePort();
    // One line per request at INFO would drown the build's output; warnings and errors still show.
    System.setProperty("org.slf4j.simpleLogger.log.com.comicshelf.local.GatewayHandler", "warn");
    InProcessGateway gateway =
        InProcessGateway.start(
            "--port", "0",
            // Settings are read when a container is created: with one per function, all are created now,
            // before another test class's gateway replaces the JVM's system properties.
            "--containers", "1",
            "--jdbc-url", db.jdbcUrl(), "--db-user", db.user(), "--db-password", db.password(),
            "--home", home.toString(),
            "--s3-port", Integer.toString(s3Port));
    return new WidgetGateway(gateway, db, s3Port);
  }

  /** The widget's page, as the gateway's banner prints it (localhost, so S3 at localhost is another origin). */
  URI widget(String token, String screen) {
    return URI.create(origin() + "/static/index.html?token=" + token + (screen == null ? "" : "#" + screen));
  }

  String origin() {
    return "http://localhost:" + gateway.port();
  }

  URI api(String pathAndQuery) {
    return URI.create(origin() + pathAndQuery);
  }

  URI s3Endpoint() {
    return URI.create("http://localhost:" + s3Port);
  }

  /** A signed request the gateway's authorizer accepts for {@code userId}. */
  String signedRequest(long userId) {
    return gateway.signedRequest(userId);
  }

  TestDatabase database() {
    return db;
  }

  @Override
  public void close() {
    gateway.close();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
