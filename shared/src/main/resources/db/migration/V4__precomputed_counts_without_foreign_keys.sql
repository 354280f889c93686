-- friend_favorite_counts is derived data: the application keeps it exact in the transaction of every
-- favorite and friendship change. Its foreign keys made each fan-out row take shared locks on the
-- comic's row and the hub's user row, which concurrent likes (the comic) and friend syncs (the users)
-- hold exclusively: under load, likes and syncs deadlocked on them. Rows of a deleted user or comic
-- are deleted explicitly by the code that deletes them. The index on comic_id stays: the fan-out of
-- a removed like reads it.
ALTER TABLE friend_favorite_counts
  DROP FOREIGN KEY fk_ffc_user,
  DROP FOREIGN KEY fk_ffc_comic;
