package com.comicshelf.catalog;

/** A catalog entry; {@code coverUrl} is the public URL of its cover image, null when it has none. */
public record Comic(long id, String title, String publisher, int year, String coverUrl) {}
