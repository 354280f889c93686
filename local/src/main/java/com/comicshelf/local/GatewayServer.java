package com.comicshelf.local;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The JDK HTTP server on the loopback interface: the widget under /static/, every other path to the {@link GatewayHandler}. */
final class GatewayServer implements AutoCloseable {
  /** Enough for a browser's parallel requests; each function still serves one at a time. */
  private static final int THREADS = 16;

  private final HttpServer server;
  private final ExecutorService executor;

  private GatewayServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Listens on {@code port} (0 picks a free one) on the loopback interface only. */
  static GatewayServer start(
      int port, List<Route> routes, LocalFunctions functions, Clock clock, Optional<Path> widget) {
    HttpServer server;
    try {
      // Loopback only: the gateway trusts any signed request minted with the public dev secret.
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on port " + port + " (in use? try --port N)", e);
    }
    ExecutorService executor = Executors.newFixedThreadPool(THREADS);
    server.setExecutor(executor);
    server.createContext("/", new GatewayHandler(new RouteMatcher(routes), functions, clock));
    widget.ifPresent(dir -> server.createContext(StaticFiles.PREFIX, new StaticFiles(dir)));
    server.start();
    return new GatewayServer(server, executor);
  }

  int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
