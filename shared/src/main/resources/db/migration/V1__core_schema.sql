-- Core schema: people, the comic catalog, favorites and the friend graph.
-- Accepted by MySQL 8.0 and MariaDB 10.11. All times are UTC, written by the application.

CREATE TABLE users (
  id          BIGINT UNSIGNED NOT NULL,           -- Facebook app-scoped user id
  name        VARCHAR(200)    NULL,               -- display name, filled by friend sync
  created_at  DATETIME(6)     NOT NULL,
  PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE comics (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  title       VARCHAR(200)    NOT NULL,
  publisher   VARCHAR(100)    NOT NULL,
  year        SMALLINT        NOT NULL,
  cover_key   VARCHAR(300)    NULL,               -- S3 key under public/covers/, set by the upload flow
  created_by  BIGINT UNSIGNED NULL,
  created_at  DATETIME(6)     NOT NULL,
  PRIMARY KEY (id),
  -- The catalog holds one entry per (title, publisher, year); the collation makes it case-insensitive.
  UNIQUE KEY uq_comics_identity (title, publisher, year),
  CONSTRAINT fk_comics_created_by FOREIGN KEY (created_by) REFERENCES users (id) ON DELETE SET NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE favorites (
  user_id     BIGINT UNSIGNED NOT NULL,
  comic_id    BIGINT UNSIGNED NOT NULL,
  created_at  DATETIME(6)     NOT NULL,
  note        VARCHAR(500)    NULL,
  PRIMARY KEY (user_id, comic_id),
  -- "who likes this comic": the reverse of the primary key.
  KEY ix_favorites_comic_user (comic_id, user_id),
  -- newest-first keyset pagination of one user's favorites
  KEY ix_favorites_user_created (user_id, created_at, comic_id),
  CONSTRAINT fk_favorites_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
  CONSTRAINT fk_favorites_comic FOREIGN KEY (comic_id) REFERENCES comics (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Symmetric: a friendship is stored as two rows, (a, b) and (b, a), so "my friends" is one range scan.
CREATE TABLE friendships (
  user_id     BIGINT UNSIGNED NOT NULL,
  friend_id   BIGINT UNSIGNED NOT NULL,
  created_at  DATETIME(6)     NOT NULL,
  PRIMARY KEY (user_id, friend_id),
  KEY ix_friendships_friend (friend_id),
  CONSTRAINT fk_friendships_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
  CONSTRAINT fk_friendships_friend FOREIGN KEY (friend_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
