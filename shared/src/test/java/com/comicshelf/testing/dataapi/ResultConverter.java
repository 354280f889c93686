package com.comicshelf.testing.dataapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashSet;
import java.util.Set;

/** Turns JDBC rows into Data API {@code Field}s, {@code ColumnMetadata} and JSON-formatted records. */
final class ResultConverter {
  static final String TOO_LARGE =
      "Database returned more than the allowed response size limit (Database response exceeded size limit)";

  private final ObjectMapper json;
  private final boolean decimalAsNumber;
  private final boolean longAsString;

  /** {@code resultSetOptions} may be null; unknown option values are a BadRequestException. */
  ResultConverter(ObjectMapper json, JsonNode resultSetOptions) {
    this.json = json;
    String decimal = option(resultSetOptions, "decimalReturnType", "STRING", "DOUBLE_OR_LONG");
    String lng = option(resultSetOptions, "longReturnType", "LONG", "STRING");
    this.decimalAsNumber = decimal.equals("DOUBLE_OR_LONG");
    this.longAsString = lng.equals("STRING");
  }

  private static String option(JsonNode options, String name, String dflt, String other) {
    if (options == null || options.isNull() || options.get(name) == null || options.get(name).isNull()) {
      return dflt;
    }
    String v = options.get(name).asText();
    if (!v.equals(dflt) && !v.equals(other)) {
      throw ApiException.badRequest("Invalid resultSetOptions." + name + ": " + v);
    }
    return v;
  }

