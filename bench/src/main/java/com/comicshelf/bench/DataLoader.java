package com.comicshelf.bench;

import com.comicshelf.ranking.PopularityCounters;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Bulk-loads a {@link SyntheticGraph} into the migrated schema, table by table: the rows are
 * streamed as CSV into a MyISAM staging table with {@code LOAD DATA LOCAL INFILE}, then copied with
 * one {@code INSERT ... SELECT} into the empty InnoDB table with foreign-key and unique checks off.
 * That last statement takes InnoDB's bulk-insert path for empty tables (sorted index builds, one undo
 * record), several times faster here than {@code LOAD DATA} straight into InnoDB. Keeps {@code
 * users.friend_count}, {@code users.ranking_materialized} and {@code comics.like_count/last_liked_at}
 * consistent with the rows, and writes {@code friend_favorite_counts} for every user at or above the
 * threshold with the counts {@code PopularityCounters.rebuild} would write and the kept likers
 * ({@code recent_likers}) every row would hold once rankings had shown it (checked afterwards).
 */
final class DataLoader {
  private static final String EPOCH = "'2025-01-01 00:00:00'";
  private static final String STAGE = "bench_stage";

  private final Connection connection;
  private final int threshold;
  /** Seconds per step, in load order. */
  private final Map<String, Double> seconds = new LinkedHashMap<>();
  private long countRows;

  DataLoader(Connection connection, int threshold) {
    this.connection = connection;
    this.threshold = threshold;
  }

  Map<String, Double> seconds() {
    return seconds;
  }

  long countRows() {
    return countRows;
  }

  void load(SyntheticGraph graph) throws SQLException {
    execute("SET SESSION foreign_key_checks = 0, unique_checks = 0");
    loadUsers(graph);
    loadComics(graph);
    loadFriendships(graph);
    loadFavorites(graph);
    loadCounts(graph);
    execute("SET SESSION foreign_key_checks = 1, unique_checks = 1");
  }

  private void loadUsers(SyntheticGraph graph) throws SQLException {
    int n = graph.spec.users();
    int[] next = {0};
    stageAndCopy(
        "users",
        n,
        "id BIGINT UNSIGNED NOT NULL, name VARCHAR(200) NOT NULL, friend_count INT NOT NULL",
        "INSERT INTO users (id, name, created_at, friend_count, ranking_materialized)"
            + " SELECT id, name, " + EPOCH + ", friend_count, friend_count >= " + threshold + " FROM " + STAGE,
        out -> {
          int u = next[0]++;
          if (u == n) {
            return false;
          }
          out.append(u + 1).append(",User ").append(u + 1).append(',').append(graph.friendCount(u)).append('\n');
          return true;
        });
  }

  private void loadComics(SyntheticGraph graph) throws SQLException {
    int comics = graph.spec.comics();
    int[] likes = new int[comics + 1];
    long[] last = new long[comics + 1];
    for (int p = 0; p < graph.favoriteComics.length; p++) {
      int c = graph.favoriteComics[p];
      likes[c]++;
      last[c] = Math.max(last[c], graph.favoriteMicros[p]);
    }
    String[] publishers = {"Marvel", "DC", "Image", "Dark Horse", "IDW", "Fantagraphics", "Drawn & Quarterly"};
    int[] next = {1};
    stageAndCopy(
        "comics",
        comics,
        "id BIGINT UNSIGNED NOT NULL, title VARCHAR(200) NOT NULL, publisher VARCHAR(100) NOT NULL,"
            + " year SMALLINT NOT NULL, like_count INT NOT NULL, last_liked_at DATETIME(6) NULL",
        "INSERT INTO comics (id, title, publisher, year, created_at, like_count, last_liked_at)"
            + " SELECT id, title, publisher, year, " + EPOCH + ", like_count, last_liked_at FROM " + STAGE,
        out -> {
          int c = next[0]++;
          if (c > comics) {
            return false;
          }
          out.append(c).append(",Comic #").append(c).append(',').append(publishers[c % publishers.length]);
          out.append(',').append(1950 + c % 75).append(',').append(likes[c]).append(',');
          if (likes[c] == 0) {
            out.append("\\N");
          } else {
            Datetimes.append(out, last[c]);
          }
          out.append('\n');
          return true;
        });
  }

  private void loadFriendships(SyntheticGraph graph) throws SQLException {
    int[] offsets = graph.friendOffsets;
    int[] friends = graph.friends;
    int[] cursor = {0, 0};
    stageAndCopy(
        "friendships",
        friends.length,
        "user_id BIGINT UNSIGNED NOT NULL, friend_id BIGINT UNSIGNED NOT NULL",
        "INSERT INTO friendships (user_id, friend_id, created_at) SELECT user_id, friend_id, " + EPOCH
            + " FROM " + STAGE,
        out -> {
          int i = cursor[1]++;
          if (i == friends.length) {
            return false;
          }
          while (offsets[cursor[0] + 1] <= i) {
            cursor[0]++;
          }
          out.append(cursor[0] + 1).append(',').append(friends[i]).append('\n');
          return true;
        });
  }

  private void loadFavorites(SyntheticGraph graph) throws SQLException {
    int[] offsets = graph.favoriteOffsets;
    int total = graph.favoriteComics.length;
    int[] cursor = {0, 0};
    stageAndCopy(
        "favorites",
        total,
        "user_id BIGINT UNSIGNED NOT NULL, comic_id BIGINT UNSIGNED NOT NULL, created_at DATETIME(6) NOT NULL",
        "INSERT INTO favorites (user_id, comic_id, created_at) SELECT user_id, comic_id, created_at FROM " + STAGE,
        out -> {
          int i = cursor[1]++;
          if (i == total) {
            return false;
          }
          while (offsets[cursor[0] + 1] <= i) {
            cursor[0]++;
          }
          out.append(cursor[0] + 1).append(',').append(graph.favoriteComics[i]).append(',');
          Datetimes.append(out, graph.favoriteMicros[i]);
          out.append('\n');
          return true;
        });
  }

