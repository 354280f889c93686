package com.comicshelf.observability;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What domain code tells the operator while it serves a request: which way a ranking was computed
 * and how long it took, how many precomputed rows a write fanned out to, how an upload ended, that
 * the database was resuming. Like a logging context, it belongs to the thread serving the request
 * ({@link RequestLog} opens and closes it); outside a request every call is a no-op, so services stay
 * free of any logging or metrics type.
 */
public final class Telemetry {
  /** How a ranking was answered. */
  public enum RankingPath {
    AGGREGATED("aggregated"),
    PRECOMPUTED("precomputed"),
    GLOBAL("global");

    final String dimension;

    RankingPath(String dimension) {
      this.dimension = dimension;
    }
  }

  /** Which write fanned out to precomputed rankings. */
  public enum FanOut {
    FAVORITE_ADDED("favorite-added"),
    FAVORITE_REMOVED("favorite-removed"),
    FRIENDS_CHANGED("friends-changed");

    final String dimension;

    FanOut(String dimension) {
      this.dimension = dimension;
    }
  }

  private static final ThreadLocal<Telemetry> CURRENT = new ThreadLocal<>();

  /** Ranking computations of this request (usually one). */
  final Map<RankingPath, Duration> rankings = new EnumMap<>(RankingPath.class);
  /** Precomputed rows written per kind of write, summed over the request. */
  final Map<FanOut, Integer> fanOut = new EnumMap<>(FanOut.class);
  /** Upload outcomes of this request, by name. */
  final Map<String, Integer> uploads = new TreeMap<>();
  int databaseResumeWaits;

  Telemetry() {}

  static Telemetry open() {
    Telemetry telemetry = new Telemetry();
    CURRENT.set(telemetry);
    return telemetry;
  }

  static void close() {
    CURRENT.remove();
  }

  public static void rankingServed(RankingPath path, Duration took) {
    Telemetry t = CURRENT.get();
    if (t != null) {
      t.rankings.merge(path, took, Duration::plus);
    }
  }

  /** {@code rows} rows of friend_favorite_counts (or like counters) written for one change. */
  public static void fannedOut(FanOut write, int rows) {
    Telemetry t = CURRENT.get();
    if (t != null) {
      t.fanOut.merge(write, rows, Integer::sum);
    }
  }

  /** How an upload completion ended: completed, rejected, expired, changed, not-uploaded. */
  public static void uploadFinished(String outcome) {
    Telemetry t = CURRENT.get();
    if (t != null) {
      t.uploads.merge(outcome, 1, Integer::sum);
    }
  }

  /** The database answered that it is resuming (paused at 0 ACUs); the request waits and retries. */
  public static void databaseResuming() {
    Telemetry t = CURRENT.get();
    if (t != null) {
      t.databaseResumeWaits++;
    }
  }
}