  /**
   * Reads every row into {@code records} (a list of rows, each a list of Field), counting the bytes
   * of their JSON; more than {@code maxBytes} is the documented response-size error.
   */
  ArrayNode records(ResultSet rs, int maxBytes) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    ArrayNode rows = json.createArrayNode();
    long bytes = 0;
    while (rs.next()) {
      ArrayNode row = json.createArrayNode();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        row.add(field(rs, md, i));
      }
      bytes += size(row) + 1;
      if (bytes > maxBytes) {
        throw ApiException.badRequest(TOO_LARGE);
      }
      rows.add(row);
    }
    return rows;
  }

  /** {@code formatRecordsAs: JSON}: a JSON array of objects keyed by column label. */
  String formattedRecords(ResultSet rs, int maxBytes) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    Set<String> labels = new HashSet<>();
    for (int i = 1; i <= md.getColumnCount(); i++) {
      if (!labels.add(md.getColumnLabel(i))) {
        throw ApiException.badRequest("The result set has more than one column named "
            + md.getColumnLabel(i) + ": give each column a unique alias with AS to use formatRecordsAs JSON");
      }
    }
    ArrayNode rows = json.createArrayNode();
    long bytes = 0;
    while (rs.next()) {
      ObjectNode row = json.createObjectNode();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        ObjectNode f = field(rs, md, i);
        String member = f.fieldNames().next();
        JsonNode v = f.get(member);
        row.set(md.getColumnLabel(i), member.equals("isNull") ? json.nullNode() : v);
      }
      bytes += size(row) + 1;
      if (bytes > maxBytes) {
        throw ApiException.badRequest(TOO_LARGE);
      }
      rows.add(row);
    }
    try {
      return json.writeValueAsString(rows);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code columnMetadata}: one {@code ColumnMetadata} per column, from the JDBC metadata. */
  ArrayNode columnMetadata(ResultSetMetaData md) throws SQLException {
    ArrayNode columns = json.createArrayNode();
    for (int i = 1; i <= md.getColumnCount(); i++) {
      ObjectNode c = json.createObjectNode();
      c.put("name", md.getColumnName(i));
      c.put("type", md.getColumnType(i));
      c.put("typeName", md.getColumnTypeName(i));
      c.put("label", md.getColumnLabel(i));
      String schema = md.getSchemaName(i);
      c.put("schemaName", schema == null || schema.isEmpty() ? md.getCatalogName(i) : schema);
      c.put("tableName", md.getTableName(i));
      c.put("isAutoIncrement", md.isAutoIncrement(i));
      c.put("isSigned", md.isSigned(i));
      c.put("isCurrency", md.isCurrency(i));
      c.put("isCaseSensitive", md.isCaseSensitive(i));
      c.put("nullable", md.isNullable(i));
      c.put("precision", md.getPrecision(i));
      c.put("scale", md.getScale(i));
      c.put("arrayBaseColumnType", 0);
      columns.add(c);
    }
    return columns;
  }

  /** {@code generatedFields}: the generated keys of the statement, one Field each (empty if none). */
  ArrayNode generatedFields(ResultSet keys) throws SQLException {
    ArrayNode fields = json.createArrayNode();
    if (keys == null) {
      return fields;
    }
    ResultSetMetaData md = keys.getMetaData();
    while (keys.next()) {
      for (int i = 1; i <= md.getColumnCount(); i++) {
        fields.add(field(keys, md, i));
      }
    }
    return fields;
  }

  /** One column value as a {@code Field} union with exactly one member. */
  ObjectNode field(ResultSet rs, ResultSetMetaData md, int i) throws SQLException {
    ObjectNode f = json.createObjectNode();
    int type = md.getColumnType(i);
    switch (type) {
      case Types.BOOLEAN -> {
        boolean b = rs.getBoolean(i);
        return rs.wasNull() ? nullField(f) : f.put("booleanValue", b);
      }
      case Types.BIT -> {
        if (md.getPrecision(i) <= 1) {
          boolean b = rs.getBoolean(i);
          return rs.wasNull() ? nullField(f) : f.put("booleanValue", b);
        }
        byte[] bits = rs.getBytes(i);
        return bits == null ? nullField(f) : integer(f, new BigInteger(1, bits), md, i);
      }
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> {
        BigDecimal v = rs.getBigDecimal(i);
        return v == null ? nullField(f) : integer(f, v.toBigIntegerExact(), md, i);
      }
      case Types.REAL, Types.FLOAT -> {
        float v = rs.getFloat(i);
        // via the float's shortest decimal form, so FLOAT 0.1 reads 0.1 rather than 0.10000000149
        return rs.wasNull() ? nullField(f) : f.put("doubleValue", Double.parseDouble(Float.toString(v)));
      }
      case Types.DOUBLE -> {
        double v = rs.getDouble(i);
        return rs.wasNull() ? nullField(f) : f.put("doubleValue", v);
      }
      case Types.DECIMAL, Types.NUMERIC -> {
        BigDecimal v = rs.getBigDecimal(i);
        if (v == null) {
          return nullField(f);
        }
        if (!decimalAsNumber) {
          return f.put("stringValue", v.toPlainString());
        }
        if (md.getScale(i) == 0) {
          try {
            return f.put("longValue", v.longValueExact());
          } catch (ArithmeticException e) {
            throw ApiException.of("UnsupportedResultException", "The DECIMAL value " + v.toPlainString()
                + " of column " + md.getColumnLabel(i) + " does not fit a long: use decimalReturnType STRING");
          }
        }
        return f.put("doubleValue", v.doubleValue());
      }
      case Types.TIMESTAMP, Types.TIME, Types.TIMESTAMP_WITH_TIMEZONE, Types.TIME_WITH_TIMEZONE -> {
        String s = rs.getString(i);
        return s == null ? nullField(f) : f.put("stringValue", millisAtMost(s));
      }
      case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> {
        byte[] b = rs.getBytes(i);
        return b == null ? nullField(f) : f.put("blobValue", b);
      }
      default -> {
        // DATE, YEAR, CHAR, VARCHAR, TEXT, ENUM, SET, JSON, ...: the driver's text form
        String s = rs.getString(i);
        return s == null ? nullField(f) : f.put("stringValue", s);
      }
    }
  }

  private ObjectNode integer(ObjectNode f, BigInteger v, ResultSetMetaData md, int i) throws SQLException {
    if (longAsString) {
      return f.put("stringValue", v.toString());
    }
    if (v.bitLength() > 63) {
      throw ApiException.of("UnsupportedResultException", "The value " + v + " of column " + md.getColumnLabel(i)
          + " does not fit a long: use resultSetOptions.longReturnType STRING");
    }
    return f.put("longValue", v.longValue());
  }

  private static ObjectNode nullField(ObjectNode f) {
    return f.put("isNull", true);
  }

  /**
   * {@code YYYY-MM-DD HH:MM:SS[.FFF]}: the fraction truncated (not rounded) to milliseconds, trailing
   * zeros dropped, and no fraction at all when it is zero.
   */
  static String millisAtMost(String temporal) {
    int dot = temporal.lastIndexOf('.');
    if (dot < 0 || dot < temporal.lastIndexOf(':')) {
      return temporal;
    }
    String fraction = temporal.substring(dot + 1);
    if (fraction.length() > 3) {
      fraction = fraction.substring(0, 3);
    }
    int end = fraction.length();
    while (end > 0 && fraction.charAt(end - 1) == '0') {
      end--;
    }
    return end == 0 ? temporal.substring(0, dot) : temporal.substring(0, dot + 1) + fraction.substring(0, end);
  }

  private int size(JsonNode node) {
    try {
      return json.writeValueAsBytes(node).length;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
