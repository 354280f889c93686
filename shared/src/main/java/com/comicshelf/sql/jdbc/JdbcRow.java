package com.comicshelf.sql.jdbc;

import com.comicshelf.sql.SqlException;
import com.comicshelf.sql.SqlRow;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;

/** {@link SqlRow} over the current row of a JDBC result set. */
final class JdbcRow implements SqlRow {
  private final ResultSet rs;

  JdbcRow(ResultSet rs) {
    this.rs = rs;
  }

  @Override
  public long getLong(String column) {
    try {
      return rs.getLong(column);
    } catch (SQLException e) {
      throw new SqlException("cannot read column " + column, e);
    }
  }

  @Override
  public Long getNullableLong(String column) {
    try {
      long value = rs.getLong(column);
      return rs.wasNull() ? null : value;
    } catch (SQLException e) {
      throw new SqlException("cannot read column " + column, e);
    }
  }

  @Override
  public int getInt(String column) {
    try {
      return rs.getInt(column);
    } catch (SQLException e) {
      throw new SqlException("cannot read column " + column, e);
    }
  }

  @Override
  public String getString(String column) {
    try {
      return rs.getString(column);
    } catch (SQLException e) {
      throw new SqlException("cannot read column " + column, e);
    }
  }

  @Override
  public boolean getBoolean(String column) {
    try {
      return rs.getBoolean(column);
    } catch (SQLException e) {
      throw new SqlException("cannot read column " + column, e);
    }
  }

  @Override
  public BigDecimal getBigDecimal(String column) {
    try {
      return rs.getBigDecimal(column);
    } catch (SQLException e) {
      throw new SqlException("cannot read column " + column, e);
    }
  }

  @Override
  public Instant getInstant(String column) {
    try {
      return JdbcSqlClient.toInstant(rs.getObject(column, LocalDateTime.class));
    } catch (SQLException e) {
      throw new SqlException("cannot read column " + column, e);
    }
  }
}
