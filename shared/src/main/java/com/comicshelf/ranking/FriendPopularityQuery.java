package com.comicshelf.ranking;

import com.comicshelf.assets.CoverUrls;
import com.comicshelf.catalog.ComicRepository;
import com.comicshelf.sql.Params;
import com.comicshelf.sql.SqlClient;
import com.comicshelf.sql.SqlRow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
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
      SELECT r.friend_count, r.last_liked_at, r.recent_likers, c.like_count, %s
      FROM (
        SELECT f.comic_id, COUNT(*) AS friend_count, MAX(f.created_at) AS last_liked_at,
               SUBSTRING_INDEX(
                 GROUP_CONCAT(f.user_id ORDER BY f.created_at DESC, f.user_id DESC), ',', :per) AS recent_likers
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
      SELECT r.friend_count, r.last_liked_at, SUBSTRING_INDEX(r.recent_likers, ',', :per) AS recent_likers,
             c.like_count, %s
      FROM friend_favorite_counts r FORCE INDEX (ix_ffc_rank)
      STRAIGHT_JOIN comics c ON c.id = r.comic_id
      WHERE r.user_id = :me %s
      ORDER BY r.friend_count DESC, r.last_liked_at DESC, r.comic_id
      LIMIT :limit
      """;

  /** How many friends {@code likedBy} names per comic. */
  public static final int LIKERS_PER_COMIC = 3;

  private final SqlClient sql;
  private final CoverUrls covers;
  private final PopularityOutbox outbox;

  @Inject
  public FriendPopularityQuery(SqlClient sql, CoverUrls covers, PopularityOutbox outbox) {
    this.sql = sql;
    this.covers = covers;
    this.outbox = outbox;
  }

  /**
   * The ranking aggregated on the fly. Each row also carries the ids of the comic's {@link
   * #LIKERS_PER_COMIC} most recent friend likers, taken from the rows the aggregation reads anyway
   * (GROUP_CONCAT in like order; a truncated concatenation still starts with them), so {@code likedBy}
   * needs no second pass over the likes: see {@link #namedLikers}.
   */
  public List<RankedComic> aggregated(long me, int limit, boolean excludeMine) {
    return sql.query(
        AGGREGATED.formatted(ComicRepository.COLUMNS, excludeMine ? EXCLUDE_MINE : ""),
        Map.of("me", me, "limit", limit, "per", LIKERS_PER_COMIC),
        this::map);
  }

  /**
   * {@code likedBy} of each ranked comic, in ranking order: the likers the ranking query found,
   * named in one primary-key lookup, and for the comics whose likers it did not know (a precomputed
   * row whose kept list is unknown or was shortened by removals) a walk of their likes, which is then
   * kept in their rows ({@link #walkAndKeep}) so the next ranking reads it.
   */
  public Map<Long, List<FriendRef>> likedBy(long me, int myFriendCount, List<RankedComic> ranked) {
    Map<Boolean, List<RankedComic>> byKnown =
        ranked.stream().collect(Collectors.partitioningBy(r -> r.knowsLikers(LIKERS_PER_COMIC)));
    Map<Long, List<FriendRef>> named = namedLikers(byKnown.get(true));
    Map<Long, List<FriendRef>> walked =
        byKnown.get(false).isEmpty() ? Map.of() : walkAndKeep(me, myFriendCount, byKnown.get(false));
    Map<Long, List<FriendRef>> byComic = new LinkedHashMap<>();
    for (RankedComic r : ranked) {
      long id = r.comic().id();
      List<FriendRef> likers = named.containsKey(id) ? named.get(id) : walked.get(id);
      byComic.put(id, List.copyOf(likers.subList(0, Math.min(LIKERS_PER_COMIC, likers.size()))));
    }
    return byComic;
  }

  /**
   * Walks the newest likes of precomputed rows whose kept likers were not known, and keeps up to
   * {@link PopularityCounters#LIKERS_KEPT} of them in the rows. The rows are locked first (in comic
   * order, the order in which a friend sync's statements reach them), and the walk is the transaction's
   * first consistent read, so its snapshot is taken after the locks: it sees every like committed
   * before them, and any later change to those rows waits for this commit. So what it keeps is exact.
   * Rows gone since the ranking read (their last friend like removed) are skipped, and so are comics
   * with a like still pending in the outbox: the walk sees it, the counts do not yet, and applying it
   * would add its liker a second time.
   */
  private Map<Long, List<FriendRef>> walkAndKeep(long me, int myFriendCount, List<RankedComic> unknown) {
    return sql.inTransaction(
        () -> {
          Map<String, Object> params = new HashMap<>();
          params.put("me", me);
          String in = Params.inList("c", unknown.stream().map(r -> r.comic().id()).toList(), params);
          List<Long> rows =
              sql.query(
                  "SELECT comic_id FROM friend_favorite_counts WHERE user_id = :me AND comic_id IN (" + in
                      + ") ORDER BY comic_id FOR UPDATE",
                  params,
                  r -> r.getLong("comic_id"));
          Set<Long> pending = outbox.pendingComics(rows);
          List<Long> locked = rows.stream().filter(c -> !pending.contains(c)).toList();
          Map<Long, List<FriendRef>> walked =
              recentFriendLikers(me, myFriendCount, unknown, PopularityCounters.LIKERS_KEPT);
          if (!locked.isEmpty()) {
            sql.batchUpdate(
                "UPDATE friend_favorite_counts SET recent_likers = :likers WHERE user_id = :me AND comic_id = :comic",
                locked.stream()
                    .map(
                        comic ->
                            Map.of(
                                "me", me,
                                "comic", comic,
                                "likers", walked.get(comic).stream().map(f -> Long.toString(f.id())).collect(Collectors.joining(","))))
                    .toList());
          }
          return walked;
        });
  }

  /** Names the likers {@link #aggregated} or {@link #materialized} found, in one primary-key lookup. */
  public Map<Long, List<FriendRef>> namedLikers(List<RankedComic> ranked) {
    Map<String, Object> params = new HashMap<>();
    List<Long> ids = ranked.stream().flatMap(r -> r.recentLikerIds().stream()).distinct().toList();
    String in = Params.inList("u", ids, params);
    Map<Long, String> names = new HashMap<>();
    if (!ids.isEmpty()) {
      sql.query(
          "SELECT id, name FROM users WHERE id IN (" + in + ")",
          params,
          r -> names.put(r.getLong("id"), r.getString("name")));
    }
    Map<Long, List<FriendRef>> byComic = new LinkedHashMap<>();
    for (RankedComic r : ranked) {
      byComic.put(
          r.comic().id(), r.recentLikerIds().stream().map(id -> new FriendRef(id, names.get(id))).toList());
    }
    return byComic;
  }

  public List<RankedComic> materialized(long me, int limit, boolean excludeMine) {
    return sql.query(
        MATERIALIZED.formatted(ComicRepository.COLUMNS, excludeMine ? EXCLUDE_MINE : ""),
        Map.of("me", me, "limit", limit, "per", LIKERS_PER_COMIC),
        this::map);
  }

  /**
   * Up to {@code perComic} of my friends who like each ranked comic, most recent first, in one round
   * trip: a UNION of one small query per comic, each planned the cheaper of two ways.
   *
   * <ul>
   *   <li><b>From the comic</b>: walk its newest likes on {@code ix_favorites_comic_created} and stop
   *       after {@code perComic} friends. If {@code count} of its {@code totalLikes} likers are my
   *       friends, that reads about {@code perComic × totalLikes / count} index entries.
   *   <li><b>From my friends</b>: one primary-key probe per friend, then a small sort: {@code
   *       myFriendCount} probes.
   * </ul>
   *
   * The optimizer cannot know which is cheaper (it would need the friends' share among the likers),
   * so the hints say it: left alone it always starts from the friends, 400 ms for 20 comics of a
   * user with 5,000 friends instead of about 2 ms (see docs/ranking-benchmark.md).
   */
  public Map<Long, List<FriendRef>> recentFriendLikers(
      long me, int myFriendCount, List<RankedComic> ranked, int perComic) {
    Map<Long, List<FriendRef>> byComic = new LinkedHashMap<>();
    if (ranked.isEmpty()) {
      return byComic;
    }
    StringBuilder union = new StringBuilder();
    Map<String, Object> params = new HashMap<>();
    params.put("me", me);
    params.put("per", perComic);
    for (int i = 0; i < ranked.size(); i++) {
      RankedComic comic = ranked.get(i);
      boolean fromComic =
          (long) perComic * comic.totalLikes() < (long) myFriendCount * Math.max(comic.count(), 1);
      union.append(i > 0 ? " UNION ALL " : "").append((fromComic ? FROM_COMIC : FROM_FRIENDS).formatted(i));
      params.put("c" + i, comic.comic().id());
      byComic.put(comic.comic().id(), new ArrayList<>());
    }
    // Each branch is ordered for its LIMIT; the outer ORDER BY fixes the order of the whole result.
    union.append(" ORDER BY created_at DESC, user_id DESC");
    sql.query(
        union.toString(),
        params,
        r -> byComic.get(r.getLong("comic_id")).add(new FriendRef(r.getLong("user_id"), r.getString("name"))));
    return byComic;
  }

  private static final String FROM_COMIC =
      """
      (SELECT f.comic_id, f.user_id, u.name, f.created_at
       FROM favorites f FORCE INDEX (ix_favorites_comic_created)
       STRAIGHT_JOIN friendships fr ON fr.user_id = :me AND fr.friend_id = f.user_id
       JOIN users u ON u.id = f.user_id
       WHERE f.comic_id = :c%1$d
       ORDER BY f.created_at DESC, f.user_id DESC
       LIMIT :per)""";

  private static final String FROM_FRIENDS =
      """
      (SELECT f.comic_id, f.user_id, u.name, f.created_at
       FROM friendships fr
       STRAIGHT_JOIN favorites f ON f.user_id = fr.friend_id AND f.comic_id = :c%1$d
       JOIN users u ON u.id = f.user_id
       WHERE fr.user_id = :me
       ORDER BY f.created_at DESC, f.user_id DESC
       LIMIT :per)""";

  private RankedComic map(SqlRow row) {
    return new RankedComic(
        ComicRepository.comicFrom(row, "id", covers),
        row.getInt("friend_count"),
        row.getInstant("last_liked_at"),
        row.getInt("like_count"),
        parseIds(row.getString("recent_likers")));
  }

  private static List<Long> parseIds(String commaSeparated) {
    if (commaSeparated == null || commaSeparated.isEmpty()) {
      return List.of();
    }
    return Arrays.stream(commaSeparated.split(",")).map(Long::parseLong).toList();
  }
}
