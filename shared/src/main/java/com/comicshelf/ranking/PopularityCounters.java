package com.comicshelf.ranking;

import com.comicshelf.observability.Telemetry;
import com.comicshelf.sql.SqlClient;
import java.time.Instant;
import java.util.Map;
import javax.inject.Inject;

/**
 * Keeps the precomputed popularity exact: {@code comics.like_count} for everyone, and
 * {@code friend_favorite_counts} for users whose ranking is materialized (very many friends). Every
 * method must run in the transaction of the change it follows, after that change's own write. A
 * favorite's change reaches {@code comics} at once and the materialized friends through
 * {@link PopularityOutbox}: the counts are exact once it has applied what is pending, and whatever
 * reads a friend's favorites into a hub's counts applies that friend's pending rows first.
 */
public final class PopularityCounters {
  /** How many of its newest friend likers a precomputed row keeps ({@code recent_likers}). */
  public static final int LIKERS_KEPT = 8;

  /**
   * Whether the liker has a materialized friend to fan out to. A locking read, as the fan-out itself
   * was: a friend turning materialized either commits first (and this sees them) or waits for this
   * like and counts it from the favorites.
   */
  private static final String HAS_MATERIALIZED_FRIEND =
      """
      SELECT 1 AS found FROM friendships fr
      JOIN users hub ON hub.id = fr.user_id AND hub.ranking_materialized = 1
      WHERE fr.friend_id = :liker
      LIMIT 1
      LOCK IN SHARE MODE
      """;

  /**
   * A plain INSERT ... VALUES, not INSERT ... SELECT: MariaDB's default auto-increment lock mode holds
   * a table lock through an INSERT ... SELECT, and a lock wait inside it failed with error 1467
   * under concurrent likes.
   */
  private static final String RECORD =
      """
      INSERT INTO popularity_outbox (liker_id, comic_id, added, liked_at, created_at)
      VALUES (:liker, :comic, :added, :at, UTC_TIMESTAMP(6))
      """;

  private static final String FAVORITE_ADDED =
      """
      INSERT INTO friend_favorite_counts (user_id, comic_id, friend_count, last_liked_at, recent_likers)
      SELECT fr.user_id, :comic, 1, :at, CAST(:liker AS CHAR)
      FROM friendships fr
      JOIN users hub ON hub.id = fr.user_id AND hub.ranking_materialized = 1
      WHERE fr.friend_id = :liker
      """
          + oneMoreLike(":liker");

  private static final String FRIEND_ADDED =
      """
      INSERT INTO friend_favorite_counts (user_id, comic_id, friend_count, last_liked_at, recent_likers)
      SELECT :hub, f.comic_id, 1, f.created_at, CAST(:friend AS CHAR)
      FROM favorites f
      WHERE f.user_id = :friend
      """
          + oneMoreLike(":friend");

  /**
   * The upsert of one more like by {@code liker}. Its {@code recent_likers} is prepended when it is
   * the newest in (time, id) order, which keeps the list a correct prefix (and turns an unknown list
   * into a known one of one); otherwise it becomes unknown, since where it belongs is not known. That
   * assignment comes first: MySQL evaluates them in order, each seeing the ones before it.
   */
  private static String oneMoreLike(String liker) {
    return """
        ON DUPLICATE KEY UPDATE
          recent_likers = CASE
            WHEN VALUES(last_liked_at) > friend_favorite_counts.last_liked_at
              OR (VALUES(last_liked_at) = friend_favorite_counts.last_liked_at
                  AND %1$s > CAST(NULLIF(SUBSTRING_INDEX(friend_favorite_counts.recent_likers, ',', 1), '') AS UNSIGNED))
            THEN CONCAT_WS(',', %1$s, NULLIF(SUBSTRING_INDEX(friend_favorite_counts.recent_likers, ',', %2$d), ''))
            ELSE NULL END,
          friend_count = friend_favorite_counts.friend_count + 1,
          last_liked_at = GREATEST(friend_favorite_counts.last_liked_at, VALUES(last_liked_at))
        """
        .formatted(liker, LIKERS_KEPT - 1);
  }

  /**
   * {@code c.recent_likers} without {@code liker}. What remains is still a correct prefix: a liker
   * missing from the list was older than every liker it holds.
   */
  private static String withoutLiker(String liker) {
    return "TRIM(BOTH ',' FROM REPLACE(CONCAT(',', c.recent_likers, ','), CONCAT(',', %s, ','), ','))"
        .formatted(liker);
  }

