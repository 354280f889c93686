package com.comicshelf.bench;

import com.comicshelf.ranking.RankingSql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code EXPLAIN} and {@code ANALYZE} (MariaDB's EXPLAIN with measured row counts and time) of the
 * ranking queries, as text blocks for the console and the report.
 */
final class Explainer {
  private static final Pattern NAMED = Pattern.compile(":([A-Za-z_][A-Za-z0-9_]*)");
  private static final Pattern TOTAL_TIME = Pattern.compile("\"r_total_time_ms\":\\s*([0-9.]+)");

  /**
   * Fallback when {@code FriendPopularityQuery} has no {@code FROM_*} branch constants (the first
   * version built one branch inline, planned friends-first by the optimizer), plus the comic-first
   * form: the newest friend likers of one comic.
   */
  private static final Map<String, String> FALLBACK_BRANCHES =
      Map.of(
          "as first written",
          """
          SELECT f.comic_id, f.user_id, u.name, f.created_at
          FROM favorites f
          JOIN friendships fr ON fr.user_id = :me AND fr.friend_id = f.user_id
          JOIN users u ON u.id = f.user_id
          WHERE f.comic_id = :c0
          ORDER BY f.created_at DESC, f.user_id DESC
          LIMIT :per
          """,
          "driven from the comic",
          """
          SELECT f.comic_id, f.user_id, u.name, f.created_at
          FROM favorites f FORCE INDEX (ix_favorites_comic_created)
          STRAIGHT_JOIN friendships fr ON fr.user_id = :me AND fr.friend_id = f.user_id
          JOIN users u ON u.id = f.user_id
          WHERE f.comic_id = :c0
          ORDER BY f.created_at DESC, f.user_id DESC
          LIMIT :per
          """);

  /** The second statement of {@code PopularityCounters.favoriteRemoved}, copied from it (inline there). */
  static final String REMOVED_FAN_OUT =
      """
      UPDATE friend_favorite_counts c
      JOIN friendships fr ON fr.user_id = c.user_id AND fr.friend_id = :liker
      SET c.friend_count = c.friend_count - 1,
          c.last_liked_at = CASE WHEN c.last_liked_at = :at
                                 THEN COALESCE(
                                   (SELECT MAX(f.created_at)
                                    FROM friendships fr2
                                    JOIN favorites f ON f.user_id = fr2.friend_id AND f.comic_id = :comic
                                    WHERE fr2.user_id = c.user_id),
                                   c.last_liked_at)
                                 ELSE c.last_liked_at END
      WHERE c.comic_id = :comic
      """;

  private final Connection connection;

  Explainer(Connection connection) {
    this.connection = connection;
  }

  /**
   * The explained statements, title → text: both ranking queries, the likedBy branch as written and
   * driven from the comic, and the removal fan-out (EXPLAIN only: it writes).
   */
  Map<String, String> explainAll(List<FriendClass> classes, Map<Long, Long> topComicByUser) throws SQLException {
    Map<String, String> out = new LinkedHashMap<>();
    FriendClass small = classes.get(0);
    FriendClass mid = classes.get(1);
    FriendClass cap = classes.get(classes.size() - 1);
    long capUser = cap.users().get(0);
    long midUser = mid.users().get(0);
    long smallUser = small.users().get(0);
    out.put(
        "aggregated ranking (FriendPopularityQuery.AGGREGATED), user " + capUser + " with " + cap.label() + " friends",
        explain(RankingSql.aggregated(), Map.of("me", capUser, "limit", 20)));
    out.put(
        "aggregated ranking (FriendPopularityQuery.AGGREGATED), user " + midUser + " with " + mid.label() + " friends",
        explain(RankingSql.aggregated(), Map.of("me", midUser, "limit", 20)));
    out.put(
        "materialized ranking (FriendPopularityQuery.MATERIALIZED), user " + capUser + " with " + cap.label() + " friends",
        explain(RankingSql.materialized(), Map.of("me", capUser, "limit", 20)));
    Map<String, String> branches = RankingSql.likedByBranches();
    if (branches.isEmpty()) {
      branches = new java.util.TreeMap<>(FALLBACK_BRANCHES);
    }
    for (long user : List.of(capUser, midUser, smallUser)) {
      String label = user == capUser ? cap.label() : user == midUser ? mid.label() : small.label();
      Map<String, Object> params = Map.of("me", user, "c0", topComicByUser.get(user), "per", 3);
      for (Map.Entry<String, String> branch : branches.entrySet()) {
        out.put(
            "likedBy, one UNION branch of recentFriendLikers (" + branch.getKey() + "): user " + user + " with "
                + label + " friends, their top comic " + topComicByUser.get(user),
            explain(branch.getValue(), params));
      }
    }
    out.put(
        "removal fan-out (PopularityCounters.favoriteRemoved, 2nd statement), liker " + midUser + " with "
            + mid.label() + " friends, EXPLAIN only",
        explainOnly(
            REMOVED_FAN_OUT,
            Map.of("liker", midUser, "comic", topComicByUser.get(midUser), "at", java.time.LocalDateTime.now())));
    return out;
  }

  /** The materialized read for the first user at the cap: its plan depends on the table statistics. */
  Map<String, String> explainMaterialized(FriendClass cap) throws SQLException {
    long capUser = cap.users().get(0);
    return Map.of(
        "materialized ranking (FriendPopularityQuery.MATERIALIZED), user " + capUser + " with " + cap.label() + " friends",
        explain(RankingSql.materialized(), Map.of("me", capUser, "limit", 20)));
  }

  /** EXPLAIN alone, for statements that write. */
  String explainOnly(String namedSql, Map<String, ?> params) throws SQLException {
    List<String> names = new ArrayList<>();
    String sql = toJdbc(namedSql, names);
    return inline(sql, names, params) + "\n\n" + table("EXPLAIN " + sql, names, params);
  }

  private static String toJdbc(String namedSql, List<String> names) {
    Matcher m = NAMED.matcher(namedSql);
    StringBuilder jdbc = new StringBuilder();
    while (m.find()) {
      names.add(m.group(1));
      m.appendReplacement(jdbc, "?");
    }
    m.appendTail(jdbc);
    return jdbc.toString().strip();
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
      ps.setObject(i + 1, params.get(names.get(i)));
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
