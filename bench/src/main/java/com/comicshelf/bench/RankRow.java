package com.comicshelf.bench;

import java.util.List;

/**
 * One ranked comic in a form every variant can produce, for the cross-check: the comic, how many
 * friends like it, the latest like (microseconds, UTC) and up to three likers, most recent first
 * (null for a variant that does not fetch them).
 */
record RankRow(long comicId, int count, long lastLikedMicros, List<Long> likedBy) {
  RankRow withoutLikers() {
    return new RankRow(comicId, count, lastLikedMicros, null);
  }
}
