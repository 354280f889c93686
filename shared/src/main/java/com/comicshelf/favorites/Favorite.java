package com.comicshelf.favorites;

import com.comicshelf.catalog.Comic;
import java.time.Instant;

/** A comic someone keeps as a favorite, with when they added it and an optional note. */
public record Favorite(Comic comic, Instant createdAt, String note) {}
