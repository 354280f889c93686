package com.comicshelf.ranking;

import com.comicshelf.assets.CoverUrls;
import com.comicshelf.catalog.ComicRepository;
import com.comicshelf.common.ClientError;
import com.comicshelf.observability.Telemetry;
import com.comicshelf.sql.SqlClient;
import com.comicshelf.users.UserRepository;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;

/** Popularity rankings: among my friends, and among everyone. */
public final class RankingService {
  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 100;
  /** How many friends {@code likedBy} names per comic. */
  public static final int LIKED_BY = FriendPopularityQuery.LIKERS_PER_COMIC;

  private final FriendPopularityQuery friends;
  private final UserRepository users;
  private final SqlClient sql;
  private final CoverUrls covers;

  @Inject
  public RankingService(FriendPopularityQuery friends, UserRepository users, SqlClient sql, CoverUrls covers) {
    this.friends = friends;
    this.users = users;
    this.sql = sql;
    this.covers = covers;
  }

  /**
   * Comics my friends like most. Users with very many friends read their precomputed counts;
   * everyone else aggregates on the fly. Both give the same answer (see the tests).
   */
  public List<PopularComic> popularAmongFriends(long me, int limit, boolean excludeMine) {
    checkLimit(limit);
    long started = System.nanoTime();
    UserRepository.RankingProfile profile = users.rankingProfile(me);
    List<RankedComic> ranked =
        profile.materialized()
            ? friends.materialized(me, limit, excludeMine)
            : friends.aggregated(me, limit, excludeMine);
    Map<Long, List<FriendRef>> likers = friends.likedBy(me, profile.friendCount(), ranked);
    List<PopularComic> ranking =
        ranked.stream()
            .map(r -> new PopularComic(r.comic(), r.count(), r.lastLikedAt(), likers.get(r.comic().id())))
            .toList();
    Telemetry.rankingServed(
        profile.materialized() ? Telemetry.RankingPath.PRECOMPUTED : Telemetry.RankingPath.AGGREGATED,
        Duration.ofNanos(System.nanoTime() - started));
    return ranking;
  }

  /** Comics everyone likes most, from the counts kept on {@code comics} (index {@code ix_comics_popular}). */
  public List<PopularComic> popularOverall(int limit) {
    checkLimit(limit);
    long started = System.nanoTime();
    List<PopularComic> ranking = sql.query(
        "SELECT " + ComicRepository.COLUMNS + """
        , c.like_count, c.last_liked_at
        FROM comics c
        WHERE c.like_count > 0
        ORDER BY c.like_count DESC, c.last_liked_at DESC, c.id
        LIMIT :limit
        """,
        Map.of("limit", limit),
        r ->
            new PopularComic(
                ComicRepository.comicFrom(r, "id", covers),
                r.getInt("like_count"),
                r.getInstant("last_liked_at"),
                List.of()));
    Telemetry.rankingServed(Telemetry.RankingPath.GLOBAL, Duration.ofNanos(System.nanoTime() - started));
    return ranking;
  }

  private static void checkLimit(int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw ClientError.badRequest("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
    }
  }
}
