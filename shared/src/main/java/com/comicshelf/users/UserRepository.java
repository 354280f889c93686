package com.comicshelf.users;

import com.comicshelf.friends.FriendProfile;
import com.comicshelf.sql.Params;
import com.comicshelf.sql.SqlClient;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;

/** The {@code users} table: people are created the first time they write anything. */
public final class UserRepository {
  private final SqlClient sql;

  @Inject
  public UserRepository(SqlClient sql) {
    this.sql = sql;
  }

  /** Creates the user row if missing (joins the caller's transaction, if any). */
  public void ensureExists(long userId, Instant now) {
    sql.update(
        "INSERT IGNORE INTO users (id, created_at) VALUES (:id, :now)",
        Map.of("id", userId, "now", now));
  }

  /** Creates or renames users in one batch: friend sync learns names from the social network. */
  public void upsertNamed(List<FriendProfile> people, Instant now) {
    sql.batchUpdate(
        """
        INSERT INTO users (id, name, created_at) VALUES (:id, :name, :now)
        ON DUPLICATE KEY UPDATE name = VALUES(name)
        """,
        people.stream()
            .map(p -> Params.with("id", p.id()).and("name", p.name()).and("now", now).map())
            .toList());
  }

  /** Records a user's friend count and whether their ranking is materialized. */
  public void setFriendCount(long userId, int friendCount, boolean materialized) {
    sql.update(
        "UPDATE users SET friend_count = :n, ranking_materialized = :m WHERE id = :id",
        Map.of("id", userId, "n", friendCount, "m", materialized ? 1 : 0));
  }

  /** Moves the friend count of each user by {@code delta} (their friend set changed through someone else's sync). */
  public void addToFriendCount(Collection<Long> userIds, int delta) {
    sql.batchUpdate(
        "UPDATE users SET friend_count = GREATEST(friend_count + :d, 0) WHERE id = :id",
        userIds.stream().map(id -> Map.<String, Object>of("id", id, "d", delta)).toList());
  }

  /** How a user's ranking is computed: their friend count and whether it is precomputed. */
  public record RankingProfile(int friendCount, boolean materialized) {}

  /** The user's ranking profile; no friends and not precomputed for unknown users. */
  public RankingProfile rankingProfile(long userId) {
    return sql.queryOne(
            "SELECT friend_count, ranking_materialized FROM users WHERE id = :id",
            Map.of("id", userId),
            r -> new RankingProfile(r.getInt("friend_count"), r.getInt("ranking_materialized") == 1))
        .orElse(new RankingProfile(0, false));
  }

  /** Whether the user's ranking is kept precomputed; false for unknown users. */
  public boolean isMaterialized(long userId) {
    return rankingProfile(userId).materialized();
  }
}
