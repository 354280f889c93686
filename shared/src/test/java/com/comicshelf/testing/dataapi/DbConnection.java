package com.comicshelf.testing.dataapi;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** A JDBC connection to the database server with its server thread id (the Data API's dbConnectionId). */
final class DbConnection implements AutoCloseable {
  final Connection jdbc;
  final long threadId;
  final String database;

  private DbConnection(Connection jdbc, long threadId, String database) {
    this.jdbc = jdbc;
    this.threadId = threadId;
    this.database = database;
  }

  /** Opens a connection to {@code database} (null: none) on the server at {@code serverUrl}. */
  /**
   * A lock wait gives up after this long, as the stack's cluster parameter group sets it (the server's
   * default of 50 s would let one abandoned transaction stall every writer behind it for that long).
   */
  static final int LOCK_WAIT_TIMEOUT_SECONDS = 5;

  static DbConnection open(String serverUrl, String user, String password, String database) throws SQLException {
    Connection c = DriverManager.getConnection(url(serverUrl, database), user, password);
    try (Statement s = c.createStatement()) {
      s.execute("SET SESSION innodb_lock_wait_timeout = " + LOCK_WAIT_TIMEOUT_SECONDS);
    } catch (SQLException e) {
      c.close();
      throw e;
    }
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT CONNECTION_ID()")) {
      rs.next();
      return new DbConnection(c, rs.getLong(1), database);
    } catch (SQLException e) {
      c.close();
      throw e;
    }
  }

  /** {@code jdbc:mariadb://host:port/} + database, keeping any {@code ?options} of the server URL. */
  static String url(String serverUrl, String database) {
    if (database == null || database.isEmpty()) {
      return serverUrl;
    }
    int q = serverUrl.indexOf('?');
    String base = q < 0 ? serverUrl : serverUrl.substring(0, q);
    String options = q < 0 ? "" : serverUrl.substring(q);
    return (base.endsWith("/") ? base : base + "/") + database + options;
  }

  /** Stops the statement running on server thread {@code threadId}, over a connection of its own. */
  static void killQuery(String serverUrl, String user, String password, long threadId) {
    try (Connection c = DriverManager.getConnection(serverUrl, user, password);
        Statement s = c.createStatement()) {
      s.execute("KILL QUERY " + threadId);
    } catch (SQLException e) {
      // the statement may have finished meanwhile (unknown thread id): nothing left to stop
    }
  }

  boolean isUsable() {
    try {
      return !jdbc.isClosed() && jdbc.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  /** Rolls back whatever is pending and closes, ignoring errors (the connection may be gone). */
  void rollbackAndClose() {
    try {
      if (!jdbc.isClosed() && !jdbc.getAutoCommit()) {
        jdbc.rollback();
      }
    } catch (SQLException e) {
      // closing below ends the session, which rolls back on the server
    }
    close();
  }

  /** Drops the connection at once, even while a statement runs on it (the server rolls back). */
  void abort() {
    try {
      jdbc.abort(Runnable::run);
    } catch (SQLException e) {
      close();
    }
  }

  @Override
  public void close() {
    try {
      jdbc.close();
    } catch (SQLException e) {
      // already broken
    }
  }
}
