package com.comicshelf.common;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * How long the current request may still take, so retries (a deadlock, a resuming database) give up
 * in time to answer. The HTTP layer sets it from the function's remaining time; code that runs
 * outside a request (tests, the local gateway's seeding) gets {@link #DEFAULT_BUDGET}.
 */
public final class Deadline {
  /** The budget of work that runs outside a request. */
  public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(10);

  private static final ThreadLocal<Long> END_NANOS = new ThreadLocal<>();

  private Deadline() {}

  /** Runs {@code work} with {@code budget} as its deadline; nested calls keep the earlier deadline. */
  public static <T> T within(Duration budget, Supplier<T> work) {
    Long outer = END_NANOS.get();
    long end = System.nanoTime() + budget.toNanos();
    if (outer != null && outer - end < 0) {
      end = outer;
    }
    END_NANOS.set(end);
    try {
      return work.get();
    } finally {
      if (outer == null) {
        END_NANOS.remove();
      } else {
        END_NANOS.set(outer);
      }
    }
  }

  /** The time left, never negative; {@link #DEFAULT_BUDGET} outside {@link #within}. */
  public static Duration remaining() {
    Long end = END_NANOS.get();
    if (end == null) {
      return DEFAULT_BUDGET;
    }
    return Duration.ofNanos(Math.max(0, end - System.nanoTime()));
  }
}