  /**
   * For each user at or above the threshold, per comic: how many friends like it and the latest of
   * those likes, i.e. {@code SELECT comic_id, COUNT(*), MAX(created_at) ... GROUP BY comic_id} over
   * their friends' favorites, computed from the arrays in comic order.
   */
  private void loadCounts(SyntheticGraph graph) throws SQLException {
    int users = graph.spec.users();
    int[] count = new int[graph.spec.comics() + 1];
    long[] latest = new long[graph.spec.comics() + 1];
    int kept = PopularityCounters.LIKERS_KEPT;
    long[] likerIds = new long[(graph.spec.comics() + 1) * kept];
    long[] likerMicros = new long[likerIds.length];
    int[] likers = new int[graph.spec.comics() + 1];
    int[] touched = new int[graph.spec.comics()];
    int[] state = {-1, 0, 0}; // current hub, touched count, position in touched
    int hubs = 0;
    for (int u = 0; u < users; u++) {
      if (graph.friendCount(u) >= threshold) {
        hubs++;
      }
    }
    long[] rows = {0};
    int[] hubsDone = {0};
    stageAndCopy(
        "friend_favorite_counts",
        "users materialized",
        hubs,
        () -> hubsDone[0],
        "user_id BIGINT UNSIGNED NOT NULL, comic_id BIGINT UNSIGNED NOT NULL, friend_count INT NOT NULL,"
            + " last_liked_at DATETIME(6) NOT NULL, recent_likers VARCHAR(200) NOT NULL",
        "INSERT INTO friend_favorite_counts (user_id, comic_id, friend_count, last_liked_at, recent_likers)"
            + " SELECT user_id, comic_id, friend_count, last_liked_at, REPLACE(recent_likers, ' ', ',') FROM "
            + STAGE,
        new CsvStream.RowSource() {
          @Override
          public boolean next(StringBuilder out) {
            while (state[2] == state[1]) {
              if (!nextHub()) {
                return false;
              }
            }
            int c = touched[state[2]++];
            out.append(state[0] + 1).append(',').append(c).append(',').append(count[c]).append(',');
            Datetimes.append(out, latest[c]);
            // The kept likers, space-separated: commas separate the CSV fields.
            for (int i = 0; i < likers[c]; i++) {
              out.append(i == 0 ? ',' : ' ').append(likerIds[c * kept + i]);
            }
            out.append('\n');
            count[c] = 0;
            latest[c] = 0;
            likers[c] = 0;
            rows[0]++;
            return true;
          }

          private boolean nextHub() {
            do {
              state[0]++;
            } while (state[0] < users && graph.friendCount(state[0]) < threshold);
            if (state[0] >= users) {
              return false;
            }
            hubsDone[0]++;
            int n = 0;
            for (int f = graph.friendOffsets[state[0]]; f < graph.friendOffsets[state[0] + 1]; f++) {
              int friend = graph.friends[f] - 1;
              for (int p = graph.favoriteOffsets[friend]; p < graph.favoriteOffsets[friend + 1]; p++) {
                int c = graph.favoriteComics[p];
                if (count[c]++ == 0) {
                  touched[n++] = c;
                }
                latest[c] = Math.max(latest[c], graph.favoriteMicros[p]);
                likers[c] =
                    NewestLikers.offer(
                        likerIds, likerMicros, c * kept, likers[c], kept, friend + 1, graph.favoriteMicros[p]);
              }
            }
            Arrays.sort(touched, 0, n);
            state[1] = n;
            state[2] = 0;
            return true;
          }
        });
    countRows = rows[0];
  }

  private void stageAndCopy(String table, long total, String stageColumns, String copy, CsvStream.RowSource rows)
      throws SQLException {
    stageAndCopy(table, "rows", total, null, stageColumns, copy, rows);
  }

  /** Streams the rows into a fresh staging table, then copies them into {@code table} in one statement. */
  private void stageAndCopy(
      String table,
      String unit,
      long total,
      LongSupplier done,
      String stageColumns,
      String copy,
      CsvStream.RowSource rows)
      throws SQLException {
    execute("DROP TABLE IF EXISTS " + STAGE);
    execute("CREATE TABLE " + STAGE + " (" + stageColumns + ") ENGINE = MyISAM");
    Progress progress = new Progress(table + " " + unit + " streamed", total);
    CsvStream csv = new CsvStream(rows, progress, done);
    long start = System.nanoTime();
    try (Statement st = connection.createStatement()) {
      st.unwrap(org.mariadb.jdbc.Statement.class).setLocalInfileInputStream(csv);
      st.execute(
          "LOAD DATA LOCAL INFILE 'stream.csv' INTO TABLE "
              + STAGE
              + " CHARACTER SET ascii FIELDS TERMINATED BY ',' LINES TERMINATED BY '\\n'");
    }
    if (progress.seconds() > 2) {
      progress.finish(done != null ? done.getAsLong() : csv.rows());
    }
    double staged = (System.nanoTime() - start) / 1e9;
    Progress.ticking(table + ": bulk INSERT ... SELECT from staging", () -> execute(copy));
    execute("DROP TABLE " + STAGE);
    double secs = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "  %s: %,d rows loaded in %.1f s (streamed to staging %.1f s, bulk insert %.1f s)%n",
        table,
        csv.rows(),
        secs,
        staged,
        secs - staged);
    seconds.put(table, secs);
  }

  private void execute(String sql) throws SQLException {
    try (Statement st = connection.createStatement()) {
      st.execute(sql);
    }
  }
}
