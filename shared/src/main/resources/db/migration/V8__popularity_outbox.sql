-- The fan-out of a like to the precomputed rankings of the liker's materialized friends leaves the
-- request: the request records the change here, in its own transaction, and a background applier
-- (PopularityOutbox) applies it and deletes the row. Pending rows are what the precomputed counts do
-- not yet reflect. Writes to one comic lock its row first, so one comic's rows are numbered in commit
-- order; the applier keeps that order per comic. No foreign keys: rows live for a moment, and a
-- deleted user's pending rows are applied (to no one) before the user's friendships go.
CREATE TABLE popularity_outbox (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  liker_id    BIGINT UNSIGNED NOT NULL,
  comic_id    BIGINT UNSIGNED NOT NULL,
  -- 1: the like was added; 0: it was removed
  added       TINYINT(1)      NOT NULL,
  -- the like's own created_at (for a removal, the time it had been added)
  liked_at    DATETIME(6)     NOT NULL,
  -- when the request recorded it (UTC), to measure how long friends' rankings lag
  created_at  DATETIME(6)     NOT NULL,
  PRIMARY KEY (id),
  -- a friend sync applies the pending likes of the friends it changes first
  KEY ix_outbox_liker (liker_id, id),
  -- the applier keeps one comic's rows in order; a ranking does not keep likers of a pending comic
  KEY ix_outbox_comic (comic_id, id)
) ENGINE = InnoDB DEFAULT CHARSET = ascii;
