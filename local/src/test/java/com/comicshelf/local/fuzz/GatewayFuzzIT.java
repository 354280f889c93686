package com.comicshelf.local.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.comicshelf.local.InProcessGateway;
import com.comicshelf.local.fuzz.GatewayRequests.Parts;
import com.comicshelf.local.fuzz.GatewayRequests.RawCase;
import com.comicshelf.testing.TestDatabase;
import com.comicshelf.testing.TestS3;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzes the local gateway over raw sockets, as a browser, curl or an attacker could talk to it:
 * well-formed requests on every route of {@code template.yaml} (valid, forged, expired and malformed
 * tokens; percent-encoded path parameters; query strings; odd headers; bodies of every shape and
 * encoding), malformed ones (request lines, percent-encodings, lengths, chunking, header syntax and
 * size, {@code ..} paths, NUL bytes, odd methods), the widget's static files, and several requests on
 * one connection. Every request gets an answer, none is a 5xx, and every error is problem+json or
 * API Gateway's own {@code {"message": ...}} (401, 403, 404, 413), never an HTML or text page.
 */
class GatewayFuzzIT {
  private static final ObjectMapper STRICT = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  /** API Gateway's own answers and the statuses it gives them. */
  private static final Map<Integer, String> GATEWAY_MESSAGES =
      Map.of(401, "Unauthorized", 403, "Forbidden", 404, "Not Found", 413, "Request Entity Too Large");
  private static final Pattern LEAK =
      Pattern.compile("\\.java:\\d+\\)|(?m)^\\s*at [\\w$.]+\\(|java\\.lang\\.|com\\.fasterxml|com\\.comicshelf|org\\.mariadb"
          + "|software\\.amazon|SQLException|Caused by:|NullPointerException|IllegalStateException|IllegalArgumentException"
          + "|URISyntaxException|NumberFormatException|<h1>|<html");

  private static AutoCloseable gateway;
  private static int port;
  private static List<String> routes;
  private static List<String> realIds;
  private static List<String> realCursors;

  private static final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
  private static final Map<String, AtomicLong> statusesPerProperty = new ConcurrentHashMap<>();
  private static final Map<String, AtomicLong> perProperty = new ConcurrentHashMap<>();
  private static final AtomicLong requestsSent = new AtomicLong();
  private static final AtomicLong fiveHundreds = new AtomicLong();
  private static final AtomicLong unanswered = new AtomicLong();

  @BeforeContainer
  static void start() throws Exception {
    // One line per request at INFO would drown the build's output; warnings and errors still show.
    System.setProperty("org.slf4j.simpleLogger.log.com.comicshelf.local.GatewayHandler", "warn");
    TestDatabase db = TestDatabase.create("comicshelf_fuzz_gateway_it");
    TestS3 s3 = TestS3.shared();
    s3.freshBucket("comic-shelf-local");
    InProcessGateway started = InProcessGateway.start(
        "--port", "0", "--jdbc-url", db.jdbcUrl(), "--db-user", db.user(), "--db-password", db.password(),
        "--s3-endpoint", s3.endpoint().toString());
    gateway = started;
    port = started.port();
    routes = GatewayRequests.routes(Path.of("../template.yaml"));
    realIds = new ArrayList<>(List.of("1", "2", "3", "31", "32", Long.toString(GatewayRequests.DEMO_READER), Long.toString(GatewayRequests.DEMO_FRIEND)));
    realCursors = new ArrayList<>();
    String reader = "Authorization: Bearer " + GatewayRequests.token(GatewayRequests.DEMO_READER);
    for (String target : List.of("/comics?limit=1", "/me/favorites?limit=1", "/me/friends?limit=1", "/users/" + GatewayRequests.DEMO_FRIEND + "/favorites?limit=1")) {
      JsonNode page = STRICT.readTree(only(get(target, reader)).bodyText());
      if (page.path("nextCursor").isTextual()) {
        realCursors.add(page.path("nextCursor").asText());
      }
    }
    // A pending upload of the demo reader's, so valid-looking upload ids sometimes hit a real row.
    byte[] body = "{\"contentType\":\"image/png\",\"contentLength\":100,\"comicId\":1}".getBytes(StandardCharsets.UTF_8);
    RawHttp.Response upload = only(RawHttp.send(port, new Parts("POST", "/me/uploads", "HTTP/1.1",
        List.of("Host: localhost", reader, "Content-Type: application/json", "Connection: close"), body, true).bytes(), TIMEOUT));
    realIds.add(STRICT.readTree(upload.bodyText()).path("uploadId").asText());
    assertThat(realCursors).isNotEmpty();
  }

