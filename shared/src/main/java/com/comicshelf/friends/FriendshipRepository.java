package com.comicshelf.friends;

import com.comicshelf.sql.SqlClient;
import java.util.Map;
import javax.inject.Inject;

/** The symmetric {@code friendships} table. */
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
}
