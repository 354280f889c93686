package com.comicshelf.testing.dataapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalQuery;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** Checks a list of {@code SqlParameter}s and binds their {@code Field} values to a JDBC statement. */
final class ParameterBinder {
  private static final Set<String> FIELD_MEMBERS =
      Set.of("isNull", "booleanValue", "longValue", "doubleValue", "stringValue", "blobValue", "arrayValue");
  private static final Set<String> TYPE_HINTS = Set.of("JSON", "UUID", "TIMESTAMP", "DATE", "TIME", "DECIMAL");
  private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?");
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern TIME = Pattern.compile("\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?");
  private static final Pattern UUID_TEXT =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final DateTimeFormatter STRICT_TIMESTAMP = strict("uuuu-MM-dd HH:mm:ss", true);
  private static final DateTimeFormatter STRICT_DATE = strict("uuuu-MM-dd", false);
  private static final DateTimeFormatter STRICT_TIME = strict("HH:mm:ss", true);

  /** One checked parameter: the JSON {@code Field} union (exactly one member) and its type hint. */
  record Param(String name, String member, JsonNode value, String typeHint) {}

  private final Map<String, Param> byName;

  private ParameterBinder(Map<String, Param> byName) {
    this.byName = byName;
  }

  /** Reads a {@code parameters} (or one {@code parameterSets} entry) array; null means none. */
  static ParameterBinder of(JsonNode parameters) {
    Map<String, Param> byName = new LinkedHashMap<>();
    if (parameters == null || parameters.isNull()) {
      return new ParameterBinder(byName);
    }
    if (!parameters.isArray()) {
      throw ApiException.badRequest("parameters must be a list of SqlParameter");
    }
    for (JsonNode p : parameters) {
      if (!p.isObject()) {
        throw ApiException.badRequest("each SqlParameter must be an object");
      }
      JsonNode nameNode = p.get("name");
      if (nameNode == null || !nameNode.isTextual() || nameNode.asText().isEmpty()) {
        throw ApiException.badRequest("SqlParameter without a name: only named parameters are supported");
      }
      String name = nameNode.asText();
      if (byName.containsKey(name)) {
        throw ApiException.badRequest("Parameter " + name + " is given more than once");
      }
      String typeHint = null;
      JsonNode hintNode = p.get("typeHint");
      if (hintNode != null && !hintNode.isNull()) {
        typeHint = hintNode.asText();
        if (!TYPE_HINTS.contains(typeHint)) {
          throw ApiException.badRequest("Invalid typeHint " + typeHint + " for parameter " + name);
        }
      }
      JsonNode value = p.get("value");
      if (value == null || !value.isObject()) {
        throw ApiException.badRequest("Parameter " + name + " has no value");
      }
      String member = null;
      for (Map.Entry<String, JsonNode> e : value.properties()) {
        if (e.getValue().isNull()) {
          continue;
        }
        if (!FIELD_MEMBERS.contains(e.getKey())) {
          throw ApiException.badRequest("Unknown Field member " + e.getKey() + " in parameter " + name);
        }
        if (member != null) {
          throw ApiException.badRequest("Field of parameter " + name + " must set exactly one member");
        }
        member = e.getKey();
      }
      if (member == null) {
        throw ApiException.badRequest("Field of parameter " + name + " must set exactly one member");
      }
      if (member.equals("arrayValue")) {
        throw ApiException.badRequest("Array parameters are not supported");
      }
      if (member.equals("isNull") && !value.get("isNull").asBoolean()) {
        throw ApiException.badRequest("Field of parameter " + name + " has isNull false and no value");
      }
      if (typeHint != null && !member.equals("stringValue") && !member.equals("isNull")) {
        throw ApiException.badRequest(
            "typeHint " + typeHint + " applies to a stringValue, parameter " + name + " has " + member);
      }
      byName.put(name, new Param(name, member, value.get(member), typeHint));
    }
    return new ParameterBinder(byName);
  }

  /** A parameter of {@code sql} that has no value is a BadRequestException. */
  void check(NamedSql sql) {
    List<String> missing = new ArrayList<>();
    for (String name : sql.names()) {
      if (!byName.containsKey(name) && !missing.contains(name)) {
        missing.add(name);
      }
    }
    if (!missing.isEmpty()) {
      throw ApiException.badRequest("No value specified for parameter: " + String.join(", ", missing));
    }
  }

  /** Binds every marker of {@code sql} in order (a name used twice is bound twice). */
  void bind(PreparedStatement ps, NamedSql sql) throws SQLException {
    check(sql);
    int index = 1;
    for (String name : sql.names()) {
      bindOne(ps, index++, byName.get(name));
    }
  }

