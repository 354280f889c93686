package com.comicshelf.bench;

import com.comicshelf.ranking.FanOutTrigger;
import com.comicshelf.ranking.PopularityOutbox;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The fan-out function as the benchmark runs it: one background thread that applies the outbox when a
 * request wakes it (as the favorites function wakes the fan-out function in AWS), and records how long
 * each applied like waited after its request recorded it: the lag of the friends' rankings.
 */
final class BackgroundFanOut implements FanOutTrigger, AutoCloseable {
  private final PopularityOutbox outbox;
  private final Thread thread;
  private boolean woken;
  private boolean closed;
  private RuntimeException failure;
  private Samples addLags = new Samples();
  private Samples removeLags = new Samples();

  BackgroundFanOut(PopularityOutbox outbox) {
    this.outbox = outbox;
    this.thread = new Thread(this::run, "bench-fan-out");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public synchronized void likesRecorded() {
    woken = true;
    notifyAll();
  }

  private void run() {
    try {
      while (awaitWake()) {
        for (List<PopularityOutbox.Applied> batch = outbox.applyPending(PopularityOutbox.BATCH);
            !batch.isEmpty();
            batch = outbox.applyPending(PopularityOutbox.BATCH)) {
          record(batch, Instant.now());
        }
      }
    } catch (RuntimeException e) {
      synchronized (this) {
        failure = e;
        notifyAll();
      }
    }
  }

  private synchronized boolean awaitWake() {
    while (!woken && !closed) {
      try {
        wait();
      } catch (InterruptedException e) {
        return false;
      }
    }
    woken = false;
    return !closed;
  }

  private synchronized void record(List<PopularityOutbox.Applied> batch, Instant committed) {
    for (PopularityOutbox.Applied applied : batch) {
      (applied.added() ? addLags : removeLags).add(Duration.between(applied.recordedAt(), committed).toNanos() / 1e6);
    }
    notifyAll();
  }

  /** Waits until nothing is pending (the applier caught up), so the next timed call starts from rest. */
  void awaitDrained() {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (outbox.pendingCount() > 0) {
      synchronized (this) {
        if (failure != null) {
          throw new IllegalStateException("the fan-out applier failed", failure);
        }
        if (System.nanoTime() - deadline > 0) {
          throw new IllegalStateException("the outbox did not drain within 2 minutes");
        }
        try {
          wait(5);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    }
  }

  /** The lags recorded since the last call: {added, removed}. */
  synchronized Samples[] takeLags() {
    Samples[] lags = {addLags, removeLags};
    addLags = new Samples();
    removeLags = new Samples();
    return lags;
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      notifyAll();
    }
    try {
      thread.join(Duration.ofSeconds(30).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
