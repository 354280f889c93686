package com.comicshelf.ranking;

import com.comicshelf.catalog.Comic;
import java.time.Instant;
import java.util.List;

/**
 * One row of a ranking before the "liked by" names are attached; {@code totalLikes} is the comic's
 * like count among everyone, which tells how to look for the friends among its likers, and {@code
 * recentLikerIds} the most recent friend likers as far as the ranking query knew them (possibly
 * fewer than asked for, or none: see {@link #knowsLikers}).
 */
public record RankedComic(Comic comic, int count, Instant lastLikedAt, int totalLikes, List<Long> recentLikerIds) {
  public RankedComic {
    recentLikerIds = List.copyOf(recentLikerIds);
  }

  /** Whether {@code recentLikerIds} holds all of the {@code wanted} newest friend likers there are. */
  public boolean knowsLikers(int wanted) {
    return recentLikerIds.size() >= Math.min(wanted, count);
  }
}
