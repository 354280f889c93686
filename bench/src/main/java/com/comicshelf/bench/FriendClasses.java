package com.comicshelf.bench;

import com.comicshelf.sql.SqlClient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Picks the measured users of each friend class, deterministically. */
final class FriendClasses {
  static final int USERS_PER_CLASS = 5;

  private FriendClasses() {}

  /** ~50 and ~300 (±10%, a seeded random sample), and the users closest to the cap. */
  static List<FriendClass> pick(SqlClient sql, SizeSpec spec, long seed) {
    List<FriendClass> classes = new ArrayList<>();
    for (int target : spec.friendClasses()) {
      List<Long> users;
      String label;
      if (target == spec.friendCap()) {
        label = String.format("%,d", target);
        users =
            sql.query(
                "SELECT id FROM users WHERE friend_count >= :lo ORDER BY friend_count DESC, id LIMIT :n",
                Map.of("lo", (int) (target * 0.98), "n", USERS_PER_CLASS),
                r -> r.getLong("id"));
      } else {
        label = "~" + target;
        List<Long> candidates =
            new ArrayList<>(
                sql.query(
                    "SELECT id FROM users WHERE friend_count BETWEEN :lo AND :hi ORDER BY id",
                    Map.of("lo", (int) Math.round(target * 0.9), "hi", (int) Math.round(target * 1.1)),
                    r -> r.getLong("id")));
        Collections.shuffle(candidates, new Random(seed + target));
        users = List.copyOf(candidates.subList(0, Math.min(USERS_PER_CLASS, candidates.size())));
      }
      if (users.isEmpty()) {
        throw new IllegalStateException("no user with about " + target + " friends in " + spec.name());
      }
      double friends = 0;
      double hubFriends = 0;
      for (long user : users) {
        friends += friendCount(sql, user);
        hubFriends += materializedFriends(sql, user);
      }
      classes.add(
          new FriendClass(label, target, users, friends / users.size(), hubFriends / users.size()));
    }
    return classes;
  }

  static int friendCount(SqlClient sql, long user) {
    return sql.queryOne(
            "SELECT COUNT(*) AS n FROM friendships WHERE user_id = :u", Map.of("u", user), r -> r.getInt("n"))
        .orElse(0);
  }

  /** How many of the user's friends have a materialized ranking: the fan-out of the user's likes. */
  static int materializedFriends(SqlClient sql, long user) {
    return sql.queryOne(
            """
            SELECT COUNT(*) AS n FROM friendships fr
            JOIN users u ON u.id = fr.friend_id AND u.ranking_materialized = 1
            WHERE fr.user_id = :u
            """,
            Map.of("u", user),
            r -> r.getInt("n"))
        .orElse(0);
  }
}
