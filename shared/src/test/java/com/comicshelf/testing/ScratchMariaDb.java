package com.comicshelf.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A MariaDB server of a test's own: the machine's {@code mariadbd} over a fresh data directory on a
 * free port, so the test can {@code kill -9} it and start it again on the same data, as a database
 * server dies and comes back. Never the shared server the other tests use.
 */
public final class ScratchMariaDb implements AutoCloseable {
  private static final Path SERVER = Path.of("/usr/sbin/mariadbd");
  private static final Path INSTALL = Path.of("/usr/bin/mariadb-install-db");

  private final Path home;
  private final int port;
  private Process process;

  private ScratchMariaDb(Path home, int port) {
    this.home = home;
    this.port = port;
  }

  /** Initialises a data directory under {@code home} (emptied first) and starts the server on it. */
  public static ScratchMariaDb start(Path home) {
    if (!Files.isExecutable(SERVER) || !Files.isExecutable(INSTALL)) {
      throw new IllegalStateException("MariaDB's server binaries are not installed (" + SERVER + ", " + INSTALL + ")");
    }
    try {
      deleteRecursively(home);
      Files.createDirectories(home);
      run(
          List.of(
              INSTALL.toString(), "--no-defaults", "--datadir=" + home.resolve("data"), "--auth-root-authentication-method=normal",
              "--skip-test-db", "--user=" + System.getProperty("user.name")),
          home.resolve("install.log"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ScratchMariaDb db = new ScratchMariaDb(home, freePort());
    db.start();
    return db;
  }

  /** Starts the server (again) on the same data and port; returns when it accepts connections. */
  public synchronized void start() {
    try {
      process =
          new ProcessBuilder(
                  SERVER.toString(), "--no-defaults", "--datadir=" + home.resolve("data"), "--port=" + port,
                  "--bind-address=127.0.0.1", "--socket=" + home.resolve("mariadb.sock"), "--user=" + System.getProperty("user.name"),
                  "--skip-log-bin", "--innodb-buffer-pool-size=64M", "--max-connections=300",
                  "--pid-file=" + home.resolve("mariadb.pid"))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("server.log").toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + SERVER, e);
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("mariadbd exited with " + process.exitValue() + "; see " + home.resolve("server.log"));
      }
      try (Connection c = DriverManager.getConnection(serverUrl(), "root", "")) {
        return;
      } catch (SQLException notYet) {
        sleep(100);
      }
    }
    throw new IllegalStateException("mariadbd did not accept connections within 60 s; see " + home.resolve("server.log"));
  }

  /** Ends the server at once, as {@code kill -9} does: no shutdown, no flush beyond what InnoDB already made durable. */
  public synchronized void kill() {
    if (process != null) {
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Freezes the server ({@code SIGSTOP}): connections stay open and nothing answers, as in a network partition. */
  public synchronized void freeze() {
    signal("-STOP");
  }

  /** Lets a frozen server go on ({@code SIGCONT}). */
  public synchronized void thaw() {
    signal("-CONT");
  }

  private void signal(String signal) {
    try {
      Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill " + signal + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public int port() {
    return port;
  }

  /** The server, without a database: {@code jdbc:mariadb://127.0.0.1:<port>/}. */
  public String serverUrl() {
    return "jdbc:mariadb://127.0.0.1:" + port + "/";
  }

  /** Creates {@code database} (if missing) and returns its JDBC URL; user root, empty password. */
  public String createDatabase(String database) {
    try (Connection c = DriverManager.getConnection(serverUrl(), "root", "");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE IF NOT EXISTS " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create " + database, e);
    }
    return serverUrl() + database;
  }

  @Override
  public void close() {
    kill();
  }

  private static void run(List<String> command, Path log) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(command.get(0) + " failed; see " + log);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
