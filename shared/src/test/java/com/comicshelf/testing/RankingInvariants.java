package com.comicshelf.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.comicshelf.ranking.PopularityCounters;
import com.comicshelf.sql.SqlClient;
import java.util.List;
import java.util.Map;

/** What every counter kept on write must equal: a fresh aggregation of the rows it summarises. */
public final class RankingInvariants {
  private RankingInvariants() {}

  /**
   * {@code comics.like_count}/{@code last_liked_at}, {@code friend_favorite_counts} of materialized
   * users and {@code users.friend_count} all equal what the favorites and friendships say now.
   * Returns how many precomputed rows were compared.
   */
  public static int assertCountsMatchAFreshAggregation(SqlClient sql) {
    assertThat(comicsWhoseLikeCountsDrifted(sql))
        .as("comics whose like_count or last_liked_at differ from their favorites")
        .isEmpty();
    String fresh =
        """
        SELECT fr.user_id, f.comic_id, COUNT(*) AS friend_count, MAX(f.created_at) AS last_liked_at
        FROM friendships fr JOIN favorites f ON f.user_id = fr.friend_id
        JOIN users u ON u.id = fr.user_id AND u.ranking_materialized = 1
        GROUP BY fr.user_id, f.comic_id
        """;
    List<String> expected = rows(sql, fresh + " ORDER BY 1, 2");
    List<String> stored =
        rows(sql, "SELECT user_id, comic_id, friend_count, last_liked_at FROM friend_favorite_counts ORDER BY 1, 2");
    assertThat(stored).as("friend_favorite_counts against a fresh aggregation").isEqualTo(expected);
    assertThat(recentLikersThatAreNotTheNewest(sql))
        .as("friend_favorite_counts rows whose recent_likers are not a prefix of their newest friend likers")
        .isEmpty();
    assertThat(
            sql.query(
                """
                SELECT u.id FROM users u
                WHERE u.friend_count <> (SELECT COUNT(*) FROM friendships fr WHERE fr.user_id = u.id)
                """,
                Map.of(),
                r -> r.getLong("id")))
        .as("users whose friend_count differs from their friendships")
        .isEmpty();
    return expected.size();
  }

  /**
   * Precomputed rows whose known {@code recent_likers} list is not what it promises: at most {@code
   * LIKERS_KEPT} ids that start the comic's friend likers of that user, newest first (time, then id).
   */
  public static List<String> recentLikersThatAreNotTheNewest(SqlClient sql) {
    return sql.query(
        """
        SELECT c.user_id, c.comic_id, c.recent_likers,
               (SELECT GROUP_CONCAT(f.user_id ORDER BY f.created_at DESC, f.user_id DESC)
                FROM friendships fr JOIN favorites f ON f.user_id = fr.friend_id
                WHERE fr.user_id = c.user_id AND f.comic_id = c.comic_id) AS newest_first
        FROM friend_favorite_counts c
        WHERE c.recent_likers IS NOT NULL
        """,
        Map.of(),
        r -> {
          List<String> kept = ids(r.getString("recent_likers"));
          List<String> all = ids(r.getString("newest_first"));
          boolean right =
              kept.size() <= PopularityCounters.LIKERS_KEPT
                  && kept.size() <= all.size()
                  && all.subList(0, kept.size()).equals(kept);
          return right ? "" : r.getLong("user_id") + "|" + r.getLong("comic_id") + ": kept " + kept + ", newest first " + all;
        })
        .stream()
        .filter(problem -> !problem.isEmpty())
        .toList();
  }

  private static List<String> ids(String commaSeparated) {
    return commaSeparated == null || commaSeparated.isEmpty() ? List.of() : List.of(commaSeparated.split(","));
  }

  private static List<String> rows(SqlClient sql, String query) {
    return sql.query(
        query,
        Map.of(),
        r -> r.getLong("user_id") + "|" + r.getLong("comic_id") + "|" + r.getInt("friend_count") + "|" + r.getInstant("last_liked_at"));
  }

  /** The ids of comics whose {@code like_count} or {@code last_liked_at} disagree with their favorites. */
  public static List<Long> comicsWhoseLikeCountsDrifted(SqlClient sql) {
    return sql.query(
        """
        SELECT c.id FROM comics c
        LEFT JOIN (SELECT comic_id, COUNT(*) AS n, MAX(created_at) AS latest FROM favorites GROUP BY comic_id) f
          ON f.comic_id = c.id
        WHERE c.like_count <> COALESCE(f.n, 0) OR NOT (c.last_liked_at <=> f.latest)
        """,
        Map.of(),
        r -> r.getLong("id"));
  }
}
