package com.comicshelf.functions.fuzz;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.comicshelf.common.Cursor;
import com.comicshelf.testing.SqlAdapter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** Generators for every part of a payload 2.0 event, as API Gateway hands it to a handler after the authorizer. */
final class FuzzRequests {
  private static final Pattern PATH_PARAMETER = Pattern.compile("\\{(\\w+)\\+?}");

  private FuzzRequests() {}

  /** A generated request; {@code toString} stays short enough for a failure report. */
  record FuzzEvent(
      String routeKey,
      String handlerOf,
      SqlAdapter adapter,
      long userId,
      String oauthToken,
      Map<String, String> pathParameters,
      Map<String, String> query,
      Map<String, String> headers,
      Body body) {

    APIGatewayV2HTTPEvent event() {
      return FuzzRequests.event(routeKey, userId, oauthToken, pathParameters, query, headers, body.text(), body.base64());
    }

    @Override
    public String toString() {
      return "FuzzEvent[" + routeKey + (routeKey != null && routeKey.equals(handlerOf) ? "" : " sent to the handler of " + handlerOf)
          + ", " + adapter + ", userId=" + userId + ", oauthToken=" + abbreviate(oauthToken)
          + ", path=" + abbreviate(pathParameters) + ", query=" + abbreviate(query) + ", headers=" + abbreviate(headers)
          + ", " + body + "]";
    }
  }

  /** A body as the event carries it: text, or base64 with {@code isBase64Encoded}. */
  record Body(String text, boolean base64) {
    static final Body NONE = new Body(null, false);

    static Body text(String text) {
      return new Body(text, false);
    }

    static Body bytes(byte[] bytes) {
      return new Body(Base64.getEncoder().encodeToString(bytes), true);
    }

    @Override
    public String toString() {
      return text == null ? "body=none" : "body=\"" + abbreviate(text) + "\"" + (base64 ? " (base64)" : "");
    }
  }

