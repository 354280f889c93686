package com.comicshelf.ranking;

import com.comicshelf.catalog.Comic;
import java.time.Instant;
import java.util.List;

/**
 * A comic in a popularity ranking: how many people like it ({@code friendCount}: among my friends,
 * or among everyone for the global ranking), when the latest of them added it, and up to three of
 * those friends, most recent first (empty in the global ranking).
 */
public record PopularComic(Comic comic, int friendCount, Instant lastLikedAt, List<FriendRef> likedBy) {
  public PopularComic {
    likedBy = List.copyOf(likedBy);
  }
}
