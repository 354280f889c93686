package com.comicshelf.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's HTTP/1.1 server on the loopback interface, embedded Jetty: the widget under /static/,
 * the API's description under /docs ({@link ApiDocs}), every other path to the {@link GatewayHandler}.
 *
 * <p>Jetty parses strictly (RFC 9110/9112 and RFC 3986) and hands every request it rejects itself to
 * {@link ProblemErrorHandler}, so a malformed request gets problem+json, never an HTML page or a
 * dropped connection; {@link GatewayConnectionFactory} covers the two targets Jetty cannot hand on.
 * Keep-alive, HTTP/1.0, chunked bodies, {@code Expect: 100-continue} (answered when the body is first
 * read) and HEAD are Jetty's. A well-formed request's body is read whole (at most API Gateway's 10 MB)
 * before the handler runs, on one of Jetty's threads, and the answer is written in one piece with a
 * Content-Length, never chunked.
 */
final class GatewayServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GatewayServer.class);

  /** The request line and header fields together; longer is answered 414 (in the request line) or 431. */
  private static final int MAX_HEADER_BYTES = 64 * 1024;
  /** How long a kept-alive connection may stay silent before it is closed (the JDK server's default too). */
  private static final long IDLE_TIMEOUT_MS = 30_000;

  /**
   * What RFC 3986 calls ambiguous but API Gateway passes on as sent: {@code %2F} and {@code %25} in a
   * path parameter, {@code ..} or {@code %2e%2e} segments, {@code ;}, empty segments, percent-encoded
   * bytes that are not UTF-8 or are control characters. The routes see the raw path and decode it
   * themselves, and the widget's files are resolved inside their folder. Still rejected: a bad
   * percent-encoding, characters a URI may not hold, {@code %u} escapes, user info and fragments.
   */
  private static final UriCompliance URI_COMPLIANCE =
      UriCompliance.from(
          Set.of(
              UriCompliance.Violation.AMBIGUOUS_PATH_SEGMENT,
              UriCompliance.Violation.AMBIGUOUS_EMPTY_SEGMENT,
              UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR,
              UriCompliance.Violation.AMBIGUOUS_PATH_PARAMETER,
              UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING,
              UriCompliance.Violation.BAD_UTF8_ENCODING,
              UriCompliance.Violation.TRUNCATED_UTF8_ENCODING,
              UriCompliance.Violation.SUSPICIOUS_PATH_CHARACTERS));

  private final Server jetty;
  private final ServerConnector connector;

  private GatewayServer(Server jetty, ServerConnector connector) {
    this.jetty = jetty;
    this.connector = connector;
  }

  /** Listens on {@code port} (0 picks a free one) on the loopback interface only. */
  static GatewayServer start(
      int port, List<Route> routes, LocalFunctions functions, Clock clock, Optional<Path> widget) {
    return start(port, routes, functions, clock, widget, Optional.empty(), Optional.empty());
  }

  /**
   * As above, also serving the API's description under {@code /docs} when {@code docs} is given, and
   * checking every exchange against it when {@code check} is given ({@code --validate-openapi}).
   */
  static GatewayServer start(
      int port,
      List<Route> routes,
      LocalFunctions functions,
      Clock clock,
      Optional<Path> widget,
      Optional<ApiDocs> docs,
      Optional<OpenApiGatewayCheck> check) {
    // Jetty warns of a client's malformed Host header, quoting all of it; that client gets a 400
    // problem, and the console need not hear of it (slf4j-simple reads these when the loggers are made).
    for (String logger : List.of("org.eclipse.jetty.http.HttpParser", "org.eclipse.jetty.util.HostPort")) {
      if (System.getProperty("org.slf4j.simpleLogger.log." + logger) == null) {
        System.setProperty("org.slf4j.simpleLogger.log." + logger, "error");
      }
    }
    // Not daemon threads: they keep the JVM alive until Ctrl-C. Each request holds one while its
    // function runs; a function's containers each serve one request at a time (LocalFunction).
    QueuedThreadPool threads = new QueuedThreadPool(200, 8);
    threads.setName("gateway-http");
    Server jetty = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setRequestHeaderSize(MAX_HEADER_BYTES);
    // RFC 9110 as it stands, plus a bare LF as line end (RFC 9112 section 2.2 lets a server accept it).
    http.setHttpCompliance(HttpCompliance.RFC9110);
    http.setUriCompliance(URI_COMPLIANCE);
    ServerConnector connector = new ServerConnector(jetty, new GatewayConnectionFactory(http));
    // Loopback only: the gateway trusts any signed request minted with the public dev secret.
    connector.setHost(InetAddress.getLoopbackAddress().getHostAddress());
    connector.setPort(port);
    connector.setIdleTimeout(IDLE_TIMEOUT_MS);
    // Jetty's default, stated: a small answer must not wait for the client's delayed ACK (Nagle).
    connector.setAcceptedTcpNoDelay(true);
    jetty.addConnector(connector);
    jetty.setErrorHandler(new ProblemErrorHandler(check));
    jetty.setHandler(
        new Dispatcher(
            new GatewayHandler(new RouteMatcher(routes), functions, clock), widget.map(StaticFiles::new), docs, check));
    try {
      jetty.start();
    } catch (Exception e) {
      stopQuietly(jetty);
      throw new UncheckedIOException(
          "cannot listen on port " + port + " (in use? try --port N)", e instanceof IOException io ? io : new IOException(e));
    }
    return new GatewayServer(jetty, connector);
  }

  int port() {
    return connector.getLocalPort();
  }

  @Override
  public void close() {
    stopQuietly(jetty);
  }

  private static void stopQuietly(Server jetty) {
    try {
      jetty.stop();
    } catch (Exception e) {
      log.debug("stopping the HTTP server failed", e);
    }
  }

  /** Writes {@code answer} in one piece with its Content-Length; Jetty leaves out a HEAD request's body. */
  static void send(Answer answer, Response response, Callback callback) {
    response.setStatus(answer.status());
    answer.headers().forEach((name, values) -> values.forEach(value -> response.getHeaders().add(name, value)));
    if (HttpStatus.hasNoBody(answer.status())) {
      response.write(true, null, callback);
      return;
    }
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, answer.body().length);
    response.write(true, ByteBuffer.wrap(answer.body()), callback);
  }

  /**
   * Reads each request whole, passes it to the widget's files, the API's description or the API, and
   * writes the answer, after checking it against the OpenAPI description when asked to.
   */
  private static final class Dispatcher extends Handler.Abstract {
    private final GatewayHandler api;
    private final Optional<StaticFiles> widget;
    private final Optional<ApiDocs> docs;
    private final Optional<OpenApiGatewayCheck> check;

    Dispatcher(GatewayHandler api, Optional<StaticFiles> widget, Optional<ApiDocs> docs, Optional<OpenApiGatewayCheck> check) {
      this.api = api;
      this.widget = widget;
      this.docs = docs;
      this.check = check;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      HttpURI uri = request.getHttpURI();
      String path = uri.getPath();
      Object badTarget = request.getConnectionMetaData().getAttribute(GatewayConnectionFactory.BAD_TARGET);
      Answer answer;
      IncomingRequest routed = null; // set when the answer comes after routing, null when the gateway refused first
      if (badTarget != null) {
        answer = Answer.problem(400, "Bad Request", badTarget.toString());
      } else if (path == null || !path.startsWith("/")) {
        // "*", or a relative target such as "comics": Jetty passes them on; no route can match them.
        answer = Answer.problem(400, "Bad Request", "the request target must be a path starting with '/' (or an absolute http URL)");
      } else if (uri.getQuery() != null && !isQuery(uri.getQuery())) {
        // Jetty checks the path only; API Gateway would not take these in a query either.
        answer = Answer.problem(400, "Bad Request", "the query holds a malformed percent-encoding or a character a URI may not hold");
      } else if (request.getLength() > GatewayHandler.MAX_BODY_BYTES) {
        answer = Answer.gatewayMessage(413, "Request Entity Too Large", UUID.randomUUID().toString());
      } else if (request.getLength() <= 0 && !request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING)) {
        // Neither a Content-Length nor chunked: no body to read (RFC 9112 section 6.3).
        routed = toRequest(request, new byte[0]);
        answer = dispatch(routed);
      } else {
        byte[] body;
        try (InputStream in = Content.Source.asInputStream(request)) {
          // One byte more than allowed tells an oversized (chunked) body without buffering it all.
          body = in.readNBytes(GatewayHandler.MAX_BODY_BYTES + 1);
        } catch (IOException e) {
          // A malformed chunked body (Jetty's parser says what is wrong), or a body cut short: the
          // failure goes to the ProblemErrorHandler, as a 400 whatever Jetty's exception.
          HttpException http = HttpException.asHttpException(e);
          callback.failed(http != null ? (Throwable) http : new BadMessageException("the request body ended early", e));
          return true;
        }
        if (body.length > GatewayHandler.MAX_BODY_BYTES) {
          answer = Answer.gatewayMessage(413, "Request Entity Too Large", UUID.randomUUID().toString());
        } else {
          routed = toRequest(request, body);
          answer = dispatch(routed);
        }
      }
      if (check.isPresent()) {
        if (routed == null) {
          check.get().beforeRouting(request.getMethod(), path, answer);
        } else if (OpenApiGatewayCheck.isApi(routed.rawPath())) {
          check.get().routed(routed, answer);
        }
      }
      send(answer, response, callback);
      return true;
    }

    private Answer dispatch(IncomingRequest request) {
      boolean isWidget = widget.isPresent() && request.rawPath().startsWith(StaticFiles.PREFIX);
      boolean isDocs = docs.isPresent() && ApiDocs.serves(request.rawPath());
      try {
        if (isDocs) {
          return docs.get().handle(request);
        }
        return isWidget ? widget.get().handle(request) : api.handle(request);
      } catch (RuntimeException | LinkageError e) {
        log.error("{} {}: the handler failed", request.method(), request.rawPath(), e);
        return Answer.gatewayMessage(500, "Internal Server Error", UUID.randomUUID().toString());
      }
    }

    private static IncomingRequest toRequest(Request request, byte[] body) {
      Map<String, List<String>> headers = new LinkedHashMap<>();
      for (HttpField field : request.getHeaders()) {
        headers.computeIfAbsent(field.getName(), name -> new ArrayList<>()).add(field.getValue());
      }
      HttpURI uri = request.getHttpURI();
      Object rawPath = request.getConnectionMetaData().getAttribute(GatewayConnectionFactory.RAW_PATH);
      return new IncomingRequest(
          request.getMethod(),
          rawPath != null ? rawPath.toString() : uri.getPath(),
          uri.getQuery(),
          headers,
          body,
          request.getConnectionMetaData().getProtocol(),
          Request.getRemoteAddr(request),
          Request.getLocalPort(request));
    }

    /** RFC 3986 query: unreserved, sub-delims, ":", "@", "/", "?" and well-formed percent-encodings only. */
    static boolean isQuery(String query) {
      for (int i = 0; i < query.length(); i++) {
        char c = query.charAt(i);
        if (c == '%') {
          if (i + 2 >= query.length() || !isHex(query.charAt(i + 1)) || !isHex(query.charAt(i + 2))) {
            return false;
          }
          i += 2;
        } else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~!$&'()*+,;=:@/?".indexOf(c) >= 0)) {
          return false;
        }
      }
      return true;
    }

    private static boolean isHex(char c) {
      return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
  }
}
