package com.comicshelf.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.comicshelf.sql.jdbc.JdbcSqlClient;
import com.comicshelf.testing.TestDatabase;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoDataIT {
  private static final int MIN_FRIENDS = LocalSettings.LOCAL_MATERIALIZE_MIN_FRIENDS;

  @Test
  void seeding_isIdempotent_andLeavesRemovedFavoritesRemoved() {
    TestDatabase db = TestDatabase.create("comicshelf_local_demo_it");
    try (JdbcSqlClient sql = db.newClient()) {
      DemoData demo = new DemoData(sql, Clock.systemUTC(), MIN_FRIENDS);

      DemoData.Seeded first = demo.seed();
      sql.update("DELETE FROM favorites WHERE user_id = :id", Map.of("id", DemoData.DEMO_USER_ID));
      DemoData.Seeded second = demo.seed();

      assertThat(first).isEqualTo(new DemoData.Seeded(DemoData.CATALOG.size(), DemoSocialGraph.USERS));
      assertThat(second).isEqualTo(new DemoData.Seeded(0, 0));
      assertThat(count(sql, "SELECT COUNT(*) AS n FROM comics")).isEqualTo(DemoData.CATALOG.size());
      assertThat(count(sql, "SELECT COUNT(*) AS n FROM favorites WHERE user_id = " + DemoData.DEMO_USER_ID)).isZero();
    }
  }

  @Test
  void theDemoNetwork_isSymmetric_countedConsistently_andLeavesFriendsForASync() {
    TestDatabase db = TestDatabase.create("comicshelf_local_demo_it");
    try (JdbcSqlClient sql = db.newClient()) {
      new DemoData(sql, Clock.systemUTC(), MIN_FRIENDS).seed();
      DemoSocialGraph network = new DemoSocialGraph(DemoData.CATALOG.size(), Clock.systemUTC().instant());

      assertThat(count(sql, "SELECT COUNT(*) AS n FROM users")).isEqualTo(DemoSocialGraph.USERS);
      assertThat(count(sql, "SELECT COUNT(*) AS n FROM favorites")).isGreaterThan(2L * DemoSocialGraph.USERS);
      assertThat(count(sql, """
          SELECT COUNT(*) AS n FROM friendships a
          LEFT JOIN friendships b ON b.user_id = a.friend_id AND b.friend_id = a.user_id
          WHERE b.user_id IS NULL""")).as("one-way friendships").isZero();
      assertThat(count(sql, "SELECT friend_count AS n FROM users WHERE id = " + DemoData.DEMO_USER_ID))
          .isEqualTo(network.friendsOf(DemoData.DEMO_USER_ID).size() - DemoSocialGraph.NEW_FRIENDS_FOR_SYNC);
      assertThat(count(sql, """
          SELECT COUNT(*) AS n FROM comics c
          LEFT JOIN (SELECT comic_id, COUNT(*) AS k FROM favorites GROUP BY comic_id) f ON f.comic_id = c.id
          WHERE c.like_count <> COALESCE(f.k, 0)""")).as("comics with a wrong like_count").isZero();
      assertThat(count(sql, "SELECT COUNT(*) AS n FROM users WHERE ranking_materialized = 1"))
          .as("demo users with a precomputed ranking").isPositive();
      assertThat(precomputed(sql, DemoData.DEMO_USER_ID)).isNotEmpty().isEqualTo(aggregated(sql, DemoData.DEMO_USER_ID));
    }
  }

  private static List<String> precomputed(JdbcSqlClient sql, long user) {
    return sql.query(
        "SELECT comic_id, friend_count, last_liked_at FROM friend_favorite_counts WHERE user_id = :u ORDER BY comic_id",
        Map.of("u", user),
        r -> r.getLong("comic_id") + ":" + r.getInt("friend_count") + ":" + r.getInstant("last_liked_at"));
  }

  private static List<String> aggregated(JdbcSqlClient sql, long user) {
    return sql.query(
        """
        SELECT f.comic_id, COUNT(*) AS friend_count, MAX(f.created_at) AS last_liked_at
        FROM friendships fr JOIN favorites f ON f.user_id = fr.friend_id
        WHERE fr.user_id = :u GROUP BY f.comic_id ORDER BY f.comic_id
        """,
        Map.of("u", user),
        r -> r.getLong("comic_id") + ":" + r.getInt("friend_count") + ":" + r.getInstant("last_liked_at"));
  }

  private static long count(JdbcSqlClient sql, String query) {
    return sql.queryOne(query, Map.of(), row -> row.getLong("n")).orElseThrow();
  }
}