  /**
   * The id of the newest friend liker in {@code c.recent_likers} other than {@code liker}, or NULL
   * where the list does not know one. Written to give the same answer whether MySQL evaluates it
   * before or after the list itself is updated in the same multi-table UPDATE (whose order of
   * assignments is not defined): with the liker at the head, the next one; otherwise the head.
   */
  private static String nextNewestLiker(String liker) {
    return """
        CAST(NULLIF(
          CASE WHEN SUBSTRING_INDEX(c.recent_likers, ',', 1) = CAST(%1$s AS CHAR)
               THEN NULLIF(SUBSTRING_INDEX(SUBSTRING_INDEX(c.recent_likers, ',', 2), ',', -1), CAST(%1$s AS CHAR))
               ELSE SUBSTRING_INDEX(c.recent_likers, ',', 1) END,
          '') AS UNSIGNED)"""
        .formatted(liker);
  }

  /**
   * Both removals recompute a row's latest like only where the removed like was it: from the kept
   * likers when they know the next newest (one primary-key read of their like), else by walking the
   * comic's newest likes until one is the hub's friend.
   */
  private static final String FAVORITE_REMOVED =
      """
      UPDATE friend_favorite_counts c
      JOIN friendships fr ON fr.user_id = c.user_id AND fr.friend_id = :liker
      SET c.friend_count = c.friend_count - 1,
          c.recent_likers = %s,
          c.last_liked_at = CASE WHEN c.last_liked_at = :at
                                 THEN COALESCE(
                                   (SELECT nx.created_at FROM favorites nx
                                    WHERE nx.user_id = %s AND nx.comic_id = :comic),
                                   (SELECT f.created_at
                                    FROM favorites f FORCE INDEX (ix_favorites_comic_created)
                                    STRAIGHT_JOIN friendships fr2
                                      ON fr2.user_id = c.user_id AND fr2.friend_id = f.user_id
                                    WHERE f.comic_id = :comic
                                    ORDER BY f.created_at DESC
                                    LIMIT 1),
                                   c.last_liked_at)
                                 ELSE c.last_liked_at END
      WHERE c.comic_id = :comic
      """
          .formatted(withoutLiker(":liker"), nextNewestLiker(":liker"));

  private static final String FRIEND_REMOVED =
      """
      UPDATE friend_favorite_counts c
      JOIN favorites gone ON gone.user_id = :friend AND gone.comic_id = c.comic_id
      SET c.friend_count = c.friend_count - 1,
          c.recent_likers = %s,
          c.last_liked_at = CASE WHEN c.last_liked_at = gone.created_at
                                 THEN COALESCE(
                                   (SELECT nx.created_at FROM favorites nx
                                    WHERE nx.user_id = %s AND nx.comic_id = c.comic_id),
                                   (SELECT f.created_at
                                    FROM favorites f FORCE INDEX (ix_favorites_comic_created)
                                    STRAIGHT_JOIN friendships fr ON fr.user_id = :hub AND fr.friend_id = f.user_id
                                    WHERE f.comic_id = c.comic_id
                                    ORDER BY f.created_at DESC
                                    LIMIT 1),
                                   c.last_liked_at)
                                 ELSE c.last_liked_at END
      WHERE c.user_id = :hub
      """
          .formatted(withoutLiker(":friend"), nextNewestLiker(":friend"));

  private final SqlClient sql;

  @Inject
  public PopularityCounters(SqlClient sql) {
    this.sql = sql;
  }

  /**
   * {@code likerId} just added {@code comicId}: count it globally, and record the fan-out to the
   * liker's materialized friends for {@link PopularityOutbox} to apply after the request. Returns
   * whether there was any to record.
   */
  public boolean favoriteAdded(long likerId, long comicId, Instant at) {
    Map<String, Object> params = Map.of("liker", likerId, "comic", comicId, "at", at, "added", 1);
    sql.update(
        """
        UPDATE comics
        SET like_count = like_count + 1,
            last_liked_at = GREATEST(COALESCE(last_liked_at, :at), :at)
        WHERE id = :comic
        """,
        params);
    return record(params);
  }

