package com.comicshelf.catalog;

import com.comicshelf.assets.CoverUrls;
import com.comicshelf.sql.SqlClient;
import com.comicshelf.sql.SqlRow;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;

/** Reads and writes the {@code comics} table. */
public final class ComicRepository {
  /** The columns {@link #comicFrom} reads, for every query that returns comics (table alias {@code c}). */
  public static final String COLUMNS = "c.id, c.title, c.publisher, c.year, c.cover_key";

  private final SqlClient sql;
  private final CoverUrls covers;

  @Inject
  public ComicRepository(SqlClient sql, CoverUrls covers) {
    this.sql = sql;
    this.covers = covers;
  }

  public Optional<Comic> find(long id) {
    return sql.queryOne(
        "SELECT " + COLUMNS + " FROM comics c WHERE c.id = :id", Map.of("id", id), this::map);
  }

  /**
   * Locks the comic's row until the transaction ends; false when there is no such comic. Every write
   * to a comic's favorites takes this lock first (see {@code FavoritesService}).
   */
  public boolean lockForUpdate(long id) {
    return sql.queryOne("SELECT id FROM comics WHERE id = :id FOR UPDATE", Map.of("id", id), row -> row.getLong("id"))
        .isPresent();
  }

  public Optional<Long> findIdByIdentity(String title, String publisher, int year) {
    return sql.queryOne(
        """
        SELECT id FROM comics
        WHERE title = :title AND publisher = :publisher AND year = :year
        """,
        Map.of("title", title, "publisher", publisher, "year", year),
        row -> row.getLong("id"));
  }

  /** Inserts a comic; throws {@code DuplicateKeyException} when its identity exists already. */
  public long insert(NewComic comic, long createdBy, Instant now) {
    return sql.insertReturningKey(
        """
        INSERT INTO comics (title, publisher, year, created_by, created_at)
        VALUES (:title, :publisher, :year, :createdBy, :now)
        """,
        Map.of(
            "title", comic.title(),
            "publisher", comic.publisher(),
            "year", comic.year(),
            "createdBy", createdBy,
            "now", now));
  }

  /**
   * Comics whose title contains {@code needle} (case-insensitive), ordered by title then id, after
   * the keyset position {@code (afterTitle, afterId)} when given; fetches {@code limit} rows.
   */
  public List<Comic> searchByTitle(String needle, Optional<TitleKey> after, int limit) {
    String pattern = "%" + escapeLike(needle) + "%";
    if (after.isEmpty()) {
      return sql.query(
          "SELECT " + COLUMNS + """
           FROM comics c
          WHERE c.title LIKE :pattern
          ORDER BY c.title, c.id
          LIMIT :limit
          """,
          Map.of("pattern", pattern, "limit", limit),
          this::map);
    }
    return sql.query(
        "SELECT " + COLUMNS + """
         FROM comics c
        WHERE c.title LIKE :pattern
          AND (c.title > :afterTitle OR (c.title = :afterTitle AND c.id > :afterId))
        ORDER BY c.title, c.id
        LIMIT :limit
        """,
        Map.of(
            "pattern", pattern,
            "afterTitle", after.get().title(),
            "afterId", after.get().id(),
            "limit", limit),
        this::map);
  }

  /** A keyset position in title order. */
  public record TitleKey(String title, long id) {}

  /**
   * Forgets who created the comics {@code userId} created (they are leaving); the comics stay in the
   * catalog, which everyone shares. Returns how many comics they had created.
   */
  public int forgetCreator(long userId) {
    return sql.update("UPDATE comics SET created_by = NULL WHERE created_by = :userId", Map.of("userId", userId));
  }

  private Comic map(SqlRow row) {
    return comicFrom(row, "id", covers);
  }

  /**
   * Reads a comic from a row that selected {@link #COLUMNS} (its id as {@code idColumn}): every query
   * that returns comics does.
   */
  public static Comic comicFrom(SqlRow row, String idColumn, CoverUrls covers) {
    return new Comic(
        row.getLong(idColumn),
        row.getString("title"),
        row.getString("publisher"),
        row.getInt("year"),
        covers.urlOf(row.getString("cover_key")));
  }

  private static String escapeLike(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
