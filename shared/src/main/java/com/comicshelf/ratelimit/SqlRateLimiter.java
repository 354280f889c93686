package com.comicshelf.ratelimit;

import com.comicshelf.sql.DuplicateKeyException;
import com.comicshelf.sql.SqlClient;
import java.time.Instant;
import java.util.Map;

/**
 * {@link RateLimiter} over the relational database ({@code rate_counters}, one row per user, action and
 * window): the local gateway's default. The increment and the limit check are one statement, so
 * concurrent requests cannot both take the last allowed action.
 */
public final class SqlRateLimiter implements RateLimiter {
  private final SqlClient sql;

  public SqlRateLimiter(SqlClient sql) {
    this.sql = sql;
  }

  @Override
  public Decision acquire(long userId, Action action, Instant now) {
    Instant start = action.windowStart(now);
    Instant end = start.plus(action.window());
    Map<String, Object> params = Map.of("id", id(userId, action, start), "limit", action.limit(), "expiresAt", end);
    for (int attempt = 0; attempt < 2; attempt++) {
      if (sql.update("UPDATE rate_counters SET hits = hits + 1 WHERE id = :id AND hits < :limit", params) == 1) {
        return Decision.allow(start);
      }
      boolean exists =
          sql.queryOne("SELECT 1 AS yes FROM rate_counters WHERE id = :id", params, r -> r.getInt("yes")).isPresent();
      if (exists) {
        return Decision.refuseUntil(start, end, now);
      }
      try {
        sql.update("INSERT INTO rate_counters (id, hits, expires_at) VALUES (:id, 1, :expiresAt)", params);
        return Decision.allow(start);
      } catch (DuplicateKeyException concurrentFirst) {
        // another request created the window's row meanwhile: count against it
      }
    }
    throw new IllegalStateException("rate counter " + params.get("id") + " could not be counted");
  }

  @Override
  public void refund(long userId, Action action, Instant windowStart) {
    sql.update(
        "UPDATE rate_counters SET hits = hits - 1 WHERE id = :id AND hits > 0",
        Map.of("id", id(userId, action, windowStart)));
  }

  @Override
  public void forgetUser(long userId) {
    sql.update("DELETE FROM rate_counters WHERE id LIKE :prefix", Map.of("prefix", userId + "#%"));
  }

  private static String id(long userId, Action action, Instant windowStart) {
    return userId + "#" + action.name() + "#" + windowStart.toEpochMilli();
  }
}
