package com.comicshelf.testing.dataapi;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The open transactions (each on its own connection, auto-commit off) by transaction id, with why
 * recently ended ones ended, for the documented "Transaction &lt;id&gt; is not found: &lt;cause&gt;" message.
 */
final class Transactions {
  static final String EXPIRED = "Transaction may be expired";
  static final String TERMINATED = "One previous call resulted in a termination of your transaction";
  static final String ABORTED = "Transaction has been aborted due to an error from a previous call";

  /** One transaction: its connection, whether a call is running on it, when it was last used. */
  static final class Tx {
    final String id;
    final DbConnection connection;
    private boolean busy;
    private long lastUsedNanos = System.nanoTime();

    private Tx(String id, DbConnection connection) {
      this.id = id;
      this.connection = connection;
    }
  }

  private final SecureRandom random = new SecureRandom();
  private final Map<String, Tx> open = new HashMap<>();
  private final Map<String, String> ended = new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
      return size() > 10_000;
    }
  };

  /** Registers a transaction on {@code connection} and returns its new opaque id. */
  synchronized String add(DbConnection connection) {
    byte[] bytes = new byte[96];
    random.nextBytes(bytes);
    String id = Base64.getEncoder().encodeToString(bytes);
    open.put(id, new Tx(id, connection));
    return id;
  }

  /** Marks the transaction busy for one call; unknown or ended → not found, busy → still running. */
  synchronized Tx acquire(String id) {
    Tx tx = open.get(id);
    if (tx == null) {
      String cause = ended.getOrDefault(id, EXPIRED);
      throw ApiException.of("TransactionNotFoundException", "Transaction " + id + " is not found: " + cause);
    }
    if (tx.busy) {
      throw ApiException.of("DatabaseErrorException", "Transaction is still running a query");
    }
    tx.busy = true;
    tx.lastUsedNanos = System.nanoTime();
    return tx;
  }

  synchronized void release(Tx tx) {
    tx.busy = false;
    tx.lastUsedNanos = System.nanoTime();
  }

  /** Forgets a transaction whose connection the caller already committed or rolled back; the caller keeps the connection. */
  void finish(Tx tx, String cause) {
    forget(tx, cause);
  }

  /** Rolls back and forgets a transaction (deadlock, lock-wait timeout, oversized response, ...). */
  void abort(Tx tx, String cause) {
    forget(tx, cause);
    tx.connection.rollbackAndClose();
  }

  private synchronized void forget(Tx tx, String cause) {
    open.remove(tx.id);
    ended.put(tx.id, cause);
  }

  /** Rolls back and forgets every transaction not used for longer than {@code idle}. */
  void expireIdle(Duration idle) {
    List<Tx> expired = new ArrayList<>();
    long now = System.nanoTime();
    synchronized (this) {
      for (Tx tx : open.values()) {
        if (!tx.busy && now - tx.lastUsedNanos > idle.toNanos()) {
          expired.add(tx);
        }
      }
      for (Tx tx : expired) {
        open.remove(tx.id);
        ended.put(tx.id, EXPIRED);
      }
    }
    expired.forEach(tx -> tx.connection.rollbackAndClose());
  }

  /** Rolls back and forgets every open transaction; a busy one has its connection dropped. */
  void endAll(String cause) {
    List<Tx> all;
    Map<Tx, Boolean> busy = new HashMap<>();
    synchronized (this) {
      all = new ArrayList<>(open.values());
      for (Tx tx : all) {
        busy.put(tx, tx.busy);
        ended.put(tx.id, cause);
      }
      open.clear();
    }
    for (Tx tx : all) {
      if (busy.get(tx)) {
        tx.connection.abort();
      } else {
        tx.connection.rollbackAndClose();
      }
    }
  }

  synchronized int count() {
    return open.size();
  }
}
