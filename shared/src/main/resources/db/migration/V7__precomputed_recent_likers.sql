-- "Liked by Ann, Bob and Cy" for a precomputed ranking without walking the comic's likes: each
-- friend_favorite_counts row keeps the ids of its newest friend likers, newest first (created_at
-- DESC, user id DESC), comma-separated, at most 8. The list is always a correct prefix of that
-- order; it may be shorter than friend_count (a removal takes its liker out, and the kept list is not
-- refilled), and NULL where it is not known (a like that arrives older than the newest one: a
-- friend added by a sync, or clocks that disagree). Readers use it when it holds at least the names
-- they show, and otherwise walk the comic's likes as before. Existing rows start NULL; rebuilding a
-- user's counts fills them.
ALTER TABLE friend_favorite_counts
  ADD COLUMN recent_likers VARCHAR(200) CHARACTER SET ascii NULL;