  private static void bindOne(PreparedStatement ps, int index, Param p) throws SQLException {
    JsonNode v = p.value();
    switch (p.member()) {
      case "isNull" -> ps.setNull(index, nullType(p.typeHint()));
      case "booleanValue" -> {
        requireType(p, v.isBoolean());
        ps.setBoolean(index, v.booleanValue());
      }
      case "longValue" -> {
        requireType(p, v.isIntegralNumber() && v.canConvertToLong());
        ps.setLong(index, v.longValue());
      }
      case "doubleValue" -> ps.setDouble(index, toDouble(p));
      case "blobValue" -> {
        requireType(p, v.isTextual());
        try {
          ps.setBytes(index, Base64.getDecoder().decode(v.asText()));
        } catch (IllegalArgumentException e) {
          throw ApiException.badRequest("blobValue of parameter " + p.name() + " is not valid base64");
        }
      }
      case "stringValue" -> {
        requireType(p, v.isTextual());
        bindString(ps, index, p, v.asText());
      }
      default -> throw new IllegalStateException(p.member());
    }
  }

  private static void bindString(PreparedStatement ps, int index, Param p, String s) throws SQLException {
    if (p.typeHint() == null) {
      ps.setString(index, s);
      return;
    }
    switch (p.typeHint()) {
      case "DECIMAL" -> {
        try {
          ps.setBigDecimal(index, new BigDecimal(s));
        } catch (NumberFormatException e) {
          throw invalidForHint(p, s, "a decimal number");
        }
      }
      case "TIMESTAMP" -> ps.setObject(index, parse(p, s, TIMESTAMP, STRICT_TIMESTAMP, "YYYY-MM-DD HH:MM:SS[.FFF]",
          LocalDateTime::from));
      case "DATE" -> ps.setObject(index, parse(p, s, DATE, STRICT_DATE, "YYYY-MM-DD", LocalDate::from));
      case "TIME" -> ps.setObject(index, parse(p, s, TIME, STRICT_TIME, "HH:MM:SS[.FFF]", LocalTime::from));
      case "UUID" -> {
        if (!UUID_TEXT.matcher(s).matches()) {
          throw invalidForHint(p, s, "a UUID");
        }
        ps.setString(index, UUID.fromString(s).toString());
      }
      case "JSON" -> ps.setString(index, s);
      default -> throw new IllegalStateException(p.typeHint());
    }
  }

  private static <T> T parse(Param p, String s, Pattern shape, DateTimeFormatter f, String format,
      TemporalQuery<T> query) {
    if (!shape.matcher(s).matches()) {
      throw invalidForHint(p, s, "in the format " + format);
    }
    try {
      return f.parse(s, query);
    } catch (DateTimeParseException e) {
      throw invalidForHint(p, s, "a valid value in the format " + format);
    }
  }

  private static double toDouble(Param p) {
    JsonNode v = p.value();
    if (v.isNumber()) {
      return v.doubleValue();
    }
    if (v.isTextual()) { // the SDK sends non-finite doubles as strings
      switch (v.asText()) {
        case "NaN":
          return Double.NaN;
        case "Infinity":
          return Double.POSITIVE_INFINITY;
        case "-Infinity":
          return Double.NEGATIVE_INFINITY;
        default:
          break;
      }
    }
    throw ApiException.badRequest("doubleValue of parameter " + p.name() + " is not a number");
  }

  private static void requireType(Param p, boolean ok) {
    if (!ok) {
      throw ApiException.badRequest(p.member() + " of parameter " + p.name() + " has the wrong JSON type");
    }
  }

  private static ApiException invalidForHint(Param p, String s, String expected) {
    return ApiException.badRequest("Invalid value '" + s + "' of parameter " + p.name() + " with typeHint "
        + p.typeHint() + ": expected " + expected);
  }

  private static DateTimeFormatter strict(String pattern, boolean millis) {
    DateTimeFormatterBuilder b = new DateTimeFormatterBuilder().appendPattern(pattern);
    if (millis) {
      b.optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 3, true).optionalEnd();
    }
    return b.toFormatter().withResolverStyle(ResolverStyle.STRICT);
  }

  private static int nullType(String typeHint) {
    if (typeHint == null) {
      return Types.NULL;
    }
    return switch (typeHint) {
      case "DECIMAL" -> Types.DECIMAL;
      case "TIMESTAMP" -> Types.TIMESTAMP;
      case "DATE" -> Types.DATE;
      case "TIME" -> Types.TIME;
      default -> Types.VARCHAR;
    };
  }
}