  /**
   * {@code likerId}'s favorite {@code comicId}, added at {@code addedAt}, was just deleted: uncount it
   * globally, and record the fan-out as {@link #favoriteAdded} does.
   */
  public boolean favoriteRemoved(long likerId, long comicId, Instant addedAt) {
    Map<String, Object> params = Map.of("liker", likerId, "comic", comicId, "at", addedAt, "added", 0);
    sql.update(
        """
        UPDATE comics
        SET like_count = like_count - 1,
            last_liked_at = CASE WHEN last_liked_at = :at
                                 THEN (SELECT MAX(f.created_at) FROM favorites f WHERE f.comic_id = :comic)
                                 ELSE last_liked_at END
        WHERE id = :comic
        """,
        params);
    return record(params);
  }

  /** Records a like's change for the applier where the liker has a materialized friend. */
  private boolean record(Map<String, Object> params) {
    if (sql.queryOne(HAS_MATERIALIZED_FRIEND, Map.of("liker", params.get("liker")), r -> r.getInt("found")).isEmpty()) {
      return false;
    }
    sql.update(RECORD, params);
    return true;
  }

  /**
   * Applies one recorded like to each materialized friend of the liker (friendships are symmetric, so
   * they are the rows pointing at the liker). Only {@link PopularityOutbox} calls it.
   */
  void fanOutAdded(long likerId, long comicId, Instant at) {
    int fannedOut = sql.update(FAVORITE_ADDED, Map.of("liker", likerId, "comic", comicId, "at", at));
    Telemetry.fannedOut(Telemetry.FanOut.FAVORITE_ADDED, fannedOut);
  }

  /**
   * Applies one recorded removal. Where the removed like was a hub's latest, the next is the kept
   * likers' next one, or found by walking the comic's newest likes until one is the hub's friend:
   * starting from the hub's friends instead probed every one of them, per hub (seconds for a liker
   * with hundreds of hubs among their friends; see the benchmark). Only {@link PopularityOutbox}
   * calls it.
   */
  void fanOutRemoved(long likerId, long comicId, Instant addedAt) {
    Map<String, Object> params = Map.of("liker", likerId, "comic", comicId, "at", addedAt);
    int fannedOut = sql.update(FAVORITE_REMOVED, params);
    sql.update(
        """
        DELETE c FROM friend_favorite_counts c
        JOIN friendships fr ON fr.user_id = c.user_id AND fr.friend_id = :liker
        WHERE c.comic_id = :comic AND c.friend_count <= 0
        """,
        params);
    Telemetry.fannedOut(Telemetry.FanOut.FAVORITE_REMOVED, fannedOut);
  }

  /** Materialized user {@code hubId} just gained friend {@code friendId}: add the friend's favorites. */
  public void friendAdded(long hubId, long friendId) {
    int rows = sql.update(FRIEND_ADDED, Map.of("hub", hubId, "friend", friendId));
    Telemetry.fannedOut(Telemetry.FanOut.FRIENDS_CHANGED, rows);
  }

  /**
   * Materialized user {@code hubId} just lost friend {@code friendId} (the friendship rows are
   * already deleted): take the friend's favorites out again.
   */
  public void friendRemoved(long hubId, long friendId) {
    Map<String, Object> params = Map.of("hub", hubId, "friend", friendId);
    int rows = sql.update(FRIEND_REMOVED, params);
    sql.update(
        "DELETE FROM friend_favorite_counts WHERE user_id = :hub AND friend_count <= 0", params);
    Telemetry.fannedOut(Telemetry.FanOut.FRIENDS_CHANGED, rows);
  }

  /**
   * Recomputes a materialized user's counts from scratch (when they turn materialized or re-sync).
   * The kept likers start unknown, and a ranking keeps them for the rows it shows: numbering every
   * like of every comic to find them (ROW_NUMBER per comic) made this statement 1.3-1.6x as long for
   * a user with 5,000 friends on the benchmark's data.
   */
  public void rebuild(long hubId) {
    clear(hubId);
    int rows = sql.update(
        """
        INSERT INTO friend_favorite_counts (user_id, comic_id, friend_count, last_liked_at)
        SELECT :hub, f.comic_id, COUNT(*), MAX(f.created_at)
        FROM friendships fr
        JOIN favorites f ON f.user_id = fr.friend_id
        WHERE fr.user_id = :hub
        GROUP BY f.comic_id
        """,
        Map.of("hub", hubId));
    Telemetry.fannedOut(Telemetry.FanOut.FRIENDS_CHANGED, rows);
  }

  /** Drops a user's precomputed counts (their ranking is no longer materialized). */
  public void clear(long userId) {
    sql.update("DELETE FROM friend_favorite_counts WHERE user_id = :hub", Map.of("hub", userId));
  }
}
