-- Friend sync and "popular among my friends".

-- How many friends a user had at their last sync, and whether their ranking is kept precomputed
-- (users with very many friends; see friend_favorite_counts).
ALTER TABLE users
  ADD COLUMN friend_count         INT        NOT NULL DEFAULT 0,
  ADD COLUMN ranking_materialized TINYINT(1) NOT NULL DEFAULT 0;

-- Newest likers of a comic first: "liked by Ann, Bob and 3 others" and the global ranking's tie-break.
CREATE INDEX ix_favorites_comic_created ON favorites (comic_id, created_at, user_id);

-- Global popularity, kept exact in the same transaction as each favorite change. The DESC key
-- parts (MariaDB 10.8+, MySQL 8.0) match the ranking order, so a top-N read stops after N rows.
ALTER TABLE comics
  ADD COLUMN like_count    INT         NOT NULL DEFAULT 0,
  ADD COLUMN last_liked_at DATETIME(6) NULL,
  ADD KEY ix_comics_popular (like_count DESC, last_liked_at DESC, id);

-- For users whose ranking is materialized only: per (user, comic), how many of the user's friends
-- have the comic as a favorite, and when the latest of them added it. Kept exact by fan-out on write,
-- in the same transaction as the favorite or friendship change.
CREATE TABLE friend_favorite_counts (
  user_id       BIGINT UNSIGNED NOT NULL,
  comic_id      BIGINT UNSIGNED NOT NULL,
  friend_count  INT             NOT NULL,
  last_liked_at DATETIME(6)     NOT NULL,
  PRIMARY KEY (user_id, comic_id),
  KEY ix_ffc_rank (user_id, friend_count DESC, last_liked_at DESC, comic_id),
  CONSTRAINT fk_ffc_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
  CONSTRAINT fk_ffc_comic FOREIGN KEY (comic_id) REFERENCES comics (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
