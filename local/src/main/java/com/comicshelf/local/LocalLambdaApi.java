package com.comicshelf.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lambda's Invoke API for the template's functions that handlers invoke themselves (the fan-out
 * function, woken by the favorites function), so that locally the same SDK call reaches the same
 * handler class as in AWS. An asynchronous invocation ({@code X-Amz-Invocation-Type: Event}) is
 * answered 202 at once and queued, and runs on up to {@code containers} containers at once, as
 * Lambda's own queue feeds a function with reserved concurrency. Signatures are not checked.
 */
final class LocalLambdaApi implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LocalLambdaApi.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The template's function the favorites function wakes. */
  static final String FAN_OUT_FUNCTION = "FanOutFunction";
  /** {@code /2015-03-31/functions/<name, ARN or name:qualifier>/invocations} */
  private static final Pattern INVOKE = Pattern.compile("/2015-03-31/functions/([^/]+)/invocations");

  private final HttpServer server;
  private final ExecutorService queue;
  private final Path template;
  private final int containers;
  private final Map<String, LocalFunction> functions = new ConcurrentHashMap<>();

  private LocalLambdaApi(HttpServer server, ExecutorService queue, Path template, int containers) {
    this.server = server;
    this.queue = queue;
    this.template = template;
    this.containers = containers;
  }

  static LocalLambdaApi start(Path template, int containers) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      LocalLambdaApi api =
          new LocalLambdaApi(server, Executors.newFixedThreadPool(containers, r -> daemon(r)), template, containers);
      server.createContext("/", api::handle);
      server.setExecutor(Executors.newFixedThreadPool(2, r -> daemon(r)));
      server.start();
      return api;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the local Lambda API", e);
    }
  }

  private static Thread daemon(Runnable r) {
    Thread thread = new Thread(r, "local-lambda-api");
    thread.setDaemon(true);
    return thread;
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange; InputStream body = exchange.getRequestBody()) {
      Matcher m = INVOKE.matcher(exchange.getRequestURI().getPath());
      if (!"POST".equals(exchange.getRequestMethod()) || !m.matches()) {
        respond(exchange, 404, "UnknownOperationException", "not an Invoke call: " + exchange.getRequestURI().getPath());
        return;
      }
      String name = functionName(m.group(1));
      LocalFunction function;
      try {
        function = functions.computeIfAbsent(name, id -> LocalFunction.instantiate(TemplateRoutes.function(template, id), containers));
      } catch (IllegalArgumentException e) {
        respond(exchange, 404, "ResourceNotFoundException", "Function not found: " + name);
        return;
      }
      byte[] payload = body.readAllBytes();
      Object event = payload.length == 0 ? Map.of() : JSON.readValue(payload, Object.class);
      String requestId = UUID.randomUUID().toString();
      if ("Event".equals(exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type"))) {
        queue.execute(() -> run(function, event, requestId));
        exchange.getResponseHeaders().set("X-Amzn-RequestId", requestId);
        exchange.sendResponseHeaders(202, -1);
        return;
      }
      byte[] result = JSON.writeValueAsBytes(function.invoke(event, requestId));
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, result.length);
      exchange.getResponseBody().write(result);
    }
  }

  /** The function's name from a name, a name with a qualifier, or an ARN (…:function:name[:qualifier]). */
  static String functionName(String reference) {
    String[] parts = reference.split(":");
    if (parts.length >= 7 && "function".equals(parts[5])) {
      return parts[6];
    }
    return parts[0];
  }

  private static void run(LocalFunction function, Object event, String requestId) {
    try {
      function.invoke(event, requestId);
    } catch (RuntimeException e) {
      // Lambda would retry an asynchronous invocation; the next wake-up applies whatever this left.
      log.warn("{} failed: {}", function.spec().logicalId(), e.getMessage(), e);
    }
  }

  private static void respond(HttpExchange exchange, int status, String type, String message) throws IOException {
    byte[] body = JSON.writeValueAsBytes(Map.of("Type", "User", "message", message));
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.getResponseHeaders().set("X-Amzn-ErrorType", type);
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }

  @Override
  public void close() {
    server.stop(0);
    queue.shutdown();
    try {
      queue.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
