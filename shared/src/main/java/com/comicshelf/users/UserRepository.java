package com.comicshelf.users;

import com.comicshelf.friends.FriendProfile;
import com.comicshelf.sql.Params;
import com.comicshelf.sql.SqlClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.inject.Inject;

/** The {@code users} table: people are created the first time they write anything. */
public final class UserRepository {
  /** Ids per lookup statement: keeps each statement (and a Data API call) small. */
  private static final int LOOKUP_CHUNK = 500;

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

  /**
   * Creates the users that are missing and renames those whose name changed. Friend sync calls it with
   * every friend on each sync, and names rarely change: reading first (a plain read, no lock) means the
   * rows of unchanged friends are not locked, so their own concurrent writes do not wait on this sync.
   */
  public void upsertNamed(List<FriendProfile> people, Instant now) {
    if (people.isEmpty()) {
      return;
    }
    Map<Long, String> known = new HashMap<>();
    for (int from = 0; from < people.size(); from += LOOKUP_CHUNK) {
      List<FriendProfile> chunk = people.subList(from, Math.min(people.size(), from + LOOKUP_CHUNK));
      Map<String, Object> params = new HashMap<>();
      String in = Params.inList("u", chunk.stream().map(FriendProfile::id).toList(), params);
      sql.query(
          "SELECT id, name FROM users WHERE id IN (" + in + ")",
          params,
          r -> known.put(r.getLong("id"), String.valueOf(r.getString("name"))));
    }
    List<Map<String, Object>> missing = new ArrayList<>();
    List<Map<String, Object>> renamed = new ArrayList<>();
    for (FriendProfile p : people) {
      Map<String, Object> row = Params.with("id", p.id()).and("name", p.name()).and("now", now).map();
      if (!known.containsKey(p.id())) {
        missing.add(row);
      } else if (!known.get(p.id()).equals(String.valueOf(p.name()))) {
        renamed.add(row);
      }
    }
    sql.batchUpdate(
        """
        INSERT INTO users (id, name, created_at) VALUES (:id, :name, :now)
        ON DUPLICATE KEY UPDATE name = VALUES(name)
        """,
        missing);
    sql.batchUpdate("UPDATE users SET name = :name WHERE id = :id", renamed);
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

  /** Of these users, those whose ranking is kept precomputed. */
  public Set<Long> materializedAmong(Collection<Long> userIds) {
    List<Long> ids = List.copyOf(userIds);
    Set<Long> materialized = new HashSet<>();
    for (int from = 0; from < ids.size(); from += LOOKUP_CHUNK) {
      Map<String, Object> params = new HashMap<>();
      String in = Params.inList("u", ids.subList(from, Math.min(ids.size(), from + LOOKUP_CHUNK)), params);
      materialized.addAll(
          sql.query(
              "SELECT id FROM users WHERE id IN (" + in + ") AND ranking_materialized = 1",
              params,
              r -> r.getLong("id")));
    }
    return materialized;
  }

  /** Whether the user's ranking is kept precomputed; false for unknown users. */
  public boolean isMaterialized(long userId) {
    return rankingProfile(userId).materialized();
  }

  /** When the person removed the app (deauthorize callback), if they did and have not been deleted since. */
  public Optional<Instant> deauthorizedAt(long userId) {
    return sql.queryOne(
            "SELECT deauthorized_at FROM users WHERE id = :id AND deauthorized_at IS NOT NULL",
            Map.of("id", userId),
            r -> r.getInstant("deauthorized_at"));
  }

  /**
   * Records that the person removed the app at {@code at}; a later removal moves it forward. Returns
   * false when there is no such user (nothing of theirs is stored, so nothing is used).
   */
  public boolean markDeauthorized(long userId, Instant at) {
    return sql.update(
            """
            UPDATE users SET deauthorized_at = GREATEST(COALESCE(deauthorized_at, :at), :at)
            WHERE id = :id
            """,
            Map.of("id", userId, "at", at))
        > 0;
  }

  /** Locks the user's row until the transaction ends; false when there is none. */
  public boolean lock(long userId) {
    return sql.queryOne("SELECT id FROM users WHERE id = :id FOR UPDATE", Map.of("id", userId), r -> r.getLong("id"))
        .isPresent();
  }

  public void delete(long userId) {
    sql.update("DELETE FROM users WHERE id = :id", Map.of("id", userId));
  }
}
