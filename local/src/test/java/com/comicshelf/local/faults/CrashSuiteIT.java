package com.comicshelf.local.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.comicshelf.local.GatewayProcesses;
import com.comicshelf.testing.ScratchMariaDb;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The crash suite: a load driver writes favorites through the local gateway from several threads and
 * logs every acknowledged write; midway, (a) the gateway is killed with {@code kill -9} and started
 * again, and (b) the database server (one the suite starts itself) is killed with {@code kill -9} and
 * started again. Afterwards every acknowledged write must be in the database. Loopback only, bounded by
 * its request count.
 *
 * <p>CI runs a short version; the full one: {@code mvn -B -q -pl local -am verify -Dtest=CrashSuiteIT
 * -Dsurefire.failIfNoSpecifiedTests=false -Dcrash.requests=3000 -Dcrash.threads=8}.
 */
class CrashSuiteIT {
  private static final int REQUESTS = Integer.getInteger("crash.requests", 400);
  private static final int THREADS = Integer.getInteger("crash.threads", 4);
  private static final List<Long> COMICS = LongStream.rangeClosed(1, 10).boxed().toList();

  @Test
  void killingTheGateway_losesNoAcknowledgedWrite() throws Exception {
    try (ScratchMariaDb db = ScratchMariaDb.start(Path.of("target", "crash-gateway-db").toAbsolutePath())) {
      String url = db.createDatabase("comicshelf");
      var gateway = GatewayProcesses.onJdbc("crash-a1", url, "--containers", "4");
      LocalApi api = new LocalApi(gateway.baseUri());
      LoadDriver load = new LoadDriver(api, THREADS, REQUESTS, COMICS, 3_000_000_000L, Path.of("target", "crash-gateway-acks.log"));
      load.start();
      load.awaitAcknowledged(REQUESTS / 3);

      long killed = System.nanoTime();
      gateway.kill();
      int acknowledgedBeforeKill = load.acknowledgedCount();
      var restarted = GatewayProcesses.onJdbc("crash-a2", url, "--containers", "4");
      long back = System.nanoTime();
      api.rebase(restarted.baseUri());
      load.finish();
      restarted.close();

      Report report = check("gateway kill -9", load, db, killed, back);
      assertThat(acknowledgedBeforeKill).isPositive();
      assertThat(report.lost()).as("acknowledged writes missing after the crash").isZero();
      assertThat(report.recoveredMillis()).as("a write acknowledged after the restart").isPositive();
    }
  }

  @Test
  void killingTheDatabaseServer_losesNoAcknowledgedWrite_andAnswers503Meanwhile() throws Exception {
    try (ScratchMariaDb db = ScratchMariaDb.start(Path.of("target", "crash-db-db").toAbsolutePath())) {
      String url = db.createDatabase("comicshelf");
      try (var gateway = GatewayProcesses.onJdbc("crash-b", url, "--containers", "4")) {
        LocalApi api = new LocalApi(gateway.baseUri());
        LoadDriver load = new LoadDriver(api, THREADS, REQUESTS, COMICS, 4_000_000_000L, Path.of("target", "crash-db-acks.log"));
        load.start();
        load.awaitAcknowledged(REQUESTS / 3);

        db.kill();
        long killed = System.nanoTime();
        Thread.sleep(2_000);
        db.start();
        long back = System.nanoTime();
        load.finish();

        Report report = check("database kill -9", load, db, killed, back);
        assertThat(report.lost()).as("acknowledged writes missing after the crash").isZero();
        assertThat(load.failures()).as("answers while the database was down").containsKey("HTTP 503");
        assertThat(load.failures().keySet()).as("only 503s, never a 500").allMatch(k -> k.equals("HTTP 503"));
        assertThat(report.recoveredMillis()).as("a write acknowledged after the restart").isPositive();
      }
    }
  }

  /**
   * What a crash cost.
   *
   * @param recoveredMillis from the restarted process being ready to the first write acknowledged after
   *     it; -1 when none was
   */
  record Report(int acknowledged, int lost, long recoveredMillis) {}

  private static Report check(String crash, LoadDriver load, ScratchMariaDb db, long killedNanos, long backNanos)
      throws Exception {
    Map<LoadDriver.Key, Integer> stored = new HashMap<>();
    try (Connection c = DriverManager.getConnection(db.serverUrl() + "comicshelf", "root", "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT user_id, comic_id, note FROM favorites WHERE note LIKE 't%-%'")) {
      while (rs.next()) {
        String note = rs.getString("note");
        stored.put(
            new LoadDriver.Key(rs.getLong("user_id"), rs.getLong("comic_id")),
            Integer.parseInt(note.substring(note.indexOf('-') + 1)));
      }
    }
    List<String> lost = new ArrayList<>();
    load.acknowledged()
        .forEach(
            (key, seq) -> {
              Integer found = stored.get(key);
              if (found == null || found < seq) {
                lost.add(key + " acknowledged #" + seq + ", stored " + found);
              }
            });
    long firstAfter = load.firstAcknowledgedAfter(backNanos);
    long recovered = firstAfter < 0 ? -1 : Math.max(1, (firstAfter - backNanos) / 1_000_000);
    System.out.printf(
        "crash suite, %s: %d requests from %d threads; acknowledged %d (%d distinct favorites); lost %d%s;"
            + " failures %s; down %d ms (kill to restarted), first acknowledged write %s after the restart%n",
        crash, load.sent(), THREADS, load.acknowledgedCount(), load.acknowledged().size(), lost.size(),
        lost.isEmpty() ? "" : " " + lost, load.failures(), (backNanos - killedNanos) / 1_000_000,
        recovered < 0 ? "never" : recovered + " ms");
    return new Report(load.acknowledgedCount(), lost.size(), recovered);
  }
}
