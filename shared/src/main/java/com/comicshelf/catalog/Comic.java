package com.comicshelf.catalog;

/** A catalog entry. */
public record Comic(long id, String title, String publisher, int year) {}
