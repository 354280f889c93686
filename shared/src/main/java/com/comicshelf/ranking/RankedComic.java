package com.comicshelf.ranking;

import com.comicshelf.catalog.Comic;
import java.time.Instant;

/** One row of a ranking before the "liked by" names are attached. */
public record RankedComic(Comic comic, int count, Instant lastLikedAt) {}
