package com.comicshelf.sql;

import com.comicshelf.common.Deadline;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs work again after a transient failure, with exponential backoff and jitter, until the
 * request's {@link Deadline}. Jitter matters: copies of a function that collided on a lock (or all
 * found a paused cluster) would otherwise collide again at the same instants.
 *
 * @param first the cap of the first wait
 * @param max the largest cap; waits double from {@code first} up to it
 */
public record Retry(Duration first, Duration max) {
  private static final Logger log = LoggerFactory.getLogger(Retry.class);

  /** Lock conflicts clear within milliseconds. */
  public static final Retry CONFLICTS = new Retry(Duration.ofMillis(10), Duration.ofMillis(400));

  /** A paused Aurora cluster takes about 15 s to resume. */
  public static final Retry RESUMING = new Retry(Duration.ofMillis(500), Duration.ofSeconds(4));

  /**
   * Runs {@code attempt} until it succeeds, fails with an error {@code isTransient} rejects, or the
   * next wait would pass the deadline: then the last transient failure goes through {@code giveUp}.
   */
  public <T> T run(
      String what,
      Supplier<T> attempt,
      Predicate<RuntimeException> isTransient,
      Function<RuntimeException, RuntimeException> giveUp) {
    long end = System.nanoTime() + Deadline.remaining().toNanos();
    for (int n = 0; ; n++) {
      try {
        return attempt.get();
      } catch (RuntimeException e) {
        if (!isTransient.test(e)) {
          throw e;
        }
        long waitNanos = waitNanos(n);
        if (System.nanoTime() + waitNanos - end >= 0) {
          log.warn("{}: giving up after {} attempts: {}", what, n + 1, e.getMessage());
          throw giveUp.apply(e);
        }
        log.info("{}: attempt {} failed ({}), retrying in {} ms", what, n + 1, e.getMessage(), waitNanos / 1_000_000);
        sleep(waitNanos);
      }
    }
  }

  /** Half the cap plus a random share of the other half ("equal jitter"): never zero, never in step. */
  long waitNanos(int attempt) {
    long cap = Math.min(max.toNanos(), first.toNanos() << Math.min(attempt, 30));
    return cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1);
  }

  private static void sleep(long nanos) {
    try {
      Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SqlException("interrupted while waiting to retry", e);
    }
  }
}
