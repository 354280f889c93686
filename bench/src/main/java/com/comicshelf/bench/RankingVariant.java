package com.comicshelf.bench;

import com.comicshelf.ranking.FriendPopularityQuery;
import com.comicshelf.ranking.FriendRef;
import com.comicshelf.ranking.PopularComic;
import com.comicshelf.ranking.RankedComic;
import com.comicshelf.ranking.RankingService;
import com.comicshelf.users.UserRepository;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/** One way to answer "top comics among my friends, with three likers each". */
interface RankingVariant {
  int LIMIT = 20;

  String name();

  List<RankRow> rank(long me) throws SQLException;

  /** The service the ranking handler calls: materialized counts at/above the threshold, else aggregated. */
  static RankingVariant ours(RankingService service) {
    return named("ours", me -> fromService(service.popularAmongFriends(me, LIMIT, false)));
  }

  /**
   * The service as it was before the precomputed rows kept their likers: {@code likedBy} of a
   * materialized user always walks each ranked comic's likes. Side by side with "ours", what keeping
   * them buys.
   */
  static RankingVariant oursWalkingLikers(UserRepository users, FriendPopularityQuery query) {
    return named(
        Report.OURS_WALKING_LIKERS,
        me -> {
          UserRepository.RankingProfile profile = users.rankingProfile(me);
          if (!profile.materialized()) {
            List<RankedComic> ranked = query.aggregated(me, LIMIT, false);
            Map<Long, List<FriendRef>> named = query.namedLikers(ranked);
            return ranked.stream().map(r -> row(r, named)).toList();
          }
          return withLikers(query, me, profile.friendCount(), query.materialized(me, LIMIT, false));
        });
  }

  /** The service's ranking query alone, without the {@code likedBy} query: where the time goes. */
  static RankingVariant oursRankingOnly(UserRepository users, FriendPopularityQuery query) {
    return named(
        "ours, ranking only",
        me ->
            (users.rankingProfile(me).materialized()
                    ? query.materialized(me, LIMIT, false)
                    : query.aggregated(me, LIMIT, false))
                .stream()
                .map(r -> new RankRow(r.comic().id(), r.count(), Datetimes.micros(r.lastLikedAt()), null))
                .toList());
  }

  /**
   * The physical floor of any answer that needs the database: one primary-key lookup (the user's row,
   * as every ranking starts with), timed beside the rankings in the same run. It ranks nothing and
   * takes no part in the cross-check.
   */
  static RankingVariant primaryKeyFloor(UserRepository users) {
    return named(
        Report.PK_FLOOR,
        me -> {
          users.rankingProfile(me);
          return List.of();
        });
  }

  /** Join + GROUP BY for everyone, plus the same likedBy query: what materializing saves. */
  static RankingVariant aggregatedSql(UserRepository users, FriendPopularityQuery query) {
    return named(
        "aggregated SQL",
        me -> {
          int friends = users.rankingProfile(me).friendCount();
          return withLikers(query, me, friends, query.aggregated(me, LIMIT, false));
        });
  }

  /**
   * The precomputed read alone for users below the threshold (only valid where their counts were
   * built): what a lower threshold would buy, to compare with "ours, ranking only".
   */
  static RankingVariant materializedWhatIf(FriendPopularityQuery query) {
    return named(
        "materialized only (what-if)",
        me ->
            query.materialized(me, LIMIT, false).stream()
                .map(r -> new RankRow(r.comic().id(), r.count(), Datetimes.micros(r.lastLikedAt()), null))
                .toList());
  }

  /**
   * One query per friend over one JDBC connection, aggregated in Java: what a file-per-user store or
   * an N+1 repository does. Prepared statements are reused, the most favourable case for it.
   */
  static RankingVariant perFriend(Connection connection) throws SQLException {
    PreparedStatement friendsOf =
        connection.prepareStatement("SELECT friend_id FROM friendships WHERE user_id = ?");
    PreparedStatement favoritesOf =
        connection.prepareStatement("SELECT comic_id, created_at FROM favorites WHERE user_id = ?");
    FriendRows rows = new FriendRows();
    FriendTally tally = new FriendTally();
    long[][] ids = {new long[256]};
    return named(
        "per-friend JDBC",
        me -> {
          int n = 0;
          friendsOf.setLong(1, me);
          try (ResultSet rs = friendsOf.executeQuery()) {
            while (rs.next()) {
              if (n == ids[0].length) {
                ids[0] = java.util.Arrays.copyOf(ids[0], 2 * n);
              }
              ids[0][n++] = rs.getLong(1);
            }
          }
          rows.clear();
          for (int i = 0; i < n; i++) {
            long friend = ids[0][i];
            favoritesOf.setLong(1, friend);
            try (ResultSet rs = favoritesOf.executeQuery()) {
              while (rs.next()) {
                rows.add(friend, rs.getLong(1), Datetimes.micros(rs.getObject(2, LocalDateTime.class)));
              }
            }
          }
          return tally.rank(rows, LIMIT);
        });
  }

  /** The same Java aggregation over rows already in memory: the lower bound of any design. */
  static RankingVariant inMemory(Map<Long, FriendRows> preloaded) {
    FriendTally tally = new FriendTally();
    return named("in-memory bound", me -> tally.rank(preloaded.get(me), LIMIT));
  }

  private static List<RankRow> withLikers(
      FriendPopularityQuery query, long me, int friendCount, List<RankedComic> ranked) {
    Map<Long, List<FriendRef>> likers = query.recentFriendLikers(me, friendCount, ranked, RankingService.LIKED_BY);
    return ranked.stream().map(r -> row(r, likers)).toList();
  }

  private static RankRow row(RankedComic r, Map<Long, List<FriendRef>> likers) {
    return new RankRow(
        r.comic().id(),
        r.count(),
        Datetimes.micros(r.lastLikedAt()),
        likers.get(r.comic().id()).stream().map(FriendRef::id).toList());
  }

  private static List<RankRow> fromService(List<PopularComic> ranked) {
    return ranked.stream()
        .map(
            p ->
                new RankRow(
                    p.comic().id(),
                    p.friendCount(),
                    Datetimes.micros(p.lastLikedAt()),
                    p.likedBy().stream().map(FriendRef::id).toList()))
        .toList();
  }

  private static RankingVariant named(String name, Ranker ranker) {
    return new RankingVariant() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public List<RankRow> rank(long me) throws SQLException {
        return ranker.rank(me);
      }
    };
  }

  /** The ranking function behind a variant. */
  @FunctionalInterface
  interface Ranker {
    List<RankRow> rank(long me) throws SQLException;
  }
}
