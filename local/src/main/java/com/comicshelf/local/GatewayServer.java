package com.comicshelf.local;

import com.comicshelf.http.Json;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's HTTP/1.1 server on the loopback interface: the widget under /static/, every other path
 * to the {@link GatewayHandler}.
 *
 * <p>It reads requests itself, strictly (RFC 9112), rather than through the JDK's {@code HttpServer},
 * which answers a malformed request (a bad percent-encoding, a header it cannot parse, an odd
 * Content-Length or Transfer-Encoding) with an HTML page of its own, or drops the connection, before
 * any handler could answer. Here every rejected request gets an RFC 9457 problem+json answer (a body
 * over API Gateway's 10 MB gets API Gateway's own 413), then the connection is closed. A well-formed
 * request reaches the handlers as an {@link HttpExchange} with its body already read, and its answer is
 * written in one piece with a Content-Length (never chunked), on a connection kept alive as HTTP/1.1
 * allows.
 */
final class GatewayServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GatewayServer.class);

  /** A request line longer than this is answered 414. */
  static final int MAX_REQUEST_LINE = 16 * 1024;
  /** Header fields, all together, longer than this or more numerous than {@link #MAX_HEADER_FIELDS} are answered 431. */
  static final int MAX_HEADER_BYTES = 64 * 1024;

  static final int MAX_HEADER_FIELDS = 200;
  /** How long a kept-alive connection may stay silent before it is closed (the JDK server's default too). */
  private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
  /** How long the rest of a request may take once its first byte has arrived. */
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
  /** After a rejection: how long to read (and discard) what the client still sends, so closing does not reset the answer away. */
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(2);

  private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

  private final ServerSocket socket;
  private final ExecutorService connections;
  private final HttpHandler api;
  private final Optional<HttpHandler> widget;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private GatewayServer(ServerSocket socket, HttpHandler api, Optional<HttpHandler> widget) {
    this.socket = socket;
    this.api = api;
    this.widget = widget;
    AtomicInteger count = new AtomicInteger();
    // Not daemon threads: they keep the JVM alive until Ctrl-C, as the JDK server's did.
    this.connections = Executors.newCachedThreadPool(r -> new Thread(r, "gateway-connection-" + count.incrementAndGet()));
  }

  /** Listens on {@code port} (0 picks a free one) on the loopback interface only. */
  static GatewayServer start(
      int port, List<Route> routes, LocalFunctions functions, Clock clock, Optional<Path> widget) {
    ServerSocket listening;
    try {
      // Loopback only: the gateway trusts any signed request minted with the public dev secret.
      listening = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on port " + port + " (in use? try --port N)", e);
    }
    GatewayServer server =
        new GatewayServer(listening, new GatewayHandler(new RouteMatcher(routes), functions, clock), widget.map(StaticFiles::new));
    Thread acceptor = new Thread(server::acceptAll, "gateway-accept");
    acceptor.start();
    return server;
  }

  int port() {
    return socket.getLocalPort();
  }

  @Override
  public void close() {
    closed = true;
    try {
      socket.close();
    } catch (IOException e) {
      log.debug("closing the listening socket failed", e);
    }
    for (Socket connection : open) {
      closeQuietly(connection);
    }
    connections.shutdownNow();
  }

  private void acceptAll() {
    while (!closed) {
      Socket connection;
      try {
        connection = socket.accept();
      } catch (IOException e) {
        if (!closed) {
          log.warn("accepting a connection failed", e);
          pause();
        }
        continue;
      }
      open.add(connection);
      try {
        connections.execute(() -> serve(connection));
      } catch (RuntimeException rejected) {
        open.remove(connection);
        closeQuietly(connection);
      }
    }
  }

  /** Serves one connection's requests in order until it closes, asks to close, or sends something malformed. */
  private void serve(Socket connection) {
    try {
      connection.setTcpNoDelay(true);
      InputStream in = new BufferedInputStream(connection.getInputStream(), 16 * 1024);
      OutputStream out = connection.getOutputStream();
      while (!closed) {
        connection.setSoTimeout((int) IDLE_TIMEOUT.toMillis());
        Request request;
        try {
          request = RequestReader.read(in, out, () -> setTimeout(connection, READ_TIMEOUT));
        } catch (Rejection rejection) {
          respond(out, rejection.answer(), rejection.method(), "close");
          drainAndClose(connection, in);
          return;
        }
        if (request == null) {
          return; // the client closed the connection, or left it idle
        }
        Answer answer = dispatch(request, connection);
        // HTTP/1.1 keeps the connection by default; an HTTP/1.0 client that asked to keep it is told it is kept.
        String connectionHeader = !request.keepAlive() ? "close" : request.version().equals("HTTP/1.0") ? "keep-alive" : null;
        respond(out, answer, request.method(), connectionHeader);
        if (!request.keepAlive()) {
          drainAndClose(connection, in);
          return;
        }
      }
    } catch (IOException e) {
      log.debug("connection from {} ended: {}", connection.getRemoteSocketAddress(), e.toString());
    } finally {
      open.remove(connection);
      closeQuietly(connection);
    }
  }

  /** A failing accept (out of file descriptors, say) is retried, but not in a tight loop. */
  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void setTimeout(Socket connection, Duration timeout) {
    try {
      connection.setSoTimeout((int) timeout.toMillis());
    } catch (SocketException e) {
      // The connection is gone; the next read says so.
    }
  }

  /** Runs the handler for {@code request} and returns what it answered; a handler that fails answers API Gateway's 500. */
  private Answer dispatch(Request request, Socket connection) {
    Exchange exchange = new Exchange(request, connection);
    HttpHandler handler =
        widget.isPresent() && request.uri().getRawPath().startsWith(StaticFiles.PREFIX) ? widget.get() : api;
    try {
      handler.handle(exchange);
    } catch (IOException | RuntimeException | LinkageError e) {
      log.error("{} {}: the handler failed", request.method(), request.uri().getRawPath(), e);
      return Answer.gatewayMessage(500, "Internal Server Error");
    }
    if (exchange.status < 0) {
      log.error("{} {}: the handler sent no answer", request.method(), request.uri().getRawPath());
      return Answer.gatewayMessage(500, "Internal Server Error");
    }
    byte[] body = exchange.declaredLength < 0 ? new byte[0] : exchange.body.toByteArray();
    return new Answer(exchange.status, exchange.responseHeaders, body);
  }

  /** Writes {@code answer} in one piece; no body for HEAD, 1xx, 204 and 304. */
  private static void respond(OutputStream out, Answer answer, String method, String connectionHeader) throws IOException {
    int status = answer.status();
    boolean bodyless = status < 200 || status == 204 || status == 304;
    StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
    answer.headers().forEach((name, values) -> {
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.equals("content-length") || lower.equals("transfer-encoding") || lower.equals("connection") || lower.equals("date")) {
        return;
      }
      for (String value : values) {
        if (isFieldName(name) && isFieldValue(value)) {
          head.append(name).append(": ").append(value).append("\r\n");
        } else {
          log.warn("dropped a response header that cannot be sent: {}", name);
        }
      }
    });
    head.append("Date: ").append(HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC))).append("\r\n");
    if (!bodyless) {
      head.append("Content-Length: ").append(answer.body().length).append("\r\n");
    }
    if (connectionHeader != null) {
      head.append("Connection: ").append(connectionHeader).append("\r\n");
    }
    head.append("\r\n");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(head.length() + answer.body().length);
    bytes.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    if (!bodyless && !method.equals("HEAD")) {
      bytes.writeBytes(answer.body());
    }
    out.write(bytes.toByteArray());
    out.flush();
  }

  /**
   * Closes after the answer: first only the sending side, then reads what the client may still be
   * sending (briefly), since closing a socket with unread input resets it and can lose the answer.
   */
  private static void drainAndClose(Socket connection, InputStream in) {
    try {
      connection.shutdownOutput();
      connection.setSoTimeout((int) DRAIN_TIMEOUT.toMillis());
      long until = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
      byte[] discard = new byte[8192];
      while (System.nanoTime() < until && in.read(discard) >= 0) {
        // discarded
      }
    } catch (IOException e) {
      // Closing anyway.
    }
    closeQuietly(connection);
  }

  private static void closeQuietly(Socket connection) {
    try {
      connection.close();
    } catch (IOException e) {
      // Nothing left to do.
    }
  }

  static boolean isFieldName(String name) {
    if (name == null || name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      if (!isTokenChar(name.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** RFC 9110 field-value: visible characters, obs-text, and spaces or tabs between them; no CR, LF or NUL. */
  static boolean isFieldValue(String value) {
    if (value == null) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c > 0xff || (c < 0x20 && c != '\t') || c == 0x7f) {
        return false;
      }
    }
    return true;
  }

  static boolean isTokenChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
  }

  private static String reason(int status) {
    return switch (status) {
      case 100 -> "Continue";
      case 200 -> "OK";
      case 201 -> "Created";
      case 202 -> "Accepted";
      case 204 -> "No Content";
      case 301 -> "Moved Permanently";
      case 302 -> "Found";
      case 304 -> "Not Modified";
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 408 -> "Request Timeout";
      case 409 -> "Conflict";
      case 413 -> "Content Too Large";
      case 414 -> "URI Too Long";
      case 415 -> "Unsupported Media Type";
      case 417 -> "Expectation Failed";
      case 422 -> "Unprocessable Content";
      case 429 -> "Too Many Requests";
      case 431 -> "Request Header Fields Too Large";
      case 500 -> "Internal Server Error";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> "";
    };
  }

  // ---- what is read and written -------------------------------------------------------------------

  /** A well-formed request, read whole. */
  record Request(String method, URI uri, String version, Headers headers, byte[] body, boolean keepAlive) {}

  /** An answer to write: the status, header fields, and the whole body. */
  record Answer(int status, Map<String, List<String>> headers, byte[] body) {
    /** API Gateway's own short answer, e.g. {@code {"message":"Request Entity Too Large"}}. */
    static Answer gatewayMessage(int status, String message) {
      return new Answer(
          status,
          Map.of("Content-Type", List.of("application/json"), "Apigw-Requestid", List.of(UUID.randomUUID().toString())),
          ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    /** An RFC 9457 problem document. */
    static Answer problem(int status, String title, String detail) {
      Map<String, Object> problem = new LinkedHashMap<>();
      problem.put("type", "about:blank");
      problem.put("title", title);
      problem.put("status", status);
      problem.put("detail", detail);
      byte[] body;
      try {
        body = Json.MAPPER.writeValueAsBytes(problem);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new Answer(
          status,
          Map.of("Content-Type", List.of("application/problem+json"), "Apigw-Requestid", List.of(UUID.randomUUID().toString())),
          body);
    }
  }

  /** A request that cannot be served, with the answer it gets; the connection is closed after it. */
  static final class Rejection extends Exception {
    private final transient Answer answer;
    private boolean headRequest;

    Rejection(int status, String title, String detail) {
      super(detail, null, false, false);
      this.answer = Answer.problem(status, title, detail);
    }

    private Rejection(Answer answer) {
      super(new String(answer.body(), StandardCharsets.UTF_8), null, false, false);
      this.answer = answer;
    }

    static Rejection badRequest(String detail) {
      return new Rejection(400, "Bad Request", detail);
    }

    /** API Gateway's own answer to a body over its limit. */
    static Rejection tooLarge() {
      return new Rejection(Answer.gatewayMessage(413, "Request Entity Too Large"));
    }

    Answer answer() {
      return answer;
    }

    /** The method to answer as: a rejected HEAD request's answer has no body. */
    String method() {
      return headRequest ? "HEAD" : "GET";
    }
  }

  /** Reads one request strictly, as RFC 9112 describes it; anything else is a {@link Rejection}. */
  static final class RequestReader {
    /** Empty lines tolerated before a request line (RFC 9112 §2.2: at least one). */
    private static final int MAX_LEADING_EMPTY_LINES = 8;

    private final InputStream in;

    private RequestReader(InputStream in) {
      this.in = in;
    }

    /**
     * The next request on the connection, or null when the client closed it (or left it idle) before
     * sending one. {@code started} runs once its first byte is there. {@code out} receives the interim
     * 100 (Continue) a client that sent {@code Expect: 100-continue} waits for.
     */
    static Request read(InputStream in, OutputStream out, Runnable started) throws Rejection, IOException {
      RequestReader reader = new RequestReader(in);
      String requestLine;
      try {
        requestLine = reader.firstLine(started);
      } catch (SocketTimeoutException idle) {
        return null;
      }
      if (requestLine == null) {
        return null;
      }
      try {
        return reader.rest(requestLine, out);
      } catch (Rejection rejection) {
        // The answer to a HEAD request has no body, even a rejection's.
        rejection.headRequest = requestLine.startsWith("HEAD ");
        throw rejection;
      } catch (SocketTimeoutException slow) {
        throw new Rejection(408, "Request Timeout", "the request did not arrive completely within " + READ_TIMEOUT.toSeconds() + " s");
      } catch (EndOfRequest end) {
        // The client stopped sending mid-request; it may still read the answer.
        throw Rejection.badRequest(end.getMessage());
      }
    }

    private String firstLine(Runnable started) throws IOException, Rejection {
      for (int empty = 0; empty <= MAX_LEADING_EMPTY_LINES; empty++) {
        int first = in.read();
        if (first < 0) {
          return null;
        }
        if (empty == 0) {
          started.run();
        }
        String line;
        try {
          line = line(first, MAX_REQUEST_LINE, 414, "URI Too Long", "the request line is longer than " + MAX_REQUEST_LINE + " bytes");
        } catch (EndOfRequest end) {
          throw Rejection.badRequest("the request line ended without a line break");
        } catch (SocketTimeoutException slow) {
          throw new Rejection(408, "Request Timeout", "the request line did not arrive within " + READ_TIMEOUT.toSeconds() + " s");
        }
        if (!line.isEmpty()) {
          return line;
        }
      }
      throw Rejection.badRequest("no request line, only empty lines");
    }

    private Request rest(String requestLine, OutputStream out) throws IOException, Rejection, EndOfRequest {
      String[] parts = requestLine.split(" ", -1);
      if (parts.length != 3) {
        throw Rejection.badRequest("the request line must be: method, one space, target, one space, HTTP version");
      }
      String method = parts[0];
      if (!isFieldName(method)) {
        throw Rejection.badRequest("the method is not a valid token");
      }
      String version = parts[2];
      if (!version.matches("HTTP/1\\.[0-9]")) {
        throw Rejection.badRequest("this gateway speaks HTTP/1.1 (and 1.0); got " + printable(version, 20));
      }
      URI uri = target(parts[1]);
      Headers headers = headers();
      boolean http10 = version.equals("HTTP/1.0");
      List<String> hosts = headers.get("Host");
      if (hosts != null && hosts.size() > 1) {
        throw Rejection.badRequest("more than one Host header");
      }
      if (!http10 && hosts == null) {
        throw Rejection.badRequest("an HTTP/1.1 request needs a Host header");
      }
      Set<String> connection = tokens(headers.get("Connection"));
      boolean keepAlive = http10 ? connection.contains("keep-alive") : !connection.contains("close");
      byte[] body = body(headers, out);
      return new Request(method, uri, version, headers, body, keepAlive);
    }

    /** The request target in origin form ({@code /path?query}) or absolute form ({@code http://host/path}). */
    private static URI target(String target) throws Rejection {
      if (target.isEmpty()) {
        throw Rejection.badRequest("the request target is empty");
      }
      for (int i = 0; i < target.length(); i++) {
        char c = target.charAt(i);
        if (c <= 0x20 || c >= 0x7f) {
          throw Rejection.badRequest(
              "the request target may hold visible ASCII characters only; percent-encode the others (found byte 0x"
                  + Integer.toHexString(c) + ")");
        }
        if (c == '%' && (i + 2 >= target.length() || !isHex(target.charAt(i + 1)) || !isHex(target.charAt(i + 2)))) {
          throw Rejection.badRequest("the request target has a malformed percent-encoding at '" + printable(target.substring(i), 6) + "'");
        }
      }
      if (target.indexOf('#') >= 0) {
        throw Rejection.badRequest("a request target has no fragment ('#')");
      }
      String originForm;
      if (target.startsWith("/")) {
        originForm = target;
      } else {
        URI absolute;
        try {
          absolute = new URI(target);
        } catch (URISyntaxException e) {
          throw Rejection.badRequest("the request target must be a path starting with '/' (or an absolute http URL)");
        }
        if (!absolute.isAbsolute()
            || !("http".equalsIgnoreCase(absolute.getScheme()) || "https".equalsIgnoreCase(absolute.getScheme()))
            || absolute.getRawAuthority() == null) {
          throw Rejection.badRequest("the request target must be a path starting with '/' (or an absolute http URL)");
        }
        String path = absolute.getRawPath() == null || absolute.getRawPath().isEmpty() ? "/" : absolute.getRawPath();
        originForm = path + (absolute.getRawQuery() == null ? "" : "?" + absolute.getRawQuery());
      }
      // Behind a fixed authority, so a path such as "//x/y" stays the path and is not read as a host.
      try {
        return new URI("http://localhost" + originForm);
      } catch (URISyntaxException e) {
        throw Rejection.badRequest("the request target is not a valid URI: it holds a character that must be percent-encoded");
      }
    }

    private static boolean isHex(char c) {
      return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** The header fields, names as sent (looked up case-insensitively), values trimmed of surrounding white space. */
    private Headers headers() throws IOException, Rejection, EndOfRequest {
      Headers headers = new Headers();
      int total = 0;
      int fields = 0;
      while (true) {
        int first = in.read();
        if (first < 0) {
          throw new EndOfRequest("the connection ended inside the header fields");
        }
        String line = line(first, MAX_HEADER_BYTES - total + 2, 431, "Request Header Fields Too Large",
            "the header fields are longer than " + MAX_HEADER_BYTES + " bytes");
        if (line.isEmpty()) {
          return headers;
        }
        total += line.length() + 2;
        if (++fields > MAX_HEADER_FIELDS) {
          throw new Rejection(431, "Request Header Fields Too Large", "more than " + MAX_HEADER_FIELDS + " header fields");
        }
        if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
          throw Rejection.badRequest("obsolete line folding (a header line starting with white space) is not accepted");
        }
        int colon = line.indexOf(':');
        if (colon <= 0) {
          throw Rejection.badRequest("a header line without a name and a colon: '" + printable(line, 30) + "'");
        }
        String name = line.substring(0, colon);
        if (!isFieldName(name)) {
          throw Rejection.badRequest("a header name holds characters a name may not: '" + printable(name, 30) + "'");
        }
        String value = line.substring(colon + 1).strip();
        if (!isFieldValue(value)) {
          throw Rejection.badRequest("the value of header '" + printable(name, 30) + "' holds control characters");
        }
        headers.add(name, value);
      }
    }

    /** The body framed by Content-Length or chunked Transfer-Encoding; empty without either. */
    private byte[] body(Headers headers, OutputStream out) throws IOException, Rejection, EndOfRequest {
      List<String> transfer = headers.get("Transfer-Encoding");
      List<String> lengths = headers.get("Content-Length");
      if (transfer != null && lengths != null) {
        throw Rejection.badRequest("a request may not carry both Transfer-Encoding and Content-Length");
      }
      long length = 0;
      if (lengths != null) {
        length = contentLength(lengths);
        if (length > GatewayHandler.MAX_BODY_BYTES) {
          throw Rejection.tooLarge();
        }
      }
      if (transfer != null) {
        List<String> codings = new ArrayList<>();
        transfer.forEach(v -> codings.addAll(List.of(v.split(","))));
        if (codings.size() != 1 || !codings.get(0).strip().equalsIgnoreCase("chunked")) {
          throw Rejection.badRequest("the only Transfer-Encoding accepted is 'chunked'");
        }
      }
      List<String> expect = headers.get("Expect");
      if (expect != null) {
        if (expect.size() != 1 || !expect.get(0).equalsIgnoreCase("100-continue")) {
          throw new Rejection(417, "Expectation Failed", "the only expectation met is 100-continue");
        }
        if (transfer != null || length > 0) {
          out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
          out.flush();
        }
      }
      if (transfer != null) {
        return chunked();
      }
      byte[] body = in.readNBytes((int) length);
      if (body.length < length) {
        throw new EndOfRequest("the body ended after " + body.length + " of its " + length + " bytes (Content-Length)");
      }
      return body;
    }

    private static long contentLength(List<String> values) throws Rejection {
      long length = -1;
      for (String value : values) {
        for (String item : value.split(",", -1)) {
          String digits = item.strip();
          if (!digits.matches("[0-9]{1,19}")) {
            throw Rejection.badRequest("Content-Length must be a whole number of bytes, got '" + printable(value, 30) + "'");
          }
          long parsed;
          try {
            parsed = Long.parseLong(digits);
          } catch (NumberFormatException e) {
            throw Rejection.tooLarge();
          }
          if (length >= 0 && parsed != length) {
            throw Rejection.badRequest("conflicting Content-Length values");
          }
          length = parsed;
        }
      }
      return length;
    }

    private byte[] chunked() throws IOException, Rejection, EndOfRequest {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      while (true) {
        int first = in.read();
        if (first < 0) {
          throw new EndOfRequest("the chunked body ended before its last chunk");
        }
        String line = line(first, 1024, 400, "Bad Request", "a chunk-size line is too long");
        int semicolon = line.indexOf(';');
        String size = (semicolon < 0 ? line : line.substring(0, semicolon)).strip();
        if (!size.matches("[0-9A-Fa-f]{1,8}")) {
          throw Rejection.badRequest("a malformed chunk size: '" + printable(size, 20) + "'");
        }
        long n = Long.parseLong(size, 16);
        if (n == 0) {
          skipTrailers();
          return body.toByteArray();
        }
        if (body.size() + n > GatewayHandler.MAX_BODY_BYTES) {
          throw Rejection.tooLarge();
        }
        byte[] chunk = in.readNBytes((int) n);
        if (chunk.length < n) {
          throw new EndOfRequest("the chunked body ended inside a chunk");
        }
        body.writeBytes(chunk);
        int cr = in.read();
        int lf = cr == '\r' ? in.read() : cr;
        if (lf != '\n') {
          if (cr < 0 || lf < 0) {
            throw new EndOfRequest("the chunked body ended after a chunk");
          }
          throw Rejection.badRequest("a chunk is longer than its size says");
        }
      }
    }

    private void skipTrailers() throws IOException, Rejection, EndOfRequest {
      int total = 0;
      while (true) {
        int first = in.read();
        if (first < 0) {
          throw new EndOfRequest("the chunked body ended inside its trailer");
        }
        String line = line(first, MAX_HEADER_BYTES - total + 2, 431, "Request Header Fields Too Large", "the trailer is too long");
        if (line.isEmpty()) {
          return;
        }
        total += line.length() + 2;
      }
    }

    /**
     * A line (ISO-8859-1) that starts with {@code first}, without its end: CRLF, or a bare LF
     * (RFC 9112 §2.2). A bare CR, or a line over {@code max} bytes, is rejected with {@code status}.
     */
    private String line(int first, int max, int status, String title, String tooLong) throws IOException, Rejection, EndOfRequest {
      StringBuilder line = new StringBuilder();
      int c = first;
      while (true) {
        if (c < 0) {
          throw new EndOfRequest("the connection ended inside a line");
        }
        if (c == '\n') {
          return line.toString();
        }
        if (c == '\r') {
          int next = in.read();
          if (next == '\n') {
            return line.toString();
          }
          throw Rejection.badRequest("a bare carriage return (CR without LF)");
        }
        line.append((char) c);
        if (line.length() > max) {
          throw new Rejection(status, title, tooLong);
        }
        c = in.read();
      }
    }

    private static Set<String> tokens(List<String> values) {
      Set<String> tokens = new HashSet<>();
      if (values != null) {
        for (String value : values) {
          for (String token : value.split(",")) {
            tokens.add(token.strip().toLowerCase(Locale.ROOT));
          }
        }
      }
      return tokens;
    }

    private static String printable(String text, int max) {
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < text.length() && out.length() < max; i++) {
        char c = text.charAt(i);
        out.append(c >= 0x20 && c < 0x7f && c != '\'' ? c : '?');
      }
      return text.length() > max ? out + "…" : out.toString();
    }
  }

  /** The connection ended before the request did. */
  private static final class EndOfRequest extends Exception {
    EndOfRequest(String message) {
      super(message, null, false, false);
    }
  }

  /** One request and its answer, for handlers written against the JDK's {@code HttpExchange} API. */
  private static final class Exchange extends HttpExchange {
    private final Request request;
    private final Socket connection;
    private final Headers responseHeaders = new Headers();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private InputStream requestBody;
    private OutputStream responseBody;
    private int status = -1;
    private long declaredLength;

    Exchange(Request request, Socket connection) {
      this.request = request;
      this.connection = connection;
      this.requestBody = new ByteArrayInputStream(request.body());
      this.responseBody = body;
    }

    @Override
    public Headers getRequestHeaders() {
      return request.headers();
    }

    @Override
    public Headers getResponseHeaders() {
      return responseHeaders;
    }

    @Override
    public URI getRequestURI() {
      return request.uri();
    }

    @Override
    public String getRequestMethod() {
      return request.method();
    }

    @Override
    public HttpContext getHttpContext() {
      return null;
    }

    @Override
    public void close() {
      // The answer is written once the handler returns; nothing is held open here.
    }

    @Override
    public InputStream getRequestBody() {
      return requestBody;
    }

    @Override
    public OutputStream getResponseBody() {
      return responseBody;
    }

    @Override
    public void sendResponseHeaders(int rCode, long responseLength) throws IOException {
      if (status >= 0) {
        throw new IOException("the response headers were sent already");
      }
      if (rCode < 100 || rCode > 599) {
        throw new IOException("not an HTTP status: " + rCode);
      }
      status = rCode;
      declaredLength = responseLength;
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
      return (InetSocketAddress) connection.getRemoteSocketAddress();
    }

    @Override
    public int getResponseCode() {
      return status;
    }

    @Override
    public InetSocketAddress getLocalAddress() {
      return (InetSocketAddress) connection.getLocalSocketAddress();
    }

    @Override
    public String getProtocol() {
      return request.version();
    }

    @Override
    public Object getAttribute(String name) {
      return attributes.get(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
      if (value == null) {
        attributes.remove(name);
      } else {
        attributes.put(name, value);
      }
    }

    @Override
    public void setStreams(InputStream i, OutputStream o) {
      if (i != null) {
        requestBody = i;
      }
      if (o != null) {
        responseBody = o;
      }
    }

    @Override
    public com.sun.net.httpserver.HttpPrincipal getPrincipal() {
      return null;
    }
  }
}