  @AfterContainer
  static void stop() throws Exception {
    String summary = "Gateway fuzzing: " + requestsSent.get() + " requests, " + fiveHundreds.get() + " with a 5xx, "
        + unanswered.get() + " connections closed without an answer\n  per property: " + sorted(perProperty)
        + "\n  per status:   " + sorted(statuses) + "\n  per property and status: " + sorted(statusesPerProperty);
    System.out.println(summary);
    Path out = Path.of("target", "fuzz");
    Files.createDirectories(out);
    Files.writeString(out.resolve("gateway-fuzz-summary.txt"), summary + "\n");
    if (gateway != null) {
      gateway.close();
    }
  }

  // ---- properties -------------------------------------------------------------------------------

  @Property(tries = 700, seed = "4712001", afterFailure = AfterFailureMode.SAMPLE_FIRST, edgeCases = EdgeCasesMode.NONE)
  void wellFormedRequests_onEveryRoute(@ForAll("wellFormed") RawCase request) throws IOException {
    run("wellFormed", request);
  }

  @Property(tries = 600, seed = "4712002", afterFailure = AfterFailureMode.SAMPLE_FIRST, edgeCases = EdgeCasesMode.NONE)
  void malformedRequests(@ForAll("malformed") RawCase request) throws IOException {
    run("malformed", request);
  }

  @Property(tries = 150, seed = "4712003", afterFailure = AfterFailureMode.SAMPLE_FIRST, edgeCases = EdgeCasesMode.NONE)
  void severalRequestsOnOneConnection(@ForAll("keepAlive") RawCase request) throws IOException {
    run("keepAlive", request);
  }

  @Property(tries = 100, seed = "4712004", afterFailure = AfterFailureMode.SAMPLE_FIRST, edgeCases = EdgeCasesMode.NONE)
  void staticFiles(@ForAll("staticFiles") RawCase request) throws IOException {
    run("staticFiles", request);
  }

  /** The fuzzing means something only if well-formed requests get through to the handlers. */
  @Example
  void aValidRequest_reachesItsHandler() throws IOException {
    RawHttp.Response response = only(get("/comics?q=watch", "Authorization: Bearer " + GatewayRequests.token(GatewayRequests.DEMO_READER)));

    assertThat(response.status()).isEqualTo(200);
    assertThat(STRICT.readTree(response.bodyText()).path("items").findValuesAsText("title")).contains("Watchmen");
  }

  // ---- regressions: what the fuzzing found, kept as plain examples ---------------------------------

  /**
   * Were HTML pages of the JDK's HTTP server ({@code <h1>400 Bad Request</h1>URISyntaxException thrown},
   * a 501 for an unknown Transfer-Encoding, a 404 "No context found" for a target without '/'), or no
   * answer at all (a NUL byte in a widget path, a malformed chunked body): the gateway rejected them
   * before any handler could answer. Now each is a 400 problem+json (413 stays API Gateway's own).
   */
  @Example
  void malformedRequests_areAnsweredWithProblems_notPagesOrSilence() throws IOException {
    String token = "Authorization: Bearer " + GatewayRequests.token(GatewayRequests.DEMO_READER);
    Map<String, Integer> expected = new java.util.LinkedHashMap<>();
    expected.put("GET /comics/%zz HTTP/1.1\r\nHost: x\r\n" + token + "\r\n\r\n", 400);
    expected.put("GET /comics/% HTTP/1.1\r\nHost: x\r\n\r\n", 400);
    expected.put("GET /comics?q=%zz HTTP/1.1\r\nHost: x\r\n\r\n", 400);
    expected.put("GET /comics/a|b HTTP/1.1\r\nHost: x\r\n\r\n", 400);
    expected.put("GET /comics/a\"b HTTP/1.1\r\nHost: x\r\n\r\n", 400);
    expected.put("GET comics HTTP/1.1\r\nHost: x\r\n\r\n", 400);
    expected.put("GET * HTTP/1.1\r\nHost: x\r\n\r\n", 400);
    expected.put("GARBAGE\r\n\r\n", 400);
    expected.put("GET / HTTP/1.1\r\nbadheader\r\n\r\n", 400);
    expected.put("POST /comics HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n{}", 400);
    expected.put("POST /comics HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n{}", 400);
    expected.put("POST /comics HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}", 400);
    expected.put("POST /comics HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n{}", 400);
    expected.put("POST /comics HTTP/1.1\r\nHost: x\r\n" + token + "\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n", 400);
    expected.put("GET /static/%00 HTTP/1.1\r\nHost: x\r\n\r\n", 404);
    expected.put("POST /comics HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999\r\n\r\n{}", 413);
    for (var entry : expected.entrySet()) {
      RawCase request = new RawCase("regression", entry.getKey().getBytes(StandardCharsets.ISO_8859_1), false, 1);
      RawHttp.Exchange exchange = RawHttp.send(port, request.bytes(), TIMEOUT);
      assertThat(exchange.problem()).as(request.toString()).isNull();
      assertThat(exchange.responses()).as(request.toString()).hasSize(1);
      RawHttp.Response response = exchange.responses().get(0);
      assertThat(response.status()).as(request + " -> " + response).isEqualTo(entry.getValue());
      check(response, request);
    }
  }

