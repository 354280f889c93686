package com.comicshelf.bench;

import com.comicshelf.catalog.ComicRepository;
import com.comicshelf.favorites.FavoriteRepository;
import com.comicshelf.favorites.FavoritesService;
import com.comicshelf.friends.FriendshipRepository;
import com.comicshelf.ranking.FriendPopularityQuery;
import com.comicshelf.ranking.FanOutTrigger;
import com.comicshelf.ranking.PopularityCounters;
import com.comicshelf.ranking.PopularityOutbox;
import com.comicshelf.ranking.RankingService;
import com.comicshelf.sql.NamedSql;
import com.comicshelf.sql.SqlClient;
import com.comicshelf.users.UserRepository;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code EXPLAIN} and {@code ANALYZE} (MariaDB's EXPLAIN with measured row counts and time) of the
 * statements the ranking and the removal of a favorite send, recorded from the production code as it
 * runs ({@link RecordingSqlClient}), as text blocks for the console and the report.
 */
final class Explainer {
  private static final Pattern TOTAL_TIME = Pattern.compile("\"r_total_time_ms\":\\s*([0-9.]+)");

  private final Connection connection;

  Explainer(Connection connection) {
    this.connection = connection;
  }

  /**
   * The statements production runs, recorded while it runs and then explained, title → text: the
   * ranking of one user of each friend class (the aggregated or the precomputed read, and the likedBy
   * lookup), and the removal of one favorite of a user at the cap, whose writes are rolled back and
   * explained only.
   */
  Map<String, String> explainAll(SqlClient sql, List<FriendClass> classes) throws SQLException {
    Map<String, String> out = new LinkedHashMap<>();
    for (FriendClass c : classes) {
      long user = c.users().get(0);
      RecordingSqlClient recorder = new RecordingSqlClient(sql);
      PopularityOutbox outbox = new PopularityOutbox(recorder, new PopularityCounters(recorder));
      new RankingService(
              new FriendPopularityQuery(recorder, Services.COVERS, outbox), new UserRepository(recorder), recorder, Services.COVERS)
          .popularAmongFriends(user, 20, false);
      int n = 0;
      for (RecordingSqlClient.Statement statement : recorder.statements()) {
        out.put(
            "ranking of user " + user + " (" + c.label() + " friends), statement " + (++n)
                + " of RankingService.popularAmongFriends",
            explain(statement.sql(), statement.params()));
      }
    }
    FriendClass cap = classes.get(classes.size() - 1);
    long liker = cap.users().get(0);
    Long comic =
        sql.queryOne(
                "SELECT comic_id FROM favorites WHERE user_id = :u ORDER BY created_at DESC LIMIT 1",
                Map.of("u", liker),
                r -> r.getLong("comic_id"))
            .orElse(null);
    if (comic != null) {
      RecordingSqlClient recorder = new RecordingSqlClient(sql);
      PopularityCounters counters = new PopularityCounters(recorder);
      PopularityOutbox outbox = new PopularityOutbox(recorder, counters);
      FavoritesService favorites =
          new FavoritesService(
              recorder,
              new FavoriteRepository(recorder, Services.COVERS),
              new ComicRepository(recorder, Services.COVERS),
              new UserRepository(recorder),
              new FriendshipRepository(recorder),
              counters,
              FanOutTrigger.NONE,
              Clock.systemUTC());
      try {
        sql.inTransaction(
            () -> {
              favorites.remove(liker, comic);
              // and its fan-out, as the outbox's applier runs it
              outbox.drainLikers(List.of(liker));
              throw new RolledBack();
            });
      } catch (RolledBack expected) {
        // the removal only ran to be recorded
      }
      int n = 0;
      for (RecordingSqlClient.Statement statement : recorder.statements()) {
        out.put(
            "removal of user " + liker + "'s favorite " + comic + " (" + cap.label() + " friends), statement " + (++n)
                + " of FavoritesService.remove and its fan-out, EXPLAIN only",
            explainOnly(statement.sql(), statement.params()));
      }
    }
    return out;
  }

  /** The ranking of the first user at the cap, as production runs it: its plan depends on the table statistics. */
  Map<String, String> explainMaterialized(SqlClient sql, FriendClass cap) throws SQLException {
    return explainAll(sql, List.of(cap));
  }

  /** Undoes a write that ran only to have its statements recorded. */
  private static final class RolledBack extends RuntimeException {
    RolledBack() {
      super(null, null, false, false);
    }
  }

  /** EXPLAIN alone, for statements that write. */
  String explainOnly(String namedSql, Map<String, ?> params) throws SQLException {
    List<String> names = new ArrayList<>();
    String sql = toJdbc(namedSql, names);
    return inline(sql, names, params) + "\n\n" + table("EXPLAIN " + sql, names, params);
  }

  private static String toJdbc(String namedSql, List<String> names) {
    NamedSql parsed = NamedSql.parse(namedSql);
    names.addAll(parsed.names());
    return parsed.jdbcSql().strip();
  }

  /** EXPLAIN, then ANALYZE (same columns plus r_rows / r_filtered), then the measured total time. */
  String explain(String namedSql, Map<String, ?> params) throws SQLException {
    List<String> names = new ArrayList<>();
    String sql = toJdbc(namedSql, names);
    StringBuilder out = new StringBuilder();
    out.append(inline(sql, names, params)).append("\n\n");
    out.append(table("EXPLAIN " + sql, names, params));
    out.append('\n');
    out.append(table("ANALYZE " + sql, names, params));
    String json = single("ANALYZE FORMAT=JSON " + sql, names, params);
    Matcher time = TOTAL_TIME.matcher(json.substring(Math.max(0, json.indexOf("\"query_block\""))));
    if (time.find()) {
      out.append("\nANALYZE r_total_time_ms: ").append(time.group(1)).append('\n');
    }
    return out.toString();
  }

  private String table(String sql, List<String> names, Map<String, ?> params) throws SQLException {
    try (PreparedStatement ps = bind(sql, names, params);
        ResultSet rs = ps.executeQuery()) {
      ResultSetMetaData md = rs.getMetaData();
      int n = md.getColumnCount();
      List<String[]> rows = new ArrayList<>();
      String[] header = new String[n];
      for (int i = 0; i < n; i++) {
        header[i] = md.getColumnLabel(i + 1);
      }
      rows.add(header);
      while (rs.next()) {
        String[] row = new String[n];
        for (int i = 0; i < n; i++) {
          String v = rs.getString(i + 1);
          row[i] = v == null ? "NULL" : v;
        }
        rows.add(row);
      }
      int[] width = new int[n];
      for (String[] row : rows) {
        for (int i = 0; i < n; i++) {
          width[i] = Math.max(width[i], row[i].length());
        }
      }
      StringBuilder out = new StringBuilder();
      for (String[] row : rows) {
        for (int i = 0; i < n; i++) {
          out.append(i == 0 ? "" : " | ").append(String.format("%-" + width[i] + "s", row[i]));
        }
        out.append('\n');
      }
      return out.toString();
    }
  }

  private String single(String sql, List<String> names, Map<String, ?> params) throws SQLException {
    try (PreparedStatement ps = bind(sql, names, params);
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getString(1) : "";
    }
  }

  private PreparedStatement bind(String sql, List<String> names, Map<String, ?> params) throws SQLException {
    PreparedStatement ps = connection.prepareStatement(sql);
    for (int i = 0; i < names.size(); i++) {
      Object value = params.get(names.get(i));
      ps.setObject(i + 1, value instanceof Instant instant ? LocalDateTime.ofInstant(instant, ZoneOffset.UTC) : value);
    }
    return ps;
  }

  /** The statement with its parameters written in, for the reader. */
  private static String inline(String sql, List<String> names, Map<String, ?> params) {
    StringBuilder out = new StringBuilder();
    int name = 0;
    for (char ch : sql.toCharArray()) {
      if (ch == '?' && name < names.size()) {
        out.append(params.get(names.get(name++)));
      } else {
        out.append(ch);
      }
    }
    return out.toString();
  }
}
