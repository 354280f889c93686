package com.comicshelf.ranking;

/**
 * The ranking SQL exactly as {@link FriendPopularityQuery} runs it, for the benchmark's EXPLAIN: this
 * class shares the package so the statements are read from the constants, never copied.
 */
public final class RankingSql {
  private RankingSql() {}

  /** The on-the-fly aggregation, without the {@code excludeMine} clause. */
  public static String aggregated() {
    return FriendPopularityQuery.AGGREGATED.formatted("");
  }

  /** The read of the precomputed counts, without the {@code excludeMine} clause. */
  public static String materialized() {
    return FriendPopularityQuery.MATERIALIZED.formatted("");
  }
}
