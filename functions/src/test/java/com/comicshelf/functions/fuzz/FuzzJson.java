package com.comicshelf.functions.fuzz;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * JSON text, valid and not, for request bodies: every JSON type at every position, numbers at the
 * edges of every Java type, strings with every kind of character, deep and wide nesting, duplicate
 * keys, and documents with something wrong around them.
 */
final class FuzzJson {
  private FuzzJson() {}

  /** Numbers as JSON writes them, at the edges of int, long and double, and a few only lenient parsers take. */
  static Arbitrary<String> numbers() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            "0", "-0", "1", "-1", "0.0", "-0.0", "1.5", "1e2", "1E+2", "1e-2", "1e308", "-1e308", "1e309", "1e400",
            "4.9e-324", "2e-400", "2147483647", "2147483648", "-2147483648", "-2147483649", "9223372036854775807",
            "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "18446744073709551616",
            "123456789012345678901234567890123456789012345678901234567890", "1800", "1799", "2026", "2027", "2028",
            "5242880", "5242881", "1." + "0".repeat(200), "0." + "0".repeat(900) + "1", "1" + "0".repeat(1200)),
        Arbitraries.integers().map(String::valueOf),
        Arbitraries.longs().map(String::valueOf),
        Arbitraries.doubles().map(d -> Double.isFinite(d) ? String.valueOf(d) : "0"),
        Arbitraries.bigDecimals().map(Object::toString));
  }

  /** Tokens no strict JSON parser accepts as values. */
  static Arbitrary<String> invalidTokens() {
    return Arbitraries.of(
        "NaN", "-NaN", "Infinity", "-Infinity", "+1", "01", ".5", "5.", "1e", "0x10", "'single'", "undefined", "True",
        "NULL", "nul", "tru", "\"unterminated", "\"bad escape \\x41\"", "\"\\u12\"", "\"tab\tinside\"",
        "\"newline\ninside\"", "//comment\n1", "/* c */ 1", "[1,]", "{\"a\":1,}", "[,1]", "{,}", "{\"a\"}",
        "{\"a\" 1}", "{a:1}", "{'a':1}", "[1 2]", "}", "]", ":", ",", "\u0000", "\u00a0\"x\"");
  }

  /** JSON strings with unicode, escapes, control characters, lone surrogates, and huge ones. */
  static Arbitrary<String> strings() {
    Arbitrary<String> text =
        Arbitraries.strings()
            .withCharRange('\u0000', '\uffff')
            .ofMaxLength(60)
            .filter(FuzzJson::readable);
    return Arbitraries.oneOf(
        text.map(FuzzJson::quote),
        Arbitraries.strings().alpha().numeric().whitespace().ofMaxLength(600).map(FuzzJson::quote),
        Arbitraries.of(
            "\"\"", "\" \"", "\"\\u0000\"", "\"\\ud800\"", "\"\\udc00\\ud800\"", "\"\\ud83d\\ude00\"", "\"😀\"",
            "\"\\\"\"", "\"\\\\\"", "\"\\/\"", "\"\\b\\f\\n\\r\\t\"", "\"NaN\"", "\"Infinity\"", "\"-0\"", "\"1e308\"",
            "\"true\"", "\"null\"", "\"12\"", "\"image/png\"", "\"IMAGE/PNG\"", "\"image/png; charset=binary\"",
            "\"image/svg+xml\"", "\"text/html\"", "\"%s%n%x\"", "\"'; DROP TABLE comics; --\"",
            "\"\\u202e\\u200b\\ufeff\"", "\"\u0130\u0131\u00df\u01c5\""),
        Arbitraries.integers().between(1, 30_000).map(n -> quote("x".repeat(n))),
        Arbitraries.integers().between(1, 3_000).map(n -> quote("😀".repeat(n))));
  }

  /** Random strings must not spell the class names the oracle looks for in leaked stack traces. */
  private static boolean readable(String s) {
    return !s.contains("java.") && !s.contains("Exception") && !s.contains("com.");
  }

  static String quote(String raw) {
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(raw)) + "\"";
  }

  static Arbitrary<String> scalars() {
    return Arbitraries.frequencyOf(
        Tuple.of(2, Arbitraries.of("null", "true", "false")),
        Tuple.of(4, numbers()),
        Tuple.of(4, strings()));
  }

  /** Any JSON value, nested up to {@code depth} levels, with random member names. */
  static Arbitrary<String> values(int depth) {
    if (depth <= 0) {
      return scalars();
    }
    Arbitrary<String> inner = Arbitraries.lazy(() -> values(depth - 1));
    Arbitrary<String> array = inner.list().ofMaxSize(5).map(items -> "[" + String.join(",", items) + "]");
    Arbitrary<String> object =
        Combinators.combine(memberNames(List.of()), inner)
            .as((name, value) -> quote(name) + ":" + value)
            .list()
            .ofMaxSize(5)
            .map(members -> "{" + String.join(",", members) + "}");
    return Arbitraries.frequencyOf(Tuple.of(5, scalars()), Tuple.of(2, array), Tuple.of(2, object));
  }

  /** Member names: the shape's own (any case), and others. */
  static Arbitrary<String> memberNames(List<String> known) {
    List<Arbitrary<String>> choices = new ArrayList<>();
    choices.add(Arbitraries.strings().alpha().ofMinLength(0).ofMaxLength(12));
    choices.add(Arbitraries.of("", " ", "id", "userId", "__proto__", "constructor", "$ref", "a.b", "ünïcødé", "😀", "\u0000"));
    if (!known.isEmpty()) {
      choices.add(Arbitraries.of(known));
      choices.add(Arbitraries.of(known).map(String::toUpperCase));
      choices.add(Arbitraries.of(known).map(k -> " " + k));
    }
    return Arbitraries.oneOf(choices);
  }

  /** Arrays or objects nested {@code 1..12,000} deep, closed or not. */
  static Arbitrary<String> deeplyNested() {
    return deeplyNested(12_000);
  }

  /** Arrays or objects nested {@code 1..maxDepth} deep, closed or not. */
  static Arbitrary<String> deeplyNested(int maxDepth) {
    return Combinators.combine(
            Arbitraries.integers().between(1, maxDepth),
            Arbitraries.of("[", "{\"a\":", "[{\"a\":"),
            Arbitraries.of(true, false))
        .as(
            (depth, open, closed) -> {
              String close = switch (open) {
                case "[" -> "]";
                case "{\"a\":" -> "}";
                default -> "}]";
              };
              StringBuilder out = new StringBuilder(open.repeat(depth)).append("1");
              if (closed) {
                out.append(close.repeat(depth));
              }
              return out.toString();
            });
  }

  /**
   * An object of the shape {@code fields}: each member good for its field (from {@code good}), of
   * another JSON type, or missing; sometimes a member twice, sometimes one the shape does not know.
   */
  static Arbitrary<String> shaped(Map<String, Arbitrary<String>> good) {
    List<String> names = List.copyOf(good.keySet());
    if (names.isEmpty()) {
      return Combinators.combine(memberNames(names), values(1))
          .as((n, v) -> quote(n) + ":" + v)
          .list()
          .ofMaxSize(3)
          .map(members -> "{" + String.join(",", members) + "}");
    }
    Arbitrary<List<String>> members =
        Arbitraries.of(names)
            .flatMap(
                name ->
                    Arbitraries.frequencyOf(
                            Tuple.of(6, good.get(name)),
                            Tuple.of(3, values(2)),
                            Tuple.of(1, deeplyNested(1_200)))
                        .map(value -> quote(name) + ":" + value))
            .list()
            .ofMaxSize(names.size() + 2);
    Arbitrary<List<String>> allGood =
        Combinators.combine(
                names.stream()
                    .map(name -> good.get(name).map(value -> quote(name) + ":" + value))
                    .collect(Collectors.toList()))
            .as(list -> list);
    Arbitrary<String> extra =
        Combinators.combine(memberNames(names), values(1)).as((n, v) -> quote(n) + ":" + v);
    return Combinators.combine(
            Arbitraries.frequencyOf(Tuple.of(1, allGood), Tuple.of(2, members)),
            extra.list().ofMaxSize(2),
            Arbitraries.integers().between(0, 4))
        .as(
            (base, extras, extrasShown) -> {
              List<String> all = new ArrayList<>(base);
              if (extrasShown == 0) {
                all.addAll(extras);
              }
              return "{" + String.join(",", all) + "}";
            });
  }

  /** Something wrong around an otherwise fine document: BOM, trailing data, truncation, padding. */
  static Arbitrary<String> damaged(Arbitrary<String> document) {
    return Combinators.combine(document, Arbitraries.integers().between(0, 9), Arbitraries.integers().between(0, 1000))
        .as(
            (doc, how, at) ->
                switch (how) {
                  case 0 -> "\ufeff" + doc;
                  case 1 -> doc + " {}";
                  case 2 -> doc + doc;
                  case 3 -> doc.substring(0, Math.min(doc.length(), at % (doc.length() + 1)));
                  case 4 -> " \t\r\n" + doc + "\n\n";
                  case 5 -> doc + "\u0000";
                  case 6 -> doc + " // trailing comment";
                  case 7 -> doc + ",";
                  case 8 -> "[" + doc + "]";
                  default -> doc.replace(":", "=");
                });
  }
}
