package com.comicshelf.users;

import com.comicshelf.sql.SqlClient;
import java.time.Instant;
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
}
