package com.comicshelf.bench;

import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Prints "label: done / total (pct%) secs" lines, at most every couple of seconds and at the end. */
final class Progress {
  private static final long EVERY_NANOS = 2_000_000_000L;

  private final String label;
  private final long total;
  private final long startNanos = System.nanoTime();
  private long lastPrintNanos = startNanos;

  Progress(String label, long total) {
    this.label = label;
    this.total = total;
  }

  /** A database step that reports nothing while it runs. */
  @FunctionalInterface
  interface Step {
    void run() throws SQLException;
  }

  /** Runs {@code step}, printing "label: still running, N s" every ten seconds until it returns. */
  static void ticking(String label, Step step) throws SQLException {
    long start = System.nanoTime();
    ScheduledExecutorService ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "progress");
              t.setDaemon(true);
              return t;
            });
    ticker.scheduleAtFixedRate(
        () -> System.out.printf(Locale.ROOT, "  %s: running, %.0f s%n", label, (System.nanoTime() - start) / 1e9),
        10,
        10,
        TimeUnit.SECONDS);
    try {
      step.run();
    } finally {
      ticker.shutdownNow();
    }
  }

  /** Reports {@code done} units; prints when enough time passed since the last line. */
  void update(long done) {
    long now = System.nanoTime();
    if (now - lastPrintNanos >= EVERY_NANOS) {
      lastPrintNanos = now;
      print(done);
    }
  }

  /** Prints the final line and returns the elapsed seconds. */
  double finish(long done) {
    print(done);
    return seconds();
  }

  double seconds() {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private void print(long done) {
    double pct = total == 0 ? 100 : 100.0 * done / total;
    System.out.printf(
        Locale.ROOT, "  %s: %,d / %,d (%.0f%%) %.1f s%n", label, done, total, pct, seconds());
  }
}
