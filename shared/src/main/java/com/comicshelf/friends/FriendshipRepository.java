package com.comicshelf.friends;

import com.comicshelf.sql.SqlClient;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.inject.Inject;

/** The symmetric {@code friendships} table: every friendship is two rows, (a, b) and (b, a). */
public final class FriendshipRepository {
  private final SqlClient sql;

  @Inject
  public FriendshipRepository(SqlClient sql) {
    this.sql = sql;
  }

  public boolean areFriends(long userId, long otherId) {
    return sql.queryOne(
            "SELECT 1 AS yes FROM friendships WHERE user_id = :userId AND friend_id = :otherId",
            Map.of("userId", userId, "otherId", otherId),
            row -> row.getInt("yes"))
        .isPresent();
  }

  /** The user's friend ids, locking those rows until the transaction ends. */
  public Set<Long> lockFriendIds(long userId) {
    return Set.copyOf(
        sql.query(
            "SELECT friend_id FROM friendships WHERE user_id = :userId FOR UPDATE",
            Map.of("userId", userId),
            row -> row.getLong("friend_id")));
  }

  /** Stores both rows of each friendship of {@code userId} with {@code friendIds}. */
  public void addPairs(long userId, Collection<Long> friendIds, Instant now) {
    List<Map<String, Object>> rows =
        friendIds.stream()
            .flatMap(
                f ->
                    java.util.stream.Stream.of(
                        Map.<String, Object>of("a", userId, "b", f, "now", now),
                        Map.<String, Object>of("a", f, "b", userId, "now", now)))
            .collect(Collectors.toList());
    sql.batchUpdate(
        "INSERT INTO friendships (user_id, friend_id, created_at) VALUES (:a, :b, :now)", rows);
  }

  /** Deletes both rows of each friendship of {@code userId} with {@code friendIds}. */
  public void removePairs(long userId, Collection<Long> friendIds) {
    List<Map<String, Object>> rows =
        friendIds.stream()
            .flatMap(
                f ->
                    java.util.stream.Stream.of(
                        Map.<String, Object>of("a", userId, "b", f), Map.<String, Object>of("a", f, "b", userId)))
            .collect(Collectors.toList());
    sql.batchUpdate("DELETE FROM friendships WHERE user_id = :a AND friend_id = :b", rows);
  }

  /** One page of the user's friends in id order, after {@code afterId} when given. */
  public List<FriendProfile> page(long userId, Optional<Long> afterId, int limit) {
    return sql.query(
        """
        SELECT u.id, u.name
        FROM friendships fr JOIN users u ON u.id = fr.friend_id
        WHERE fr.user_id = :userId AND fr.friend_id > :after
        ORDER BY fr.friend_id
        LIMIT :limit
        """,
        Map.of("userId", userId, "after", afterId.orElse(0L), "limit", limit),
        row -> new FriendProfile(row.getLong("id"), row.getString("name")));
  }
}