  /** Was text/plain "Not Found": a missing widget file is answered like an unknown route. */
  @Example
  void missingWidgetFile_isApiGatewaysNotFound() throws IOException {
    RawHttp.Response response = only(get("/static/no-such-file.js"));

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.header("content-type")).isEqualTo("application/json");
    assertThat(response.bodyText()).isEqualTo("{\"message\":\"Not Found\"}");
  }

  // ---- the oracle -------------------------------------------------------------------------------

  private static void run(String property, RawCase request) throws IOException {
    perProperty.computeIfAbsent(property, k -> new AtomicLong()).addAndGet(request.requests());
    requestsSent.addAndGet(request.requests());
    RawHttp.Exchange exchange = RawHttp.send(port, request.bytes(), TIMEOUT);
    for (RawHttp.Response response : exchange.responses()) {
      statuses.computeIfAbsent(response.status(), k -> new AtomicLong()).incrementAndGet();
      statusesPerProperty.computeIfAbsent(property + " " + response.status(), k -> new AtomicLong()).incrementAndGet();
      if (response.status() >= 500) {
        fiveHundreds.incrementAndGet();
      }
    }
    if (exchange.responses().isEmpty()) {
      unanswered.incrementAndGet();
    }
    if (exchange.problem() != null) {
      throw new AssertionError(exchange.problem() + " for " + request + "\nreceived: " + GatewayRequests.printable(exchange.raw()));
    }
    if (exchange.responses().isEmpty() && !request.mayGoUnanswered()) {
      throw new AssertionError("the connection closed without an answer for " + request);
    }
    for (RawHttp.Response response : exchange.responses()) {
      check(response, request);
    }
  }

  private static void check(RawHttp.Response response, RawCase request) {
    int status = response.status();
    String type = response.header("content-type");
    String body = response.bodyText();
    String what = request + "\nresponse: " + response;
    if (status >= 500) {
      throw new AssertionError("a " + status + " for " + what);
    }
    boolean widgetFile = status < 300 && isStatic(request);
    if (!widgetFile && LEAK.matcher(body).find()) {
      throw new AssertionError("the answer leaks internals or is an HTML page, for " + what);
    }
    boolean head = new String(request.bytes(), StandardCharsets.ISO_8859_1).startsWith("HEAD ");
    if (head) {
      // No body to look at: the type says which kind of answer it would have been.
      if (status >= 400 && !("application/problem+json".equalsIgnoreCase(type) || "application/json".equalsIgnoreCase(type))) {
        throw new AssertionError("an error of type " + type + " for " + what);
      }
      return;
    }
    if (status >= 400) {
      if ("application/problem+json".equalsIgnoreCase(type)) {
        JsonNode problem = json(body, what);
        if (!problem.path("status").isInt() || problem.path("status").asInt() != status
            || !problem.path("title").isTextual() || problem.path("title").asText().isBlank()
            || !problem.path("detail").isTextual() || problem.path("detail").asText().isBlank()) {
          throw new AssertionError("a malformed problem for " + what);
        }
        return;
      }
      if ("application/json".equalsIgnoreCase(type) && GATEWAY_MESSAGES.containsKey(status)) {
        JsonNode message = json(body, what);
        if (!message.isObject() || message.size() != 1 || !message.path("message").asText().equals(GATEWAY_MESSAGES.get(status))) {
          throw new AssertionError("not API Gateway's own answer for " + what);
        }
        return;
      }
      throw new AssertionError("an error that is neither problem+json nor API Gateway's {\"message\"} answer, for " + what);
    }
    if (status == 204 || status == 304 || widgetFile) {
      return;
    }
    if (!"application/json".equalsIgnoreCase(type)) {
      throw new AssertionError("a " + status + " that is " + type + ", not JSON, for " + what);
    }
    json(body, what);
  }

  private static boolean isStatic(RawCase request) {
    String text = new String(request.bytes(), StandardCharsets.ISO_8859_1);
    return text.contains(" /static/");
  }

  private static JsonNode json(String body, String what) {
    try {
      return STRICT.readTree(body);
    } catch (IOException e) {
      throw new AssertionError("a body that is not JSON for " + what);
    }
  }

  // ---- generators -------------------------------------------------------------------------------

  @Provide
  Arbitrary<RawCase> wellFormed() {
    return Arbitraries.oneOf(routes.stream().map(GatewayFuzzIT::wellFormedParts).toList())
        .map(parts -> new RawCase("well-formed", parts.bytes(), false, 1));
  }

  @Provide
  Arbitrary<RawCase> malformed() {
    Arbitrary<Parts> base = Arbitraries.oneOf(routes.stream().map(GatewayFuzzIT::wellFormedParts).toList());
    Arbitrary<RawCase> target = Combinators.combine(base, GatewayRequests.malformedTargets())
        .as((p, t) -> new RawCase("malformed target", new Parts(p.method(), t, p.version(), p.headerLines(), p.body(), true).bytes(), false, 1));
    Arbitrary<RawCase> method = Combinators.combine(base, GatewayRequests.oddMethods())
        .as((p, m) -> new RawCase("odd method", new Parts(m, p.target(), p.version(), p.headerLines(), p.body(), true).bytes(), false, 1));
    Arbitrary<RawCase> version = Combinators.combine(base, GatewayRequests.oddVersions())
        .as((p, v) -> new RawCase("odd version", new Parts(p.method(), p.target(), v, p.headerLines(), p.body(), true).bytes(), false, 1));
    Arbitrary<RawCase> headers = Combinators.combine(base, GatewayRequests.malformedHeaderLines())
        .as((p, lines) -> {
          List<String> all = new ArrayList<>(p.headerLines());
          all.addAll(lines);
          boolean ownLength = lines.stream().anyMatch(l -> l.regionMatches(true, 0, "Content-Length", 0, 14) || l.regionMatches(true, 0, "Transfer-Encoding", 0, 17));
          return new RawCase("malformed headers", new Parts(p.method(), p.target(), p.version(), all, p.body(), !ownLength).bytes(), ownLength, 1);
        });
    Arbitrary<RawCase> chunked = Combinators.combine(base, GatewayRequests.chunkedBodies())
        .as((p, chunks) -> {
          List<String> all = new ArrayList<>(p.headerLines());
          all.add("Transfer-Encoding: chunked");
          boolean complete = chunks.endsWith("0\r\n\r\n") && !chunks.startsWith("3\r\n");
          return new RawCase("chunked body", new Parts(p.method(), p.target(), p.version(), all, chunks.getBytes(StandardCharsets.ISO_8859_1), false).bytes(), !complete, 1);
        });
    Arbitrary<RawCase> truncated = base.filter(p -> p.body().length > 1)
        .map(p -> {
          byte[] whole = p.bytes();
          return new RawCase("body shorter than its Content-Length", java.util.Arrays.copyOf(whole, whole.length - 1), true, 1);
        });
    Arbitrary<RawCase> longer = base.filter(p -> p.body().length > 0)
        .map(p -> {
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          out.writeBytes(p.bytes());
          out.writeBytes("}}garbage after the body\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
          return new RawCase("bytes after the body", out.toByteArray(), false, 2);
        });
    Arbitrary<RawCase> garbage = Arbitraries.of(
            "GARBAGE\r\n\r\n", "GET\r\n\r\n", "GET /\r\n\r\n", "GET / HTTP/1.1 extra words\r\n\r\n", " / HTTP/1.1\r\n\r\n", "\r\nGET /comics HTTP/1.1\r\n\r\n",
            "\r\n\r\n\r\nGET /comics HTTP/1.1\r\nHost: x\r\n\r\n", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "\u0016\u0003\u0001\u0000\u00a5\u0001\u0000\u0000\u00a1\u0003\u0003\r\n\r\n",
            "GET /comics HTTP/1.1\nHost: x\n\n", "GET /comics HTTP/1.1\rHost: x\r\r", "\u0000\u0000\u0000\u0000\r\n\r\n", "GET /comics HTTP/1.1\r\n" + "X: y\r\n".repeat(10) + "\r\n",
            "GET /comics\tHTTP/1.1\r\n\r\n", "GET  /comics  HTTP/1.1\r\n\r\n")
        .map(text -> new RawCase("garbage", text.getBytes(StandardCharsets.ISO_8859_1), false, 1));
    Arbitrary<RawCase> randomBytes = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(200)
        .map(bytes -> {
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          out.writeBytes(bytes);
          out.writeBytes("\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
          return new RawCase("random bytes", out.toByteArray(), false, 1);
        });
    Arbitrary<RawCase> noHost = base.map(p -> new RawCase("HTTP/1.1 without Host",
        new Parts(p.method(), p.target(), "HTTP/1.1", p.headerLines().stream().filter(l -> !l.regionMatches(true, 0, "host:", 0, 5)).toList(),
            p.body(), true).bytes(), false, 1));
    Arbitrary<RawCase> incompleteHead = base.map(p -> {
      byte[] whole = p.bytes();
      String text = new String(whole, StandardCharsets.ISO_8859_1);
      return new RawCase("incomplete head", text.substring(0, text.indexOf("\r\n\r\n")).getBytes(StandardCharsets.ISO_8859_1), true, 1);
    });
    return Arbitraries.frequencyOf(
        Tuple.of(6, target), Tuple.of(2, method), Tuple.of(2, version), Tuple.of(5, headers), Tuple.of(2, chunked),
        Tuple.of(1, truncated), Tuple.of(1, longer), Tuple.of(2, garbage), Tuple.of(1, randomBytes), Tuple.of(1, incompleteHead),
        Tuple.of(1, noHost));
  }

  @Provide
  Arbitrary<RawCase> keepAlive() {
    // No HEAD: its answers have no body, and RawHttp tells them apart by the first request line only.
    Arbitrary<RawCase> one = Arbitraries.frequencyOf(Tuple.of(4, wellFormed()), Tuple.of(1, malformed().filter(c -> !c.mayGoUnanswered())))
        .filter(c -> !new String(c.bytes(), StandardCharsets.ISO_8859_1).startsWith("HEAD "));
    return one.list().ofMinSize(2).ofMaxSize(4).map(cases -> {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      StringBuilder kinds = new StringBuilder("keep-alive[");
      int requests = 0;
      for (RawCase c : cases) {
        out.writeBytes(c.bytes());
        kinds.append(c.kind()).append(";");
        requests += c.requests();
      }
      return new RawCase(kinds.append("]").toString(), out.toByteArray(), false, requests);
    });
  }

  @Provide
  Arbitrary<RawCase> staticFiles() {
    Arbitrary<String> paths = Arbitraries.oneOf(
        Arbitraries.of("/static/", "/static/index.html", "/static/comic-shelf.js", "/static/comic-shelf.css", "/static/missing.png",
            "/static/../pom.xml", "/static/%2e%2e/pom.xml", "/static/..%2f..%2fpom.xml", "/static/%00", "/static/index.html%00.js",
            "/static/%zz", "/static", "/static/.%2e/template.yaml", "/static/index.html/", "/static/%C3%28", "/static/a%2Fb",
            "/static/\u00ff", "/static/" + "a".repeat(300), "/static//etc/passwd", "/static/%2Fetc%2Fpasswd", "/static/..\\..\\pom.xml",
            "/static/index.html?x=%zz", "/static/index.html?%", "/static/%5C..%5Cpom.xml"),
        Arbitraries.strings().withChars("abc./%0123456789zZ\\").ofMaxLength(20).map(s -> "/static/" + s));
    return Combinators.combine(paths, Arbitraries.of("GET", "GET", "HEAD", "POST", "DELETE", "get"), Arbitraries.of(true, false))
        .as((path, method, close) -> new RawCase("static file",
            new Parts(method, path, "HTTP/1.1", close ? List.of("Host: localhost", "Connection: close") : List.of("Host: localhost"), new byte[0], false).bytes(),
            false, 1));
  }

  /** A syntactically valid request on {@code route} whose every part is fuzzed within the syntax. */
  private static Arbitrary<Parts> wellFormedParts(String route) {
    String method = route.substring(0, route.indexOf(' '));
    String routePath = route.substring(route.indexOf(' ') + 1);
    boolean hasBody = method.equals("POST") || method.equals("PUT");
    Arbitrary<String> target = Combinators.combine(
            GatewayRequests.segmentValues(realIds).list().ofMinSize(2).ofMaxSize(2),
            GatewayRequests.queryStrings(realCursors),
            Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.just("")), Tuple.of(1, Arbitraries.of("/", "//", "/.", "/%2F"))))
        .as((values, query, suffix) -> GatewayRequests.path(routePath, values) + suffix + query);
    Arbitrary<List<String>> headers = Combinators.combine(
            // Without edge cases, which would leave out the token far more often than one request in ten.
            GatewayRequests.authorizations().optional(0.9).withoutEdgeCases(),
            GatewayRequests.contentTypes().optional(hasBody ? 0.85 : 0.2),
            GatewayRequests.extraHeaders(),
            Arbitraries.of("Host: localhost", "Host: localhost", "Host: localhost", "host: LOCALHOST:3000", "HOST: 127.0.0.1", "Host: evil.example"),
            Arbitraries.of("Connection: close", "Connection: close", "", "Connection: keep-alive"))
        .as((auth, type, extra, host, connection) -> {
          List<String> lines = new ArrayList<>();
          if (!host.isEmpty()) {
            lines.add(host);
          }
          auth.ifPresent(a -> lines.add((a.length() % 3 == 0 ? "authorization: " : "Authorization: ") + a));
          type.ifPresent(t -> lines.add("Content-Type: " + t));
          lines.addAll(extra);
          if (!connection.isEmpty()) {
            lines.add(connection);
          }
          return lines;
        });
    Arbitrary<byte[]> body = hasBody
        ? GatewayRequests.bodies(route)
        : Arbitraries.frequencyOf(Tuple.of(9, Arbitraries.just(new byte[0])), Tuple.of(1, GatewayRequests.bodies(route)));
    return Combinators.combine(target, headers, body, Arbitraries.of("HTTP/1.1", "HTTP/1.1", "HTTP/1.1", "HTTP/1.0"), Arbitraries.of(true, true, true, false))
        .as((t, h, b, version, contentLength) -> {
          if (contentLength || b.length == 0) {
            return new Parts(method, t, version, h, b, true);
          }
          List<String> lines = new ArrayList<>(h);
          lines.add("Transfer-Encoding: chunked");
          ByteArrayOutputStream chunked = new ByteArrayOutputStream();
          chunked.writeBytes((Integer.toHexString(b.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
          chunked.writeBytes(b);
          chunked.writeBytes("\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
          return new Parts(method, t, "HTTP/1.1", lines, chunked.toByteArray(), false);
        });
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private static RawHttp.Exchange get(String target, String... headers) throws IOException {
    List<String> lines = new ArrayList<>(List.of("Host: localhost", "Connection: close"));
    lines.addAll(List.of(headers));
    return RawHttp.send(port, new Parts("GET", target, "HTTP/1.1", lines, new byte[0], false).bytes(), TIMEOUT);
  }

  private static RawHttp.Response only(RawHttp.Exchange exchange) {
    assertThat(exchange.problem()).isNull();
    assertThat(exchange.responses()).hasSize(1);
    return exchange.responses().get(0);
  }

  private static <K extends Comparable<K>> String sorted(Map<K, AtomicLong> counts) {
    return new TreeMap<>(counts).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().get()).collect(Collectors.joining(", "));
  }
}
