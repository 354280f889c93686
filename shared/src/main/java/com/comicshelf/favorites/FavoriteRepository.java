package com.comicshelf.favorites;

import com.comicshelf.assets.CoverUrls;
import com.comicshelf.catalog.ComicRepository;
import com.comicshelf.sql.DuplicateKeyException;
import com.comicshelf.sql.Params;
import com.comicshelf.sql.SqlClient;
import com.comicshelf.sql.SqlRow;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;

/** The {@code favorites} table, joined with the comics it points to. */
public final class FavoriteRepository {
  private final SqlClient sql;
  private final CoverUrls covers;

  @Inject
  public FavoriteRepository(SqlClient sql, CoverUrls covers) {
    this.sql = sql;
    this.covers = covers;
  }

  /**
   * Adds a favorite, or replaces the note of an existing one. Returns true when the row is new.
   * Affected-row counts are not used to tell the cases apart: they differ between drivers' settings
   * and the RDS Data API, while a duplicate-key error means the same everywhere.
   */
  public boolean insertOrUpdateNote(long userId, long comicId, String note, Instant now) {
    Map<String, Object> params =
        Params.with("userId", userId).and("comicId", comicId).and("now", now).and("note", note).map();
    try {
      sql.update(
          """
          INSERT INTO favorites (user_id, comic_id, created_at, note)
          VALUES (:userId, :comicId, :now, :note)
          """,
          params);
      return true;
    } catch (DuplicateKeyException alreadyAFavorite) {
      sql.update(
          "UPDATE favorites SET note = :note WHERE user_id = :userId AND comic_id = :comicId", params);
      return false;
    }
  }

  public Optional<Favorite> find(long userId, long comicId) {
    return sql.queryOne(
        "SELECT " + ComicRepository.COLUMNS + """
        , f.created_at, f.note
        FROM favorites f JOIN comics c ON c.id = f.comic_id
        WHERE f.user_id = :userId AND f.comic_id = :comicId
        """,
        Map.of("userId", userId, "comicId", comicId),
        this::map);
  }

  /** When the favorite was added, locking the row until the transaction ends; empty if absent. */
  public Optional<Instant> lockAddedAt(long userId, long comicId) {
    return sql.queryOne(
        "SELECT created_at FROM favorites WHERE user_id = :userId AND comic_id = :comicId FOR UPDATE",
        Map.of("userId", userId, "comicId", comicId),
        row -> row.getInstant("created_at"));
  }

  /** Up to {@code limit} of the user's favorite comic ids, in id order. */
  public List<Long> comicIdsOf(long userId, int limit) {
    return sql.query(
        "SELECT comic_id FROM favorites WHERE user_id = :userId ORDER BY comic_id LIMIT :limit",
        Map.of("userId", userId, "limit", limit),
        row -> row.getLong("comic_id"));
  }

  public void delete(long userId, long comicId) {
    sql.update(
        "DELETE FROM favorites WHERE user_id = :userId AND comic_id = :comicId",
        Map.of("userId", userId, "comicId", comicId));
  }

  /**
   * One page of a user's favorites, newest first, strictly after the keyset position when given.
   * Uses {@code ix_favorites_user_created (user_id, created_at, comic_id)} read backwards.
   */
  public List<Favorite> newestFirst(long userId, Optional<NewestKey> after, int limit) {
    if (after.isEmpty()) {
      return sql.query(
          "SELECT " + ComicRepository.COLUMNS + """
          , f.created_at, f.note
          FROM favorites f JOIN comics c ON c.id = f.comic_id
          WHERE f.user_id = :userId
          ORDER BY f.created_at DESC, f.comic_id DESC
          LIMIT :limit
          """,
          Map.of("userId", userId, "limit", limit),
          this::map);
    }
    return sql.query(
        "SELECT " + ComicRepository.COLUMNS + """
        , f.created_at, f.note
        FROM favorites f JOIN comics c ON c.id = f.comic_id
        WHERE f.user_id = :userId
          AND (f.created_at < :afterCreatedAt
               OR (f.created_at = :afterCreatedAt AND f.comic_id < :afterComicId))
        ORDER BY f.created_at DESC, f.comic_id DESC
        LIMIT :limit
        """,
        Map.of(
            "userId", userId,
            "afterCreatedAt", after.get().createdAt(),
            "afterComicId", after.get().comicId(),
            "limit", limit),
        this::map);
  }

  /** A keyset position in newest-first order. */
  public record NewestKey(Instant createdAt, long comicId) {}

  private Favorite map(SqlRow row) {
    return new Favorite(
        ComicRepository.comicFrom(row, "id", covers),
        row.getInstant("created_at"),
        row.getString("note"));
  }
}
