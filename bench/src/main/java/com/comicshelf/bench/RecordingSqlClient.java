package com.comicshelf.bench;

import com.comicshelf.sql.SqlClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs the production code over the real client and keeps every statement it sends, with its
 * parameters, so the report explains exactly what production runs rather than a copy of it.
 */
final class RecordingSqlClient implements SqlClient {
  /** One statement as sent. */
  record Statement(String sql, Map<String, ?> params) {}

  private final SqlClient target;
  private final List<Statement> statements = new ArrayList<>();

  RecordingSqlClient(SqlClient target) {
    this.target = target;
  }

  List<Statement> statements() {
    return List.copyOf(statements);
  }

  @Override
  public <T> List<T> query(String sql, Map<String, ?> params, RowMapper<T> mapper) {
    statements.add(new Statement(sql, params));
    return target.query(sql, params, mapper);
  }

  @Override
  public int update(String sql, Map<String, ?> params) {
    statements.add(new Statement(sql, params));
    return target.update(sql, params);
  }

  @Override
  public void batchUpdate(String sql, List<? extends Map<String, ?>> rows) {
    rows.stream().findFirst().ifPresent(first -> statements.add(new Statement(sql, first)));
    target.batchUpdate(sql, rows);
  }

  @Override
  public long insertReturningKey(String sql, Map<String, ?> params) {
    statements.add(new Statement(sql, params));
    return target.insertReturningKey(sql, params);
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    return target.inTransaction(work);
  }
}
