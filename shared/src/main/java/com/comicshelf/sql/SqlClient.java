package com.comicshelf.sql;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one port to the relational store. SQL uses named parameters ({@code :name}); values are those
 * {@link SqlValues#checked} accepts (strings, whole numbers, booleans, decimals, millisecond
 * {@code Instant}s, null). Implementations: JDBC (local, tests, RDS MySQL / RDS Proxy) and the RDS Data
 * API (Aurora), chosen by configuration, so callers never see a driver or SDK type.
 *
 * <p>Failures are {@link SqlException}s; {@link DatabaseUnavailableException} when the database cannot
 * be reached within the request's deadline.
 */
public interface SqlClient {

  <T> List<T> query(String sql, Map<String, ?> params, RowMapper<T> mapper);

  default <T> Optional<T> queryOne(String sql, Map<String, ?> params, RowMapper<T> mapper) {
    List<T> rows = query(sql, params, mapper);
    if (rows.size() > 1) {
      throw new IllegalStateException("expected at most one row, got " + rows.size());
    }
    return rows.stream().findFirst();
  }

  /** Runs an INSERT, UPDATE or DELETE and returns the affected row count as MySQL reports it. */
  int update(String sql, Map<String, ?> params);

  /**
   * Runs one statement once per parameter map, sent as a batch (one round trip where the driver
   * allows). Returns nothing: callers that need counts run single statements.
   */
  void batchUpdate(String sql, List<? extends Map<String, ?>> rows);

  /** Runs an INSERT into a table with an auto-increment key and returns the generated key. */
  long insertReturningKey(String sql, Map<String, ?> params);

  /**
   * Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. Every
   * call made on this client by {@code work}'s thread joins the transaction, so repositories need
   * no transaction parameter; a nested {@code inTransaction} joins the outer one. {@code work} may
   * run more than once when the database gives the transaction up ({@link
   * TransactionConflictException}: a deadlock, a lock wait timeout), after a backoff with jitter and
   * while the request's deadline allows, so it must have no other side effects.
   */
  <T> T inTransaction(Supplier<T> work);

  /** Maps the current row of a result. */
  @FunctionalInterface
  interface RowMapper<T> {
    T map(SqlRow row);
  }
}
