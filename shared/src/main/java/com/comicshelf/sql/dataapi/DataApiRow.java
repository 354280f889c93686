package com.comicshelf.sql.dataapi;

import com.comicshelf.sql.SqlException;
import com.comicshelf.sql.SqlRow;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.rdsdata.model.ColumnMetadata;
import software.amazon.awssdk.services.rdsdata.model.Field;

/** {@link SqlRow} over one Data API record, by column label as JDBC reads it (case-insensitive). */
final class DataApiRow implements SqlRow {
  private final Columns columns;
  private final List<Field> record;

  DataApiRow(Columns columns, List<Field> record) {
    this.columns = columns;
    this.record = record;
  }

  /** Column positions by lower-cased label, built once per result from its {@code columnMetadata}. */
  record Columns(Map<String, Integer> byLabel) {
    static Columns of(List<ColumnMetadata> metadata) {
      Map<String, Integer> byLabel = new HashMap<>();
      for (int i = 0; i < metadata.size(); i++) {
        ColumnMetadata column = metadata.get(i);
        String label = column.label() != null ? column.label() : column.name();
        byLabel.putIfAbsent(label.toLowerCase(Locale.ROOT), i);
      }
      return new Columns(byLabel);
    }
  }

  private Field field(String column) {
    Integer index = columns.byLabel().get(column.toLowerCase(Locale.ROOT));
    if (index == null || index >= record.size()) {
      throw new SqlException("no column " + column + " in the result", null);
    }
    return record.get(index);
  }

  @Override
  public long getLong(String column) {
    return DataApiValues.toLong(field(column));
  }

  @Override
  public Long getNullableLong(String column) {
    Field field = field(column);
    return DataApiValues.isNull(field) ? null : DataApiValues.toLong(field);
  }

  @Override
  public int getInt(String column) {
    return Math.toIntExact(getLong(column));
  }

  @Override
  public String getString(String column) {
    return DataApiValues.toText(field(column));
  }

  @Override
  public Instant getInstant(String column) {
    return DataApiValues.toInstant(field(column));
  }

  @Override
  public boolean getBoolean(String column) {
    return DataApiValues.toBoolean(field(column));
  }

  @Override
  public BigDecimal getBigDecimal(String column) {
    return DataApiValues.toBigDecimal(field(column));
  }
}
