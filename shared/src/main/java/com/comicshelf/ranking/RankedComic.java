package com.comicshelf.ranking;

import com.comicshelf.catalog.Comic;
import java.time.Instant;
import java.util.List;

/**
 * One row of a ranking before the "liked by" names are attached; {@code totalLikes} is the comic's
 * like count among everyone, which tells how to look for the friends among its likers, and {@code
 * recentLikerIds} the most recent friend likers when the ranking query found them (else empty).
 */
public record RankedComic(Comic comic, int count, Instant lastLikedAt, int totalLikes, List<Long> recentLikerIds) {
  public RankedComic {
    recentLikerIds = List.copyOf(recentLikerIds);
  }
}
