package com.comicshelf.ratelimit;

import java.time.Duration;
import java.time.Instant;

/**
 * Counts each user's actions per fixed window and refuses those over the action's limit. A window is
 * aligned to the epoch ({@code [k·window, (k+1)·window)}), so a user can reach twice the limit across
 * a window boundary at most; simple, exact under concurrency, and one atomic write per action.
 */
public interface RateLimiter {
  /** Counts one {@code action} by {@code userId} at {@code now} if under its limit. */
  Decision acquire(long userId, Action action, Instant now);

  /**
   * Takes back one action counted by {@link #acquire} in the window starting at {@code windowStart}:
   * the request created nothing (a client mistake, or a failure that rolled back), and only what was
   * created counts.
   */
  void refund(long userId, Action action, Instant windowStart);

  /** Deletes every counter of {@code userId} (the person is leaving). */
  void forgetUser(long userId);

  /** What may be done how often, per user. */
  enum Action {
    COMIC_CREATED(20, Duration.ofHours(1)),
    UPLOAD_STARTED(30, Duration.ofHours(1)),
    FRIENDS_SYNCED(12, Duration.ofHours(1));

    private final int limit;
    private final Duration window;

    Action(int limit, Duration window) {
      this.limit = limit;
      this.window = window;
    }

    public int limit() {
      return limit;
    }

    public Duration window() {
      return window;
    }

    /** The start of the window {@code now} falls in. */
    public Instant windowStart(Instant now) {
      long size = window.toMillis();
      return Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), size) * size);
    }
  }

  /** Allowed (counted in the window starting at {@code windowStart}), or refused until {@code retryAfter} has passed. */
  record Decision(boolean allowed, Duration retryAfter, Instant windowStart) {
    public static Decision allow(Instant windowStart) {
      return new Decision(true, Duration.ZERO, windowStart);
    }

    public static Decision refuseUntil(Instant windowStart, Instant windowEnd, Instant now) {
      return new Decision(false, Duration.between(now, windowEnd), windowStart);
    }
  }
}
