package com.comicshelf.sql.dataapi;

import com.comicshelf.sql.SqlException;
import com.comicshelf.sql.SqlValues;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.rdsdata.model.Field;
import software.amazon.awssdk.services.rdsdata.model.SqlParameter;
import software.amazon.awssdk.services.rdsdata.model.TypeHint;

/**
 * Java values to the Data API's {@code Field} union and back, exactly: whole numbers as {@code
 * longValue}, decimals as strings with the {@code DECIMAL} hint, instants in the documented {@code
 * TIMESTAMP} format {@code YYYY-MM-DD HH:MM:SS.FFF} (UTC). Milliseconds are all that format carries,
 * which is why every stored time is millisecond-precise (see {@code Timestamps}).
 */
final class DataApiValues {
  static final DateTimeFormatter TIMESTAMP_OUT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
  /** What the API returns for DATETIME columns: seconds, then an optional fraction of any length. */
  static final DateTimeFormatter TIMESTAMP_IN =
      new DateTimeFormatterBuilder()
          .appendPattern("yyyy-MM-dd HH:mm:ss")
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .toFormatter();

  private DataApiValues() {}

  /** The parameters {@code names} (each once, as the SQL names them) take from {@code values}. */
  static List<SqlParameter> parameters(List<String> names, Map<String, ?> values) {
    List<SqlParameter> parameters = new ArrayList<>(names.size());
    for (String name : names) {
      if (!values.containsKey(name)) {
        throw new IllegalArgumentException("missing SQL parameter :" + name);
      }
      parameters.add(parameter(name, SqlValues.checked(name, values.get(name))));
    }
    return parameters;
  }

  static SqlParameter parameter(String name, Object value) {
    SqlParameter.Builder parameter = SqlParameter.builder().name(name);
    if (value == null) {
      parameter.value(Field.fromIsNull(true));
    } else if (value instanceof String text) {
      parameter.value(Field.fromStringValue(text));
    } else if (value instanceof Boolean bool) {
      parameter.value(Field.fromBooleanValue(bool));
    } else if (value instanceof BigDecimal decimal) {
      parameter.value(Field.fromStringValue(decimal.toPlainString())).typeHint(TypeHint.DECIMAL);
    } else if (value instanceof Instant instant) {
      parameter
          .value(Field.fromStringValue(TIMESTAMP_OUT.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC))))
          .typeHint(TypeHint.TIMESTAMP);
    } else {
      parameter.value(Field.fromLongValue(((Number) value).longValue()));
    }
    return parameter.build();
  }

  /** Converts a value of every type both ways, for SnapStart priming: no call is made. */
  static void prime() {
    Map<String, Object> values = new HashMap<>();
    values.put("n", 1L);
    values.put("s", "text");
    values.put("b", true);
    values.put("d", new BigDecimal("1.50"));
    values.put("t", Instant.parse("2026-01-01T00:00:00.123Z"));
    values.put("x", null);
    List<SqlParameter> parameters = parameters(List.copyOf(values.keySet()), values);
    for (SqlParameter parameter : parameters) {
      Field field = parameter.value();
      toText(field);
      if (parameter.typeHint() == TypeHint.TIMESTAMP) {
        toInstant(field);
      } else if (parameter.typeHint() == TypeHint.DECIMAL) {
        toBigDecimal(field);
      }
    }
  }

  static boolean isNull(Field field) {
    return field.type() == Field.Type.IS_NULL;
  }

  static long toLong(Field field) {
    return switch (field.type()) {
      case LONG_VALUE -> field.longValue();
      case STRING_VALUE -> parseLong(field.stringValue());
      case BOOLEAN_VALUE -> field.booleanValue() ? 1 : 0;
      case DOUBLE_VALUE -> exactLong(field.doubleValue());
      case IS_NULL -> 0;
      default -> throw unexpected(field, "a whole number");
    };
  }

  static String toText(Field field) {
    return switch (field.type()) {
      case STRING_VALUE -> field.stringValue();
      case LONG_VALUE -> Long.toString(field.longValue());
      case DOUBLE_VALUE -> Double.toString(field.doubleValue());
      case BOOLEAN_VALUE -> field.booleanValue() ? "1" : "0";
      case BLOB_VALUE -> field.blobValue().asString(StandardCharsets.UTF_8);
      case IS_NULL -> null;
      default -> throw unexpected(field, "text");
    };
  }

  static Instant toInstant(Field field) {
    return switch (field.type()) {
      case IS_NULL -> null;
      case STRING_VALUE ->
          LocalDateTime.parse(field.stringValue(), TIMESTAMP_IN)
              .toInstant(ZoneOffset.UTC)
              .truncatedTo(ChronoUnit.MILLIS);
      default -> throw unexpected(field, "a timestamp");
    };
  }

  static boolean toBoolean(Field field) {
    return switch (field.type()) {
      case BOOLEAN_VALUE -> field.booleanValue();
      case LONG_VALUE -> field.longValue() != 0;
      case STRING_VALUE -> field.stringValue().equals("1") || field.stringValue().equalsIgnoreCase("true");
      case IS_NULL -> false;
      default -> throw unexpected(field, "a boolean");
    };
  }

  static BigDecimal toBigDecimal(Field field) {
    return switch (field.type()) {
      case STRING_VALUE -> new BigDecimal(field.stringValue());
      case LONG_VALUE -> BigDecimal.valueOf(field.longValue());
      case DOUBLE_VALUE -> BigDecimal.valueOf(field.doubleValue());
      case IS_NULL -> null;
      default -> throw unexpected(field, "a decimal");
    };
  }

  /** BIGINT UNSIGNED values above 2^63-1 come as strings; none of our ids get there. */
  private static long parseLong(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new SqlException("not a whole number in a signed 64-bit range: " + text, e);
    }
  }

  private static long exactLong(double value) {
    long whole = (long) value;
    if (whole != value) {
      throw new SqlException("not a whole number: " + value, null);
    }
    return whole;
  }

  private static SqlException unexpected(Field field, String wanted) {
    return new SqlException("the Data API returned " + field.type() + " where " + wanted + " was expected", null);
  }
}
