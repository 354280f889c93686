package com.comicshelf.ranking;

import com.comicshelf.catalog.Comic;
import java.time.Instant;

/**
 * One row of a ranking before the "liked by" names are attached; {@code totalLikes} is the comic's
 * like count among everyone, which tells how to look for the friends among its likers.
 */
public record RankedComic(Comic comic, int count, Instant lastLikedAt, int totalLikes) {}
