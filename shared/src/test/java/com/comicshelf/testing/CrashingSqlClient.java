package com.comicshelf.testing;

import com.comicshelf.sql.SqlClient;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A real database client that dies before its statement number {@code crashAt}: that statement and
 * everything after it never run, and the open transaction (if any) rolls back, as when the process
 * running it is killed and its connection drops. With {@code crashAt} 0 it never dies and only counts.
 */
public final class CrashingSqlClient implements SqlClient {
  private final SqlClient delegate;
  private final int crashAt;
  private int statements;

  public CrashingSqlClient(SqlClient delegate, int crashAt) {
    this.delegate = delegate;
    this.crashAt = crashAt;
  }

  /** Thrown where the process would have died. */
  public static final class Crash extends RuntimeException {
    Crash(int statement) {
      super("simulated crash before statement " + statement, null, false, false);
    }
  }

  /** Statements run (or refused, from the crash on). */
  public int statements() {
    return statements;
  }

  private void tick() {
    statements++;
    if (crashAt > 0 && statements >= crashAt) {
      throw new Crash(statements);
    }
  }

  @Override
  public <T> List<T> query(String sql, Map<String, ?> params, RowMapper<T> mapper) {
    tick();
    return delegate.query(sql, params, mapper);
  }

  @Override
  public int update(String sql, Map<String, ?> params) {
    tick();
    return delegate.update(sql, params);
  }

  @Override
  public void batchUpdate(String sql, List<? extends Map<String, ?>> rows) {
    tick();
    delegate.batchUpdate(sql, rows);
  }

  @Override
  public long insertReturningKey(String sql, Map<String, ?> params) {
    tick();
    return delegate.insertReturningKey(sql, params);
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    return delegate.inTransaction(work);
  }
}
