package com.comicshelf.local.fuzz;

import com.comicshelf.auth.SignedRequestVerifier;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Raw HTTP/1.1 requests for the local gateway, as bytes: well-formed ones on every route of {@code
 * template.yaml} with fuzzed paths, percent-encodings, query strings, tokens, headers and bodies; and
 * malformed ones (request lines, encodings, lengths, chunking, header syntax) that only a raw socket
 * can send.
 */
final class GatewayRequests {
  /** The local gateway's development secret (LocalSettings.DEV_SECRET), which its authorizer trusts. */
  static final String DEV_SECRET = "comic-shelf-local-dev-secret";
  static final long DEMO_READER = 1_000_000_001L;
  static final long DEMO_FRIEND = 1_000_000_002L;

  private GatewayRequests() {}

  /** One generated case: the bytes sent, and whether the server may close without answering. */
  record RawCase(String kind, byte[] bytes, boolean mayGoUnanswered, int requests) {
    @Override
    public String toString() {
      return kind + (mayGoUnanswered ? " (may go unanswered)" : "") + ": " + printable(bytes);
    }
  }

  /** A request under construction: every part can be replaced by something odd. */
  record Parts(String method, String target, String version, List<String> headerLines, byte[] body, boolean contentLength) {
    byte[] bytes() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes(latin1(method + " " + target + (version.isEmpty() ? "" : " " + version) + "\r\n"));
      for (String line : headerLines) {
        out.writeBytes(latin1(line + "\r\n"));
      }
      if (contentLength && body.length > 0) {
        out.writeBytes(latin1("Content-Length: " + body.length + "\r\n"));
      }
      out.writeBytes(latin1("\r\n"));
      out.writeBytes(body);
      return out.toByteArray();
    }
  }

  static byte[] latin1(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  static String utf8AsLatin1(String text) {
    return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
  }

  // ---- routes and tokens ----------------------------------------------------------------------------

  /** Every HttpApi route of the template, as "METHOD /path". */
  static List<String> routes(Path template) {
    JsonNode resources;
    try {
      resources = new ObjectMapper(new YAMLFactory()).readTree(template.toFile()).path("Resources");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> routes = new ArrayList<>();
    resources.properties().forEach(resource ->
        resource.getValue().path("Properties").path("Events").properties().forEach(event -> {
          if (event.getValue().path("Type").asText().equals("HttpApi")) {
            JsonNode p = event.getValue().path("Properties");
            routes.add(p.path("Method").asText() + " " + p.path("Path").asText());
          }
        }));
    return routes;
  }

  static String token(long userId) {
    return new SignedRequestVerifier(DEV_SECRET, Duration.ofHours(1), Clock.systemUTC())
        .sign(userId, Instant.now(), "local-" + userId);
  }

  static Arbitrary<String> authorizations() {
    SignedRequestVerifier dev = new SignedRequestVerifier(DEV_SECRET, Duration.ofHours(1), Clock.systemUTC());
    String reader = token(DEMO_READER);
    String friend = token(DEMO_FRIEND);
    String stranger = token(42);
    String largest = token(Long.MAX_VALUE);
    String forged = new SignedRequestVerifier("not-the-secret", Duration.ofHours(1), Clock.systemUTC()).sign(DEMO_READER, Instant.now(), null);
    String expired = dev.sign(DEMO_READER, Instant.now().minus(Duration.ofDays(3)), null);
    String future = dev.sign(DEMO_READER, Instant.now().plus(Duration.ofDays(3)), null);
    String zeroUser = dev.signPayload("{\"algorithm\":\"HMAC-SHA256\",\"issued_at\":" + Instant.now().getEpochSecond() + ",\"user_id\":\"0\"}");
    String negativeUser = dev.signPayload("{\"algorithm\":\"HMAC-SHA256\",\"issued_at\":" + Instant.now().getEpochSecond() + ",\"user_id\":-5}");
    String hugeUser = dev.signPayload("{\"algorithm\":\"HMAC-SHA256\",\"issued_at\":" + Instant.now().getEpochSecond() + ",\"user_id\":\"9223372036854775808\"}");
    String oddOauth = dev.signPayload("{\"algorithm\":\"HMAC-SHA256\",\"issued_at\":" + Instant.now().getEpochSecond()
        + ",\"user_id\":\"" + DEMO_READER + "\",\"oauth_token\":\"&x=%zz\\u0000😀\"}");
    return Arbitraries.frequencyOf(
        Tuple.of(14, Arbitraries.of(reader, reader, friend, stranger, largest, oddOauth).map(t -> "Bearer " + t)),
        Tuple.of(2, Arbitraries.of(forged, expired, future, zeroUser, negativeUser, hugeUser).map(t -> "Bearer " + t)),
        Tuple.of(1, Arbitraries.of(
            "Bearer", "Bearer ", "Bearer  " + reader, "bearer " + reader, "BEARER " + reader, "Basic dXNlcjpwYXNz", reader,
            "Bearer " + reader + "x", "Bearer " + reader + "." + reader, "Bearer " + reader.replace('.', '!'), "Bearer .",
            "Bearer a.b", "Bearer " + "A".repeat(9000) + ".e30", "Bearer " + reader + ", Bearer " + friend, "Bearer %zz.%zz",
            "Bearer " + utf8AsLatin1("😀.😀"))));
  }

  // ---- paths and queries ----------------------------------------------------------------------------

  /** Path segment values in valid URI syntax (every '%' starts a proper escape), whatever they decode to. */
  static Arbitrary<String> segmentValues(List<String> realIds) {
    return Arbitraries.frequencyOf(
        Tuple.of(8, Arbitraries.of(realIds)),
        Tuple.of(2, Arbitraries.longs().between(1, 999_999_999_999_999_999L).map(String::valueOf)),
        Tuple.of(8, Arbitraries.of(
            "0", "-1", "00", "01", "9223372036854775807", "9223372036854775808", "99999999999999999999999", "abc", "1.0",
            "%31", "%31%32", "%2F", "%2f", "1%2F2", "%00", "1%00", "%25", "%25zz", "%C3%28", "%E2%82%AC", "%F0%9F%98%80",
            "%ED%A0%80", "%C0%AF", "%FF", "%EF%BC%91", "..", ".", "%2e%2e", "a;b", "1%3Bx", "+", "1+1", "%20", "%0D%0A", "%7BcomicId%7D",
            "1?", "%3F", "%23", "~", "!$&'()*,=:@", "%D9%A1%D9%A2")),
        Tuple.of(1, Arbitraries.strings().withChars("0123456789abcdefzABCDEF-._~!$&'()*+,;=:@").ofMaxLength(30)),
        Tuple.of(1, Arbitraries.integers().between(1, 3).map(n -> "9".repeat(n * 1000))));
  }

  /** Query strings in valid URI syntax, with every parameter the routes read, odd values, and repeats. */
  static Arbitrary<String> queryStrings(List<String> realCursors) {
    Arbitrary<String> pair =
        Arbitraries.frequencyOf(
            Tuple.of(4, Arbitraries.integers().between(-2, 102).map(n -> "limit=" + n)),
            Tuple.of(2, Arbitraries.of(
                "limit=", "limit", "limit=%35", "limit=5%00", "limit=1%2C2", "limit=+5", "limit=%2B5", "limit=5.0",
                "limit=%D9%A1%D9%A2", "limit=99999999999", "limit=%EF%BC%95")),
            Tuple.of(3, Arbitraries.of(realCursors).map(c -> "cursor=" + c)),
            Tuple.of(2, Arbitraries.of(
                "cursor=", "cursor=%25zz", "cursor=MB8xHzA", "cursor=" + "Q".repeat(600), "cursor=%00", "cursor=a+b", "cursor==",
                "cursor=%F0%9F%98%80")),
            Tuple.of(3, Arbitraries.of(
                "q=watch", "q=WATCH", "q=%25", "q=_", "q=%5C", "q=a+b", "q=a%20b", "q=%E2%82%AC", "q=%C3%28", "q=%C3%BC",
                "q=" + "x".repeat(101), "q=%00", "q=%0A", "q=", "q")),
            Tuple.of(2, Arbitraries.of(
                "excludeMine=true", "excludeMine=false", "excludeMine=TRUE", "excludeMine=1", "excludeMine=", "excludeMine=true&excludeMine=false")),
            Tuple.of(1, Arbitraries.of("", "=", "&", "==", "%25=%25", "a=b=c", "%00=%00", "foo%5B%5D=1", "limit%5B0%5D=1", "?", "a=?")));
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.just("")),
        Tuple.of(6, pair.list().ofMinSize(1).ofMaxSize(4).map(pairs -> "?" + String.join("&", pairs))),
        Tuple.of(1, Arbitraries.of("?", "??", "?&&&", "?" + "a=1&".repeat(2000), "?q=" + "%41".repeat(3000))));
  }

  /** A route's path with each {@code {name}} replaced by {@code values} (already encoded). */
  static String path(String routePath, List<String> values) {
    String path = routePath;
    int i = 0;
    while (path.contains("{")) {
      int open = path.indexOf('{');
      int close = path.indexOf('}', open);
      path = path.substring(0, open) + values.get(i++ % values.size()) + path.substring(close + 1);
    }
    return path;
  }

  // ---- bodies and headers ---------------------------------------------------------------------------

  static String quote(String raw) {
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(raw)) + "\"";
  }

  static Arbitrary<byte[]> bodies(String route) {
    Arbitrary<String> scalar =
        Arbitraries.of("null", "true", "1", "-0", "1e308", "1e400", "9223372036854775808", "\"\"", "\"x\"", "[]", "{}", "\"\\ud800\"", "1.5");
    Arbitrary<String> shaped =
        switch (route) {
          case "POST /comics" -> Combinators.combine(
                  Arbitraries.strings().alpha().ofMinLength(0).ofMaxLength(30).map(GatewayRequests::quote).injectDuplicates(0.1),
                  Arbitraries.of("\"DC\"", "\"\"", "null", "7"),
                  Arbitraries.oneOf(Arbitraries.integers().between(1790, 2030).map(String::valueOf), scalar))
              .as((t, p, y) -> "{\"title\":" + t + ",\"publisher\":" + p + ",\"year\":" + y + "}");
          case "PUT /me/favorites/{comicId}" -> Arbitraries.oneOf(
              Arbitraries.strings().alpha().whitespace().ofMaxLength(40).map(n -> "{\"note\":" + quote(n) + "}"),
              scalar.map(v -> "{\"note\":" + v + "}"),
              Arbitraries.just("{\"note\":\"a\",\"note\":\"b\"}"));
          case "POST /me/uploads" -> Combinators.combine(
                  Arbitraries.of("\"image/png\"", "\"image/jpeg\"", "\"text/html\"", "\"\"", "null", "5"),
                  Arbitraries.oneOf(Arbitraries.longs().between(1, 6_000_000).map(String::valueOf), scalar),
                  Arbitraries.oneOf(Arbitraries.integers().between(1, 35).map(String::valueOf), scalar))
              .as((type, length, comic) -> "{\"contentType\":" + type + ",\"contentLength\":" + length + ",\"comicId\":" + comic + "}");
          default -> Arbitraries.of("{}", "{\"x\":1}", "[]");
        };
    Arbitrary<String> text =
        Arbitraries.frequencyOf(
            Tuple.of(8, shaped),
            Tuple.of(2, scalar),
            Tuple.of(1, Arbitraries.integers().between(1, 5000).map(n -> "[".repeat(n) + "]".repeat(n))),
            Tuple.of(1, Arbitraries.of("{", "{\"a\":1}x", "\ufeff{}", "{'a':1}", "NaN", "{\"note\":\"" + "x".repeat(17_000) + "\"}")));
    Arbitrary<byte[]> utf8 = text.map(t -> t.getBytes(StandardCharsets.UTF_8));
    Arbitrary<byte[]> invalidUtf8 =
        Combinators.combine(shaped, Arbitraries.of(new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {0}))
            .as((doc, bad) -> {
              int at = doc.indexOf(":\"") >= 0 ? doc.indexOf(":\"") + 2 : 0;
              ByteArrayOutputStream out = new ByteArrayOutputStream();
              out.writeBytes(doc.substring(0, at).getBytes(StandardCharsets.UTF_8));
              out.writeBytes(bad);
              out.writeBytes(doc.substring(at).getBytes(StandardCharsets.UTF_8));
              return out.toByteArray();
            });
    return Arbitraries.frequencyOf(
        Tuple.of(2, Arbitraries.just(new byte[0])),
        Tuple.of(10, utf8),
        Tuple.of(2, invalidUtf8));
  }

  static Arbitrary<String> contentTypes() {
    return Arbitraries.of(
        "application/json", "application/json", "application/json; charset=utf-8", "APPLICATION/JSON", "application/json;charset=latin1",
        "text/plain", "application/octet-stream", "image/png", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
        "", "*/*", "application/json; " + "x".repeat(5000), utf8AsLatin1("ünï/cødé"));
  }

  /** Harmless and odd extra header lines that a well-formed request may carry. */
  static Arbitrary<List<String>> extraHeaders() {
    return Arbitraries.of(
            "Accept: application/json", "Accept: */*", "User-Agent: fuzz", "User-Agent: " + utf8AsLatin1("😀"), "X-Forwarded-For: junk",
            "Cookie: a=b; c", "Cookie: ;;;", "X-Empty:", "X-Spaces:    ", "x-MiXeD-CaSe: v", "X-Long: " + "v".repeat(20_000),
            "Accept-Encoding: gzip", "Content-Encoding: gzip", "Origin: https://evil.example", "X-Amzn-Trace-Id: Root=1",
            "X-Tab: a\tb", "X-Latin: \u00ff\u00fe", "X-Comma: a,b", "Connection: keep-alive", "Expect: 100-continue")
        .list()
        .ofMaxSize(3);
  }

  // ---- malformed ------------------------------------------------------------------------------------

  /** Request lines, targets and versions a client should never send. */
  static Arbitrary<String> malformedTargets() {
    return Arbitraries.of(
        "/comics/%zz", "/comics/%", "/comics/%2", "/comics/%G1", "/comics?q=%zz", "/comics?q=%", "/me/favorites/%zz%zz",
        "/comics/a b", "/comics/a|b", "/comics/{1}", "/comics/a\"b", "/comics/a\\b", "/comics/a^b", "/comics/a`b", "/comics/a<b>",
        "/comics/\u0000", "/comics/1\u0000", "/comics?q=\u0000", "/comics/\u007f", "/comics/\u0001", "/comics/\u00ff",
        "/comics/" + utf8AsLatin1("😀"), "*", "comics", "", "//comics", "/./comics", "/../comics", "/comics/../comics", "/comics/..",
        "/%2e%2e/comics", "/..%2fcomics", "http://localhost/comics", "http://evil.example/comics", "https://localhost:1/me/favorites",
        "http:/comics", "//evil.example/comics", "/comics#fragment", "/comics?#", "/comics?q=a#b", "/static/../pom.xml",
        "/static/%2e%2e/pom.xml", "/static/..%2f..%2fpom.xml", "/static/%00", "/static/index.html%00.js", "/static/%zz",
        "/static/", "/static", "/static/../../../../etc/passwd", "/static/.%2e/template.yaml", "/static/index.html/",
        "/static/" + "a".repeat(300), "/static/%C3%28", "/static/a%2Fb", "/static/con", "/static/\u00ff",
        "/" + "a".repeat(9_000), "/comics/" + "1".repeat(70_000), "/comics?q=" + "x".repeat(100_000),
        "/comics/%u0031", "/comics/1%", "/comics/1%2", "/comics?limit=%zz", "/comics?q=%", "/comics?cursor=%zz", "/comics?%zz=1",
        "/comics?x=%", "/comics?q=" + utf8AsLatin1("ü"), "/comics?limit=" + utf8AsLatin1("١٢"), "/comics/1	", "/comics?q=a b",
        "/me/favorites/" + utf8AsLatin1("é") + "?x=1", "/users/1/favorites#x", "/me/uploads/1/complete%");
  }

  static Arbitrary<String> oddMethods() {
    return Arbitraries.of(
        "get", "Get", "PATCH", "OPTIONS", "HEAD", "TRACE", "CONNECT", "FOO", "PROPFIND", "G\u0000ET", "GET\u0000", "", "M".repeat(5000),
        utf8AsLatin1("GÉT"), "GET /comics HTTP/1.1\r\nX:", "POST\t");
  }

  static Arbitrary<String> oddVersions() {
    return Arbitraries.of(
        "HTTP/1.1", "HTTP/1.0", "HTTP/2", "HTTP/2.0", "HTTP/0.9", "HTTP/9.9", "http/1.1", "HTTP/1.1 extra", "", "HTTP/1.1\u0000",
        "HTTP/", "HTTPS/1.1", "HTTP/1.10", "HTTP/1.1 ", " HTTP/1.1");
  }

  /** Header lines that break the header syntax or its limits. */
  static Arbitrary<List<String>> malformedHeaderLines() {
    return Arbitraries.of(
            List.of("badheader"), List.of("Bad Header: x"), List.of("X(y): z"), List.of(": empty name"), List.of(" leading: space"),
            List.of("X-Folded: a", " continued"), List.of("X-Nul: a\u0000b"), List.of("X\u0000: v"), List.of("X-Bytes: \u00ff\u0080"),
            List.of("X-CR: a\rb"), List.of("X-Huge: " + "h".repeat(200_000)), manyHeaders(300), manyHeaders(5000),
            List.of("Content-Length: abc"), List.of("Content-Length: -1"), List.of("Content-Length: 1.5"), List.of("Content-Length: 0x10"),
            List.of("Content-Length: 99999999999999999999"), List.of("Content-Length: 5", "Content-Length: 6"),
            List.of("Content-Length: 2", "Content-Length: 2"), List.of("Content-Length: +2"), List.of("Content-Length:  2 "),
            List.of("Transfer-Encoding: gzip"), List.of("Transfer-Encoding: chunked, gzip"), List.of("Transfer-Encoding: identity"),
            List.of("Transfer-Encoding: chunked", "Content-Length: 2"), List.of("Transfer-Encoding: xchunked"),
            List.of("Transfer-Encoding: chunked", "Transfer-Encoding: chunked"), List.of("Expect: 100-continue"),
            List.of("Expect: something-else"), List.of("Host: a", "Host: b"), List.of("Host:"), List.of("Host: " + "h".repeat(5000)),
            List.of("Connection: close, close"), List.of("Connection: Upgrade", "Upgrade: websocket"), List.of("Upgrade: h2c"),
            List.of("Content-Type: application/json", "Content-Type: text/plain"), List.of("Authorization:"));
  }

  private static List<String> manyHeaders(int n) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      lines.add("X-H" + i + ": " + i);
    }
    return lines;
  }

  /** Chunked bodies, well-formed and not. */
  static Arbitrary<String> chunkedBodies() {
    return Arbitraries.of(
        "2\r\n{}\r\n0\r\n\r\n", "0\r\n\r\n", "1\r\n{\r\n1\r\n}\r\n0\r\n\r\n", "zz\r\n{}\r\n0\r\n\r\n", "2\r\n{}\r\n", "-1\r\n{}\r\n0\r\n\r\n",
        "2;ext=1\r\n{}\r\n0\r\n\r\n", "2\r\n{}0\r\n\r\n", "FFFFFFFFFFFFFFFF\r\n{}\r\n0\r\n\r\n", "2\r\n{}\r\n0\r\nTrailer: x\r\n\r\n",
        "\r\n\r\n", "2\n{}\n0\n\n", "3\r\n{}\r\n0\r\n\r\n");
  }

  static String printable(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < bytes.length && out.length() < 600; i++) {
      int b = bytes[i] & 0xff;
      if (b == '\r') {
        out.append("\\r");
      } else if (b == '\n') {
        out.append("\\n");
      } else if (b < 0x20 || b >= 0x7f) {
        out.append(String.format("\\x%02x", b));
      } else {
        out.append((char) b);
      }
    }
    if (out.length() >= 600) {
      out.append("…(").append(bytes.length).append(" bytes)");
    }
    return out.toString();
  }
}
