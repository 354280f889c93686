package com.comicshelf.ranking;

import com.comicshelf.assets.CoverUrls;
import com.comicshelf.catalog.ComicRepository;
import com.comicshelf.sql.SqlClient;
import com.comicshelf.sql.SqlRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;

/**
 * "Most popular among my friends": comics ordered by how many of my friends have them as favorites,
 * then by the most recent like, then by comic id.
 *
 * <p>Two ways to the same answer. {@link #aggregated} joins my friendships with my friends'
 * favorites and groups: one range scan per friend on the favorites primary key {@code (user_id,
 * comic_id)}, which also holds {@code created_at}, so no other index is touched. Its cost grows
 * with friends × favorites. {@link #materialized} reads the top rows of {@code
 * friend_favorite_counts} through {@code ix_ffc_rank (user_id, friend_count DESC, last_liked_at
 * DESC, comic_id)}, which is already in ranking order: it stops after {@code limit} rows, whatever
 * the number of friends. See the README for the EXPLAIN of both.
 */
public final class FriendPopularityQuery {
  private static final String EXCLUDE_MINE =
      "AND NOT EXISTS (SELECT 1 FROM favorites mine WHERE mine.user_id = :me AND mine.comic_id = r.comic_id)";

  static final String AGGREGATED =
      """
      SELECT r.comic_id, r.friend_count, r.last_liked_at, c.title, c.publisher, c.year, c.cover_key
      FROM (
        SELECT f.comic_id, COUNT(*) AS friend_count, MAX(f.created_at) AS last_liked_at
        FROM friendships fr
        JOIN favorites f ON f.user_id = fr.friend_id
        WHERE fr.user_id = :me
        GROUP BY f.comic_id
      ) r
      JOIN comics c ON c.id = r.comic_id
      WHERE 1 = 1 %s
      ORDER BY r.friend_count DESC, r.last_liked_at DESC, r.comic_id
      LIMIT :limit
      """;

  static final String MATERIALIZED =
      """
      SELECT r.comic_id, r.friend_count, r.last_liked_at, c.title, c.publisher, c.year, c.cover_key
      FROM friend_favorite_counts r
      JOIN comics c ON c.id = r.comic_id
      WHERE r.user_id = :me %s
      ORDER BY r.friend_count DESC, r.last_liked_at DESC, r.comic_id
      LIMIT :limit
      """;

  private final SqlClient sql;
  private final CoverUrls covers;

  @Inject
  public FriendPopularityQuery(SqlClient sql, CoverUrls covers) {
    this.sql = sql;
    this.covers = covers;
  }

  public List<RankedComic> aggregated(long me, int limit, boolean excludeMine) {
    return sql.query(
        AGGREGATED.formatted(excludeMine ? EXCLUDE_MINE : ""),
        Map.of("me", me, "limit", limit),
        this::map);
  }

  public List<RankedComic> materialized(long me, int limit, boolean excludeMine) {
    return sql.query(
        MATERIALIZED.formatted(excludeMine ? EXCLUDE_MINE : ""),
        Map.of("me", me, "limit", limit),
        this::map);
  }

  /**
   * Up to {@code perComic} of my friends who like each comic, most recent first. One round trip: a
   * UNION of small queries, each walking the comic's newest likes on {@code
   * ix_favorites_comic_created} and stopping after {@code perComic} friends.
   */
  public Map<Long, List<FriendRef>> recentFriendLikers(long me, List<Long> comicIds, int perComic) {
    Map<Long, List<FriendRef>> byComic = new LinkedHashMap<>();
    if (comicIds.isEmpty()) {
      return byComic;
    }
    StringBuilder union = new StringBuilder();
    Map<String, Object> params = new HashMap<>();
    params.put("me", me);
    params.put("per", perComic);
    for (int i = 0; i < comicIds.size(); i++) {
      if (i > 0) {
        union.append(" UNION ALL ");
      }
      union.append(
          """
          (SELECT f.comic_id, f.user_id, u.name, f.created_at
           FROM favorites f
           JOIN friendships fr ON fr.user_id = :me AND fr.friend_id = f.user_id
           JOIN users u ON u.id = f.user_id
           WHERE f.comic_id = :c%d
           ORDER BY f.created_at DESC, f.user_id DESC
           LIMIT :per)"""
              .formatted(i));
      params.put("c" + i, comicIds.get(i));
      byComic.put(comicIds.get(i), new ArrayList<>());
    }
    // Each branch is ordered for its LIMIT; the outer ORDER BY fixes the order of the whole result.
    union.append(" ORDER BY created_at DESC, user_id DESC");
    sql.query(
        union.toString(),
        params,
        r -> byComic.get(r.getLong("comic_id")).add(new FriendRef(r.getLong("user_id"), r.getString("name"))));
    return byComic;
  }

  private RankedComic map(SqlRow row) {
    return new RankedComic(
        ComicRepository.comicFrom(row, "comic_id", covers),
        row.getInt("friend_count"),
        row.getInstant("last_liked_at"));
  }
}
