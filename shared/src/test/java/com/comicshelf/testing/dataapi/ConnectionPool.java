package com.comicshelf.testing.dataapi;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Idle auto-commit connections per database, reused by the calls that run outside a transaction. */
final class ConnectionPool {
  private static final int MAX_IDLE_PER_DATABASE = 32;

  private final String serverUrl;
  private final String user;
  private final String password;
  private final Map<String, Deque<DbConnection>> idle = new HashMap<>();
  private boolean closed;

  ConnectionPool(String serverUrl, String user, String password) {
    this.serverUrl = serverUrl;
    this.user = user;
    this.password = password;
  }

  DbConnection borrow(String database) throws SQLException {
    while (true) {
      DbConnection c;
      synchronized (this) {
        if (closed) {
          throw ApiException.of("ServiceUnavailableError", "The endpoint is shutting down");
        }
        Deque<DbConnection> q = idle.get(database);
        c = q == null ? null : q.pollFirst();
      }
      if (c == null) {
        return DbConnection.open(serverUrl, user, password, database);
      }
      if (c.isUsable()) {
        return c;
      }
      c.close();
    }
  }

  /** Takes a connection back; one left outside auto-commit (or broken) is closed instead. */
  void giveBack(DbConnection c) {
    boolean keep;
    try {
      keep = !c.jdbc.isClosed() && c.jdbc.getAutoCommit();
    } catch (SQLException e) {
      keep = false;
    }
    if (keep) {
      synchronized (this) {
        Deque<DbConnection> q = idle.computeIfAbsent(c.database, k -> new ArrayDeque<>());
        if (!closed && q.size() < MAX_IDLE_PER_DATABASE) {
          q.addFirst(c);
          return;
        }
      }
    }
    c.rollbackAndClose();
  }

  /** Closes the idle connections (and, with {@code forGood}, every connection given back later). */
  void clear(boolean forGood) {
    List<DbConnection> all = new ArrayList<>();
    synchronized (this) {
      closed |= forGood;
      idle.values().forEach(all::addAll);
      idle.clear();
    }
    all.forEach(DbConnection::close);
  }
}
