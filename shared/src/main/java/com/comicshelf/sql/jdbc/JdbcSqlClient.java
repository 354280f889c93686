package com.comicshelf.sql.jdbc;

import com.comicshelf.sql.DatabaseUnavailableException;
import com.comicshelf.sql.NamedSql;
import com.comicshelf.sql.DuplicateKeyException;
import com.comicshelf.sql.ForeignKeyViolationException;
import com.comicshelf.sql.Retry;
import com.comicshelf.sql.SqlClient;
import com.comicshelf.sql.SqlException;
import com.comicshelf.sql.SqlRow;
import com.comicshelf.sql.SqlValues;
import com.comicshelf.sql.TransactionConflictException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SqlClient} over one JDBC connection per container.
 *
 * <p>A Lambda container serves one request at a time and may be frozen for minutes, long enough for
 * the server to drop an idle connection; so the connection is validated after an idle spell and
 * replaced when it breaks. Calls are serialised by a lock, which costs nothing in Lambda and keeps
 * the local gateway's threads from sharing a connection mid-statement.
 */
public final class JdbcSqlClient implements SqlClient, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(JdbcSqlClient.class);
  private static final Duration VALIDATE_AFTER_IDLE = Duration.ofSeconds(30);
  /** What clients are told to wait when the database cannot be reached. */
  static final Duration RETRY_AFTER_UNREACHABLE = Duration.ofSeconds(5);
  /** Statements are few and fixed, but some are built per call (a UNION per ranking): cap the cache. */
  private static final int MAX_CACHED_STATEMENTS = 512;

  private final DataSource dataSource;
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, NamedSql> parsed = new ConcurrentHashMap<>();
  private Connection connection;
  private long lastUsedNanos;
  /** True while this client's lock holder runs a transaction; guarded by {@link #lock}. */
  private boolean inTransaction;

  public JdbcSqlClient(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public <T> List<T> query(String sql, Map<String, ?> params, RowMapper<T> mapper) {
    return withConnection(c -> queryOn(c, sql, params, mapper));
  }

  @Override
  public int update(String sql, Map<String, ?> params) {
    return withConnection(c -> updateOn(c, sql, params));
  }

  @Override
  public long insertReturningKey(String sql, Map<String, ?> params) {
    return withConnection(c -> insertOn(c, sql, params));
  }

  @Override
  public void batchUpdate(String sql, List<? extends Map<String, ?>> rows) {
    if (rows.isEmpty()) {
      return;
    }
    withConnection(
        c -> {
          NamedSql named = parse(sql);
          try (PreparedStatement ps = c.prepareStatement(named.jdbcSql())) {
            for (Map<String, ?> row : rows) {
              bind(ps, named, row);
              ps.addBatch();
            }
            ps.executeBatch();
          }
          return null;
        });
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    if (lock.isHeldByCurrentThread() && inTransaction) {
      return work.get();
    }
    return Retry.CONFLICTS.run(
        "transaction",
        () -> withConnection(c -> runTransaction(c, work)),
        e -> e instanceof TransactionConflictException,
        DatabaseUnavailableException::busy);
  }

  private <T> T runTransaction(Connection c, Supplier<T> work) throws SQLException {
    c.setAutoCommit(false);
    inTransaction = true;
    try {
      T result = work.get();
      c.commit();
      return result;
    } catch (RuntimeException | SQLException e) {
      rollbackQuietly(c);
      throw e;
    } finally {
      inTransaction = false;
      if (!c.isClosed()) {
        c.setAutoCommit(true);
      }
    }
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException e) {
      log.warn("rollback failed", e);
    }
  }

  private <T> T withConnection(SqlWork<T> work) {
    lock.lock();
    try {
      Connection c = inTransaction ? transactionConnection() : currentConnection();
      try {
        return work.run(c);
      } catch (SQLException e) {
        if (isConnectionFailure(e)) {
          discardConnection();
        }
        throw translate(e);
      } finally {
        lastUsedNanos = System.nanoTime();
      }
    } catch (SQLException e) {
      discardConnection();
      throw translate(e);
    } finally {
      lock.unlock();
    }
  }

  private Connection transactionConnection() {
    if (connection == null) {
      throw new DatabaseUnavailableException(
          "the connection broke during the transaction", RETRY_AFTER_UNREACHABLE, null);
    }
    return connection;
  }

  private Connection currentConnection() throws SQLException {
    boolean idle = System.nanoTime() - lastUsedNanos > VALIDATE_AFTER_IDLE.toNanos();
    if (connection != null && (connection.isClosed() || (idle && !connection.isValid(2)))) {
      log.info("replacing a closed or stale database connection");
      discardConnection();
    }
    if (connection == null) {
      connection = dataSource.getConnection();
    }
    return connection;
  }

  private void discardConnection() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        log.debug("closing a broken connection failed", e);
      }
      connection = null;
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      discardConnection();
    } finally {
      lock.unlock();
    }
  }

  private <T> List<T> queryOn(Connection c, String sql, Map<String, ?> params, RowMapper<T> mapper)
      throws SQLException {
    try (PreparedStatement ps = prepare(c, sql, params, false);
        ResultSet rs = ps.executeQuery()) {
      List<T> rows = new ArrayList<>();
      JdbcRow row = new JdbcRow(rs);
      while (rs.next()) {
        rows.add(mapper.map(row));
      }
      return rows;
    }
  }

  private int updateOn(Connection c, String sql, Map<String, ?> params) throws SQLException {
    try (PreparedStatement ps = prepare(c, sql, params, false)) {
      return ps.executeUpdate();
    }
  }

  private long insertOn(Connection c, String sql, Map<String, ?> params) throws SQLException {
    try (PreparedStatement ps = prepare(c, sql, params, true)) {
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        if (!keys.next()) {
          throw new SqlException("no generated key returned", null);
        }
        return keys.getLong(1);
      }
    }
  }

  private PreparedStatement prepare(Connection c, String sql, Map<String, ?> params, boolean keys)
      throws SQLException {
    NamedSql named = parse(sql);
    PreparedStatement ps =
        keys
            ? c.prepareStatement(named.jdbcSql(), Statement.RETURN_GENERATED_KEYS)
            : c.prepareStatement(named.jdbcSql());
    try {
      bind(ps, named, params);
      return ps;
    } catch (SQLException | RuntimeException e) {
      ps.close();
      throw e;
    }
  }

  private NamedSql parse(String sql) {
    NamedSql named = parsed.get(sql);
    if (named == null) {
      named = NamedSql.parse(sql);
      if (parsed.size() < MAX_CACHED_STATEMENTS) {
        parsed.put(sql, named);
      }
    }
    return named;
  }

  private static void bind(PreparedStatement ps, NamedSql named, Map<String, ?> params) throws SQLException {
    List<String> names = named.names();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      if (!params.containsKey(name)) {
        throw new IllegalArgumentException("missing SQL parameter :" + name);
      }
      ps.setObject(i + 1, toJdbc(SqlValues.checked(name, params.get(name))));
    }
  }

  private static Object toJdbc(Object value) {
    if (value instanceof Instant instant) {
      return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
    return value;
  }

  /** Read at the stored precision (milliseconds), as the Data API returns it, even from older rows. */
  static Instant toInstant(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof LocalDateTime ldt) {
      return ldt.toInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    }
    if (value instanceof Timestamp ts) {
      return ts.toLocalDateTime().toInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    }
    throw new IllegalStateException("not a DATETIME value: " + value.getClass());
  }

  private static boolean isConnectionFailure(SQLException e) {
    String state = e.getSQLState();
    return (state != null && state.startsWith("08"))
        || e instanceof SQLTransientConnectionException
        || e instanceof SQLNonTransientConnectionException;
  }

  private static SqlException translate(SQLException e) {
    if (isConnectionFailure(e)) {
      return new DatabaseUnavailableException("the database cannot be reached", RETRY_AFTER_UNREACHABLE, e);
    }
    return switch (e.getErrorCode()) {
      case 1062 -> new DuplicateKeyException("duplicate key", e);
      case 1452 -> new ForeignKeyViolationException("missing referenced row", e);
      case 1213, 1205 -> new TransactionConflictException("deadlock or lock wait timeout (" + e.getErrorCode() + ")", e);
      default -> new SqlException("database call failed (" + e.getErrorCode() + ")", e);
    };
  }

  @FunctionalInterface
  private interface SqlWork<T> {
    T run(Connection c) throws SQLException;
  }
}
