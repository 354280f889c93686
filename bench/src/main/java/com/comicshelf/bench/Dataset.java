package com.comicshelf.bench;

import com.comicshelf.ranking.PopularityCounters;
import com.comicshelf.sql.jdbc.Databases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import javax.sql.DataSource;

/**
 * One size's database, ready to measure: reused when its {@code bench_meta} says it holds data made
 * with the same parameters, else generated, bulk-loaded and materialized from scratch.
 *
 * @param spec the size
 * @param database database name
 * @param url JDBC URL of the database
 * @param reused whether the data came from an earlier run
 * @param meta the stored load report: parameters, row counts, seconds per step
 */
record Dataset(SizeSpec spec, String database, String url, boolean reused, Map<String, String> meta) {

  /** Load steps in order, with what the report calls them. */
  static final String[][] LOAD_STEPS = {
    {"generate", "generate in Java"},
    {"migrate", "Flyway migrations"},
    {"users", "users"},
    {"comics", "comics"},
    {"friendships", "friendships"},
    {"favorites", "favorites"},
    {"friend_favorite_counts", "friend_favorite_counts (materialize)"},
    {"analyze", "ANALYZE TABLE"},
    {"verify", "verify counts"},
  };
  /** How many materialized users get their whole precomputed ranking compared with a fresh aggregation. */
  private static final int VERIFIED_HUBS = 10;

  long count(String key) {
    return Long.parseLong(meta.getOrDefault("rows." + key, "0"));
  }

  double seconds(String step) {
    return Double.parseDouble(meta.getOrDefault("seconds." + step, "0"));
  }

  double totalLoadSeconds() {
    double total = 0;
    for (String[] step : LOAD_STEPS) {
      total += seconds(step[0]);
    }
    return total;
  }

  static Dataset prepare(BenchOptions options, SizeSpec spec, Connection server) throws SQLException {
    String database = options.databaseFor(spec);
    String url = options.urlFor(database);
    String fingerprint = spec.fingerprint(options.seed(), options.threshold());
    Map<String, String> existing = BenchDatabase.meta(server, database).orElse(Map.of());
    if (!options.reload()
        && fingerprint.equals(existing.get("fingerprint"))
        && "yes".equals(existing.get("complete"))) {
      System.out.printf(
          "%s: reusing database %s, loaded %s (--reload regenerates it)%n",
          spec.name(), database, existing.get("loaded_at"));
      // Migrations added since the load (new tables, say) apply to the loaded data as to production's.
      Databases.migrate(Databases.dataSource(url, options.user(), options.password()));
      return new Dataset(spec, database, url, true, existing);
    }

    System.out.printf("%s: generating into database %s (%s)%n", spec.name(), database, fingerprint);
    BenchDatabase.recreate(server, database);
    // Bulk statements run for minutes: no socket timeout, unlike the app's (below the function timeout).
    String loadUrl = url + (url.contains("?") ? "&" : "?") + "socketTimeout=0";
    DataSource dataSource = Databases.dataSource(loadUrl, options.user(), options.password());
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("fingerprint", fingerprint);
    long start = System.nanoTime();
    Databases.migrate(dataSource);
    meta.put("seconds.migrate", secondsSince(start));

    start = System.nanoTime();
    SyntheticGraph graph = SyntheticGraph.generate(spec, options.seed());
    meta.put("seconds.generate", secondsSince(start));
    meta.put("rows.users", Long.toString(spec.users()));
    meta.put("rows.comics", Long.toString(spec.comics()));
    meta.put("rows.friendships", Long.toString(graph.friendshipRows()));
    meta.put("rows.favorites", Long.toString(graph.favoriteRows()));
    int hubs = 0;
    for (int u = 0; u < spec.users(); u++) {
      hubs += graph.friendCount(u) >= options.threshold() ? 1 : 0;
    }
    meta.put("rows.hubs", Integer.toString(hubs));

    try (Connection c = dataSource.getConnection()) {
      DataLoader loader = new DataLoader(c, options.threshold());
      loader.load(graph);
      loader.seconds().forEach((table, secs) -> meta.put("seconds." + table, format(secs)));
      meta.put("rows.friend_favorite_counts", Long.toString(loader.countRows()));
      graph = null;
      start = System.nanoTime();
      try (Statement st = c.createStatement()) {
        st.execute("ANALYZE TABLE users, comics, friendships, favorites, friend_favorite_counts");
      }
      meta.put("seconds.analyze", secondsSince(start));
      start = System.nanoTime();
      verifyCounts(c, options.seed());
      meta.put("seconds.verify", secondsSince(start));
    }
    meta.put("loaded_at", Instant.now().toString());
    meta.put("complete", "yes");
    BenchDatabase.writeMeta(server, database, meta);
    Dataset dataset = new Dataset(spec, database, url, false, meta);
    System.out.printf(
        Locale.ROOT, "%s: loaded in %.1f s%n", spec.name(), dataset.totalLoadSeconds());
    return dataset;
  }

  /**
   * The precomputed counts were written from the generator's arrays, not by {@code
   * PopularityCounters.rebuild} (one user at a time takes minutes here): compare a sample of users'
   * whole precomputed ranking (kept likers included) with a fresh aggregation, and fail loudly on any
   * difference.
   */
  private static void verifyCounts(Connection c, long seed) throws SQLException {
    List<Long> hubs = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT id FROM users WHERE ranking_materialized = 1 ORDER BY id")) {
      while (rs.next()) {
        hubs.add(rs.getLong(1));
      }
    }
    java.util.Collections.shuffle(hubs, new Random(seed));
    List<Long> sample = hubs.subList(0, Math.min(VERIFIED_HUBS, hubs.size()));
    for (long hub : sample) {
      Map<Long, String> expected =
          counts(
              c,
              """
              SELECT f.comic_id, COUNT(*), MAX(f.created_at),
                     SUBSTRING_INDEX(GROUP_CONCAT(f.user_id ORDER BY f.created_at DESC, f.user_id DESC), ',', %d)
              FROM friendships fr JOIN favorites f ON f.user_id = fr.friend_id
              WHERE fr.user_id = ? GROUP BY f.comic_id
              """
                  .formatted(PopularityCounters.LIKERS_KEPT),
              hub);
      Map<Long, String> stored =
          counts(
              c,
              "SELECT comic_id, friend_count, last_liked_at, recent_likers FROM friend_favorite_counts WHERE user_id = ?",
              hub);
      if (!expected.equals(stored)) {
        throw new IllegalStateException(
            "precomputed counts of user " + hub + " differ from a fresh aggregation: "
                + expected.size() + " comics expected, " + stored.size() + " stored");
      }
    }
    System.out.printf(
        "  verified: the precomputed ranking and kept likers of %d of %,d materialized users equal a fresh"
            + " aggregation%n",
        sample.size(), hubs.size());
  }

  private static Map<Long, String> counts(Connection c, String sql, long user) throws SQLException {
    Map<Long, String> out = new java.util.HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, user);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getLong(1), rs.getInt(2) + "@" + rs.getObject(3, LocalDateTime.class) + " by " + rs.getString(4));
        }
      }
    }
    return out;
  }

  private static String secondsSince(long startNanos) {
    return format((System.nanoTime() - startNanos) / 1e9);
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%.3f", value);
  }
}