  static List<String> pathParameterNames(String routeKey) {
    List<String> names = new ArrayList<>();
    Matcher m = PATH_PARAMETER.matcher(routeKey);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  static APIGatewayV2HTTPEvent event(
      String routeKey,
      long userId,
      String oauthToken,
      Map<String, String> pathParameters,
      Map<String, String> query,
      Map<String, String> headers,
      String body,
      boolean base64) {
    String method = routeKey == null || routeKey.indexOf(' ') < 0 ? "GET" : routeKey.substring(0, routeKey.indexOf(' '));
    String path = routeKey == null || routeKey.indexOf(' ') < 0 ? "/" : routeKey.substring(routeKey.indexOf(' ') + 1);
    if (pathParameters != null) {
      for (var p : pathParameters.entrySet()) {
        path = path.replace("{" + p.getKey() + "}", String.valueOf(p.getValue()));
      }
    }
    Map<String, Object> lambda = new HashMap<>();
    lambda.put("userId", Long.toString(userId));
    if (oauthToken != null) {
      lambda.put("oauthToken", oauthToken);
    }
    return APIGatewayV2HTTPEvent.builder()
        .withVersion("2.0")
        .withRouteKey(routeKey)
        .withRawPath(path)
        .withHeaders(headers)
        .withQueryStringParameters(query)
        .withPathParameters(pathParameters)
        .withBody(body)
        .withIsBase64Encoded(base64)
        .withRequestContext(
            APIGatewayV2HTTPEvent.RequestContext.builder()
                .withRouteKey(routeKey)
                .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path).build())
                .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder().withLambda(lambda).build())
                .build())
        .build();
  }

  // ---- who ----------------------------------------------------------------------------------------

  /**
   * Mostly JDBC (about a hundred requests of the 10,500 go over the Data API adapter): a request through
   * the test Data API endpoint costs 20–400 ms against JDBC's 1–2 ms, and the fuzzing must fit in CI.
   * A run with most requests on the Data API found nothing more.
   */
  static Arbitrary<SqlAdapter> adapters() {
    return Arbitraries.frequency(Tuple.of(99, SqlAdapter.JDBC), Tuple.of(1, SqlAdapter.DATA_API)).withoutEdgeCases();
  }

  /** Users the authorizer can pass on: seeded ones, one the database has never seen, the largest id. */
  static Arbitrary<Long> userIds() {
    return Arbitraries.frequencyOf(
        Tuple.of(8, Arbitraries.just(FuzzWorld.READER)),
        Tuple.of(3, Arbitraries.just(FuzzWorld.FRIEND)),
        Tuple.of(2, Arbitraries.just(FuzzWorld.STRANGER)),
        Tuple.of(2, Arbitraries.just(FuzzWorld.NEWCOMER)),
        Tuple.of(1, Arbitraries.just(Long.MAX_VALUE)),
        Tuple.of(1, Arbitraries.longs().between(1, Long.MAX_VALUE)));
  }

  /** The Facebook token the authorizer passes on: the Graph stub's, someone else's, junk, or none. */
  static Arbitrary<String> oauthTokens() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.just(null)),
        Tuple.of(4, Arbitraries.of("token-1001", "token-1002", "token-1003", "token-1004", "token-1005")),
        Tuple.of(2, Arbitraries.of("", " ", "token-", "token-9", "&access_token=x", "tok%en", "ünï", "\u0000", "x".repeat(5000))),
        Tuple.of(1, Arbitraries.strings().ofMaxLength(40).filter(s -> !s.contains("Exception"))));
  }

  // ---- path -----------------------------------------------------------------------------------------

  static Arbitrary<String> pathValues(FuzzWorld world) {
    List<String> real = new ArrayList<>();
    world.comicIds.forEach(id -> real.add(Long.toString(id)));
    real.addAll(List.of(
        Long.toString(FuzzWorld.READER), Long.toString(FuzzWorld.FRIEND), Long.toString(FuzzWorld.STRANGER),
        Long.toString(FuzzWorld.NEWCOMER), Long.toString(FuzzWorld.PENDING_UPLOAD), Long.toString(FuzzWorld.PENDING_UPLOAD_WITHOUT_FILE)));
    return Arbitraries.frequencyOf(
        Tuple.of(8, Arbitraries.of(real)),
        Tuple.of(2, Arbitraries.longs().between(1, 999_999_999_999_999_999L).map(String::valueOf)),
        Tuple.of(6, Arbitraries.of(
            "0", "-1", "-0", "00", "01", "007", "9223372036854775807", "9223372036854775808", "18446744073709551615",
            "18446744073709551616", "999999999999999999", "1000000000000000000", "99999999999999999999999", "1e3", "1.0",
            "+1", " 1", "1 ", "0x1f", "١٢", "１", "Ⅻ", "abc", "", " ", "%", "%zz", "%2F", "%00", "%31", "..", "../1", "1/2",
            "1;x", "1?x=1", "1#f", "null", "undefined", "true", "[1]", "{}", "\u0000", "1\u0000", "😀", "1\n", "\t",
            "%E2%82%AC", "%C3%28", "%ED%A0%80", "\ud800", "{comicId}")),
        Tuple.of(2, Arbitraries.strings().withCharRange('\u0000', '\uffff').ofMaxLength(50).filter(FuzzRequests::clean)),
        Tuple.of(1, Arbitraries.strings().numeric().ofMinLength(19).ofMaxLength(5000)));
  }

  /** The route's path parameters; sometimes the map is missing, a parameter is, or there is an extra one. */
  static Arbitrary<Map<String, String>> pathParameters(String routeKey, FuzzWorld world, boolean wild) {
    List<String> names = pathParameterNames(routeKey);
    Arbitrary<String> values = wild ? pathValues(world) : pathValues(world).filter(v -> v.matches("[1-9][0-9]{0,17}"));
    Arbitrary<Map<String, String>> proper =
        values.list().ofSize(names.size()).map(list -> {
          Map<String, String> map = new LinkedHashMap<>();
          for (int i = 0; i < names.size(); i++) {
            map.put(names.get(i), list.get(i));
          }
          return map.isEmpty() ? null : map;
        });
    if (!wild) {
      return proper;
    }
    Arbitrary<Map<String, String>> odd =
        Combinators.combine(proper, Arbitraries.of("missing map", "empty map", "drop one", "extra", "renamed"), values)
            .as((map, how, value) -> {
              Map<String, String> copy = map == null ? new LinkedHashMap<>() : new LinkedHashMap<>(map);
              switch (how) {
                case "missing map" -> {
                  return null;
                }
                case "empty map" -> {
                  return new HashMap<>();
                }
                case "drop one" -> copy.keySet().stream().findFirst().ifPresent(copy::remove);
                case "extra" -> copy.put("proxy", value);
                default -> {
                  Map<String, String> renamed = new LinkedHashMap<>();
                  copy.forEach((k, v) -> renamed.put(k.toUpperCase(), v));
                  return renamed;
                }
              }
              return copy;
            });
    return Arbitraries.frequencyOf(Tuple.of(6, proper), Tuple.of(1, odd));
  }

  // ---- query ----------------------------------------------------------------------------------------

  static Arbitrary<String> limits() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.integers().between(1, 100).map(String::valueOf)),
        Tuple.of(3, Arbitraries.of(
            "0", "-1", "101", "100", "1", "2147483647", "2147483648", "-2147483648", "9999999999999", "", " ", "1 ", " 1",
            "+5", "-0", "05", "5.0", "5e1", "0x10", "five", "١٢", "１０", "5,6", "1,100", "null", "NaN", "%35", "5\u0000")),
        Tuple.of(1, Arbitraries.integers().map(String::valueOf)),
        Tuple.of(1, Arbitraries.strings().ofMaxLength(20).filter(FuzzRequests::clean)));
  }

  static Arbitrary<String> cursors(FuzzWorld world, String routeKey) {
    List<String> real = new ArrayList<>(world.realCursors.getOrDefault(routeKey, List.of()));
    world.realCursors.values().forEach(real::addAll);
    Arbitrary<String> someReal = Arbitraries.of(real);
    Arbitrary<String> mangled =
        Combinators.combine(someReal, Arbitraries.integers().between(0, 7), Arbitraries.integers().between(0, 1000))
            .as((c, how, at) -> {
              int i = at % Math.max(1, c.length());
              return switch (how) {
                case 0 -> c.substring(0, i);
                case 1 -> c + c.charAt(i);
                case 2 -> c.substring(0, i) + (char) (c.charAt(i) ^ 1) + c.substring(i + 1);
                case 3 -> c + "==";
                case 4 -> c.replace('-', '+').replace('_', '/');
                case 5 -> c.toUpperCase();
                case 6 -> c + "%00";
                default -> " " + c;
              };
            });
    Arbitrary<String> part =
        Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.longs().map(String::valueOf)),
            Tuple.of(2, Arbitraries.of(
                "0", "-1", "1", "999999999", "999000000", "123456789", "1000000000", "253402300799", "253402300800",
                "9223372036854775807", "9223372036854775808", "", " ", "x", "1.5", "Watchmen", "\u0000", "\u001f")),
            Tuple.of(1, Arbitraries.strings().ofMaxLength(30).filter(FuzzRequests::clean)));
    Arbitrary<String> crafted = part.list().ofMinSize(0).ofMaxSize(4).map(parts -> Cursor.encode(parts.toArray(String[]::new)));
    Arbitrary<String> favoriteLike =
        Combinators.combine(
                Arbitraries.longs().between(-5, 253_402_300_900L),
                Arbitraries.integers().between(-1, 1_000_000_000),
                Arbitraries.longs().between(-5, 10_000))
            .as((s, n, id) -> Cursor.encode(Long.toString(s), Integer.toString(n), Long.toString(id)));
    return Arbitraries.frequencyOf(
        Tuple.of(4, someReal),
        Tuple.of(3, mangled),
        Tuple.of(3, crafted),
        Tuple.of(3, favoriteLike),
        Tuple.of(1, Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/").ofMaxLength(80)),
        Tuple.of(1, Arbitraries.of("", " ", "=", "====", "!!!!", "%zz", "x".repeat(512), "QQ".repeat(256), "x".repeat(513), "😀", "\u0000")));
  }

  static Arbitrary<String> searches() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.of("", "watch", "WATCH", "man", "😀", "ünï", "100%", "%", "_", "\\", "\\%", "%_\\", "'", "\"", "a b")),
        Tuple.of(2, Arbitraries.strings().withCharRange('\u0000', '\uffff').ofMaxLength(110).filter(FuzzRequests::clean)),
        Tuple.of(1, Arbitraries.of("x".repeat(100), "x".repeat(101), " ".repeat(200), "😀".repeat(50), "😀".repeat(51), "\u0000".repeat(3), "x".repeat(5000))));
  }

  static Arbitrary<Map<String, String>> queries(FuzzWorld world, String routeKey) {
    Arbitrary<Optional<String>> limit = limits().optional(0.6);
    Arbitrary<Optional<String>> cursor = cursors(world, routeKey).optional(0.5);
    Arbitrary<Optional<String>> q = searches().optional(0.4);
    Arbitrary<Optional<String>> excludeMine =
        Arbitraries.of("true", "false", "TRUE", "True", "1", "0", "yes", "", " true", "true,false", "null").optional(0.4);
    Arbitrary<Map<String, String>> unknown =
        Arbitraries.maps(
                Arbitraries.of("LIMIT", "Limit", "cursor ", "offset", "page", "", "%", "a[b]", "q[]", "😀", "\u0000", "limit[]"),
                Arbitraries.strings().ofMaxLength(10).filter(FuzzRequests::clean))
            .ofMaxSize(3);
    return Combinators.combine(limit, cursor, q, excludeMine, unknown, Arbitraries.integers().between(0, 9))
        .as((l, c, s, e, extra, shape) -> {
          if (shape == 0) {
            return null;
          }
          if (shape == 1) {
            return new HashMap<>();
          }
          Map<String, String> map = new LinkedHashMap<>();
          if (shape >= 5) {
            map.putAll(extra);
          }
          l.ifPresent(v -> map.put("limit", v));
          c.ifPresent(v -> map.put("cursor", v));
          s.ifPresent(v -> map.put("q", v));
          e.ifPresent(v -> map.put("excludeMine", v));
          return map.isEmpty() && shape < 3 ? null : map;
        });
  }

  // ---- headers --------------------------------------------------------------------------------------

  static Arbitrary<String> contentTypes() {
    return Arbitraries.of(
        "application/json", "application/json", "application/json; charset=utf-8", "APPLICATION/JSON", "Application/Json;Charset=UTF-8",
        "application/json;charset=latin1", "application/json; charset=\"utf-8\"", "application/json-patch+json", "application/jsonx",
        "application/problem+json", "application/vnd.api+json", "text/json", "text/plain", "text/html; charset=utf-8",
        "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/octet-stream", "image/png", "",
        " ", " application/json", "application/json ", "*/*", "application/*", ";", "json", "\u0000", "ünï/cødé",
        "application/json; " + "x".repeat(10_000));
  }

  /** Header maps: content types, names in odd case, the same name twice in different case, huge values, none at all. */
  static Arbitrary<Map<String, String>> headers(boolean hasBody) {
    Arbitrary<String> names =
        Arbitraries.of("content-type", "Content-Type", "CONTENT-TYPE", "content-length", "authorization", "accept",
            "x-forwarded-for", "cookie", "host", "user-agent", "accept-encoding", "content-encoding", "x-amzn-trace-id",
            "", " ", "x", "x-" + "a".repeat(300), "😀", "content-type ", "\u0000");
    Arbitrary<String> values =
        Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.strings().ofMaxLength(30).filter(FuzzRequests::clean)),
            Tuple.of(2, contentTypes()),
            Tuple.of(1, Arbitraries.of("", " ", "gzip", "br", "Bearer x", "12", "-1", "99999999999", "x".repeat(20_000), "\u0000", "a,b")));
    Arbitrary<Map<String, String>> extra = Arbitraries.maps(names, values).ofMaxSize(4);
    return Combinators.combine(contentTypes().optional(hasBody ? 0.85 : 0.3), extra, Arbitraries.integers().between(0, 9))
        .as((type, more, shape) -> {
          if (shape == 0) {
            return null;
          }
          Map<String, String> map = new LinkedHashMap<>();
          type.ifPresent(t -> map.put(shape == 1 ? "Content-Type" : "content-type", t));
          if (shape >= 6) {
            more.forEach(map::putIfAbsent);
          }
          return map;
        });
  }

  // ---- bodies ---------------------------------------------------------------------------------------

  /** Good values for each member of a route's body, keyed by member name; empty for routes without a body. */
  static Map<String, Arbitrary<String>> goodMembers(String routeKey, FuzzWorld world) {
    Arbitrary<String> ids = Arbitraries.of(world.comicIds).map(String::valueOf);
    return switch (routeKey) {
      case "POST /comics" -> Map.of(
          "title", Arbitraries.oneOf(
              Arbitraries.strings().alpha().numeric().withChars(" :'!-").ofMinLength(1).ofMaxLength(60).map(FuzzJson::quote),
              Arbitraries.of("Watchmen", "Maus", "  Saga  ", "😀".repeat(200), "😀".repeat(201), "x".repeat(200), "x".repeat(201), "", "   ", "\u0000")
                  .map(FuzzJson::quote)),
          "publisher", Arbitraries.oneOf(
              Arbitraries.of("DC Comics", "Pantheon", "Image", "Vertigo", "x".repeat(100), "x".repeat(101), "", "\t").map(FuzzJson::quote),
              Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(20).map(FuzzJson::quote)),
          "year", Arbitraries.oneOf(
              Arbitraries.integers().between(1790, 2030).map(String::valueOf),
              Arbitraries.of("1987", "1991", "2012", "1800", "1799", "2027", "2028", "0", "-1", "1987.0", "1.987e3", "2147483648")));
      case "PUT /me/favorites/{comicId}" -> Map.of(
          "note", Arbitraries.oneOf(
              Arbitraries.strings().alpha().numeric().whitespace().ofMaxLength(80).map(FuzzJson::quote),
              Arbitraries.of("", "   ", "null", "x".repeat(500), "x".repeat(501), "😀".repeat(500), "😀".repeat(501), " ".repeat(600))
                  .map(s -> s.equals("null") ? s : FuzzJson.quote(s))));
      case "POST /me/uploads" -> Map.of(
          "contentType", Arbitraries.of(
                  "image/png", "image/jpeg", "image/gif", "image/webp", "IMAGE/PNG", "image/png; charset=binary", "image/svg+xml",
                  "text/html", "image/", "", " ", "image/png\u0000", "application/octet-stream")
              .map(FuzzJson::quote),
          "contentLength", Arbitraries.oneOf(
              Arbitraries.longs().between(1, 6_000_000).map(String::valueOf),
              Arbitraries.of("0", "-1", "5242880", "5242881", "9223372036854775807", "9223372036854775808", "1.5", "1e3")),
          "comicId", Arbitraries.oneOf(ids, Arbitraries.of("0", "-1", "999999", "9223372036854775807", "9223372036854775808", "1.0")));
      default -> Map.of();
    };
  }

  /** Invalid UTF-8 sequences: stray continuation bytes, truncated and overlong forms, surrogates, beyond U+10FFFF. */
  static Arbitrary<byte[]> invalidUtf8() {
    return Arbitraries.of(
        new byte[] {(byte) 0x80}, new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xFE, (byte) 0xFF},
        new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
        new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
        new byte[] {(byte) 0xF0, (byte) 0x9F}, new byte[] {(byte) 0xE2, (byte) 0x82}, new byte[] {0x00});
  }

  static Arbitrary<Body> bodies(String routeKey, FuzzWorld world) {
    Map<String, Arbitrary<String>> good = goodMembers(routeKey, world);
    Arbitrary<String> shaped = FuzzJson.shaped(good);
    Arbitrary<String> anyJson = FuzzJson.values(3);
    Arbitrary<String> text =
        Arbitraries.frequencyOf(
            Tuple.of(good.isEmpty() ? 2 : 12, shaped),
            Tuple.of(4, anyJson),
            Tuple.of(2, FuzzJson.deeplyNested()),
            Tuple.of(3, FuzzJson.damaged(shaped)),
            Tuple.of(2, FuzzJson.invalidTokens()),
            Tuple.of(1, Arbitraries.of("", " ", "\n", "\ufeff", "{}", "[]", "null", "\"\"", "0")),
            Tuple.of(1, Arbitraries.integers().between(16_300, 17_000).map(n -> "{\"note\":\"" + "x".repeat(n) + "\"}")),
            Tuple.of(1, Arbitraries.integers().between(16_380, 16_390).map(n -> " ".repeat(n) + "{}")),
            Tuple.of(1, Arbitraries.integers().between(5_000, 6_000).map(n -> "{\"note\":\"" + "€".repeat(n) + "\"}")));
    Arbitrary<Body> plain = text.map(Body::text);
    Arbitrary<Body> base64 = text.map(t -> Body.bytes(t.getBytes(StandardCharsets.UTF_8)));
    Arbitrary<Body> badUtf8 =
        Combinators.combine(shaped, invalidUtf8(), Arbitraries.integers().between(0, 1000))
            .as((doc, bad, at) -> {
              byte[] bytes = doc.getBytes(StandardCharsets.UTF_8);
              int i = at % (bytes.length + 1);
              // Inside a string value when there is one, else anywhere.
              int quote = doc.indexOf(":\"");
              if (quote >= 0 && at % 2 == 0) {
                i = doc.substring(0, quote + 2).getBytes(StandardCharsets.UTF_8).length;
              }
              ByteArrayOutputStream out = new ByteArrayOutputStream();
              out.write(bytes, 0, i);
              out.writeBytes(bad);
              out.write(bytes, i, bytes.length - i);
              return Body.bytes(out.toByteArray());
            });
    Arbitrary<Body> notBase64 =
        Arbitraries.of("not base64!", "====", "YQ", "YQ=", "Y", "e30", "e30=\n", "%%%", "{\"note\":\"x\"}", "😀")
            .map(s -> new Body(s, true));
    return Arbitraries.frequencyOf(
        Tuple.of(2, Arbitraries.just(Body.NONE)),
        Tuple.of(12, plain),
        Tuple.of(3, base64),
        Tuple.of(3, badUtf8),
        Tuple.of(1, notBase64));
  }

  /** Route keys no handler serves, for the handler of a real route. */
  static Arbitrary<String> strayRouteKeys() {
    return Arbitraries.oneOf(Arbitraries.just((String) null), Arbitraries.of(
        "", "GET", "GET /", "GET /nowhere", "get /comics", "GET /comics/", "GET  /comics", "GET /comics ",
        "PATCH /comics", "ANY /comics", "$default", "GET /comics/{id}", "GET /COMICS", "\u0000"));
  }

  /** Random text must not spell what the oracle looks for in leaked stack traces. */
  static boolean clean(String s) {
    return !s.contains("Exception") && !s.contains("java.") && !s.contains("com.") && !s.contains(".java");
  }

  static String abbreviate(Object value) {
    String text = String.valueOf(value);
    return text.length() <= 120 ? text : text.substring(0, 120) + "…(" + text.length() + " chars)";
  }
}
