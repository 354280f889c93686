package com.comicshelf.ranking;

/**
 * Which users get a precomputed ranking: those with at least {@code minFriends} friends at their
 * last sync. Below it, aggregating on the fly is fast enough and costs nothing on writes; above it,
 * the read cost grows with friends × favorites, so each favorite change is fanned out instead.
 */
public record MaterializationPolicy(int minFriends) {
  public MaterializationPolicy {
    if (minFriends < 1) {
      throw new IllegalArgumentException("minFriends must be positive: " + minFriends);
    }
  }

  public boolean materializes(int friendCount) {
    return friendCount >= minFriends;
  }
}
