package com.comicshelf.testing;

import com.comicshelf.sql.SqlClient;
import java.time.Instant;
import java.util.Map;

/** Inserts rows directly, for tests that need a known starting state. */
public final class Fixtures {
  private final SqlClient sql;

  public Fixtures(SqlClient sql) {
    this.sql = sql;
  }

  public void user(long id, String name) {
    sql.update(
        "INSERT INTO users (id, name, created_at) VALUES (:id, :name, :now)",
        Map.of("id", id, "name", name, "now", Instant.parse("2026-01-01T00:00:00Z")));
  }

  public long comic(String title, String publisher, int year) {
    return sql.insertReturningKey(
        "INSERT INTO comics (title, publisher, year, created_at) VALUES (:t, :p, :y, :now)",
        Map.of("t", title, "p", publisher, "y", year, "now", Instant.parse("2026-01-01T00:00:00Z")));
  }

  /** A comic added by {@code createdBy} (an existing user): the only one who may set its cover. */
  public long comic(String title, String publisher, int year, long createdBy) {
    return sql.insertReturningKey(
        "INSERT INTO comics (title, publisher, year, created_by, created_at) VALUES (:t, :p, :y, :by, :now)",
        Map.of("t", title, "p", publisher, "y", year, "by", createdBy, "now", Instant.parse("2026-01-01T00:00:00Z")));
  }

  /** A pending cover upload, as {@code POST /me/uploads} records it. */
  public void pendingUpload(
      long id, long uploader, long comic, String contentType, long size, Instant createdAt, Instant expiresAt) {
    sql.update(
        """
        INSERT INTO uploads (id, uploader_id, comic_id, content_type, declared_size, status, created_at, expires_at)
        VALUES (:id, :uploader, :comic, :type, :size, 'pending', :createdAt, :expiresAt)
        """,
        Map.of(
            "id", id,
            "uploader", uploader,
            "comic", comic,
            "type", contentType,
            "size", size,
            "createdAt", createdAt,
            "expiresAt", expiresAt));
  }

  /** Stores a friendship both ways, as the application does. */
  public void friends(long a, long b) {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    sql.update(
        "INSERT INTO friendships (user_id, friend_id, created_at) VALUES (:a, :b, :now), (:b, :a, :now)",
        Map.of("a", a, "b", b, "now", now));
  }
}
