package com.comicshelf.bench;

import com.comicshelf.catalog.ComicRepository;
import com.comicshelf.favorites.FavoriteNote;
import com.comicshelf.favorites.FavoriteRepository;
import com.comicshelf.favorites.FavoritesService;
import com.comicshelf.friends.FriendGraph;
import com.comicshelf.friends.FriendProfile;
import com.comicshelf.friends.FriendsService;
import com.comicshelf.friends.FriendshipRepository;
import com.comicshelf.ranking.MaterializationPolicy;
import com.comicshelf.ranking.PopularityCounters;
import com.comicshelf.ranking.PopularityOutbox;
import com.comicshelf.sql.SqlClient;
import com.comicshelf.users.UserRepository;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Write costs through the services the handlers call: a favorite added then removed again (so the
 * data set does not drift), with the fan-out to materialized friends as deployed (recorded in the
 * request, applied by a background applier, whose lag is measured too), and the same calls
 * with no materialized user at all (every {@code ranking_materialized} flag off for the duration, then
 * restored); plus a full rebuild and a friend re-sync of a user at the friend cap.
 */
final class WriteBenchmark {
  static final String FAN_OUT = "fan-out on";
  static final String NO_FAN_OUT = "no materialized users";
  static final String DEPLOYED = "as deployed";
  /**
   * From a change's outbox row (written by the request) to the commit of its fan-out: how long the
   * friends' rankings lag.
   */
  static final String ADD_LAG = "add, friends' lag";
  static final String REMOVE_LAG = "remove, friends' lag";

  /** One measured cell: an operation, a scenario, a liker class. */
  record Cell(String operation, String scenario, FriendClass friendClass, Samples.Stats stats) {}

  private final SqlClient sql;
  private final Budget budget;
  private final int threshold;
  private final long seed;
  private final FavoritesService favorites;
  private final PopularityCounters counters;
  private final PopularityOutbox outbox;
  private final BackgroundFanOut fanOut;

  WriteBenchmark(SqlClient sql, Budget budget, int threshold, long seed) {
    this.sql = sql;
    this.budget = budget;
    this.threshold = threshold;
    this.seed = seed;
    UserRepository users = new UserRepository(sql);
    this.counters = new PopularityCounters(sql);
    this.outbox = new PopularityOutbox(sql, counters);
    this.fanOut = new BackgroundFanOut(outbox);
    this.favorites =
        new FavoritesService(
            sql,
            new FavoriteRepository(sql, Services.COVERS),
            new ComicRepository(sql, Services.COVERS),
            users,
            new FriendshipRepository(sql),
            counters,
            fanOut,
            Clock.systemUTC());
  }

  List<Cell> run(List<FriendClass> classes) {
    try (fanOut) {
      return runAll(classes);
    }
  }

  private List<Cell> runAll(List<FriendClass> classes) {
    ComicPicker picker = new ComicPicker(sql);
    List<Cell> cells = new ArrayList<>();
    // Rows an interrupted run left behind are applied before anything is timed.
    fanOut.likesRecorded();
    fanOut.awaitDrained();
    for (FriendClass c : classes) {
      cells.addAll(addRemove(c, FAN_OUT, picker));
    }
    int flipped = sql.update("UPDATE users SET ranking_materialized = 0 WHERE ranking_materialized = 1", Map.of());
    try {
      for (FriendClass c : classes) {
        cells.addAll(addRemove(c, NO_FAN_OUT, picker));
      }
    } finally {
      restoreFlags(sql, threshold);
    }
    System.out.printf("  (%,d materialized flags turned off for the second scenario, then restored)%n", flipped);
    FriendClass cap = classes.get(classes.size() - 1);
    cells.add(rebuild(cap));
    cells.add(resync(cap));
    return cells;
  }

  /** Sets every user's flag from the friend count again: also repairs a run interrupted mid-way. */
  static void restoreFlags(SqlClient sql, int threshold) {
    sql.update(
        "UPDATE users SET ranking_materialized = (friend_count >= :t)"
            + " WHERE ranking_materialized <> (friend_count >= :t)",
        Map.of("t", threshold));
  }

  private List<Cell> addRemove(FriendClass c, String scenario, ComicPicker picker) {
    Random random = new Random(seed + c.target());
    List<Set<Long>> mine = new ArrayList<>();
    for (long user : c.users()) {
      mine.add(
          new HashSet<>(
              sql.query(
                  "SELECT comic_id FROM favorites WHERE user_id = :u",
                  Map.of("u", user),
                  r -> r.getLong("comic_id"))));
    }
    Samples adds = new Samples();
    Samples removes = new Samples();
    int warmups = budget.warmupPerUser() * c.users().size();
    long deadline = Long.MAX_VALUE;
    for (int i = 0;
        adds.size() < budget.target() && (adds.size() < budget.min() || System.nanoTime() < deadline);
        i++) {
      int k = i % c.users().size();
      long user = c.users().get(k);
      long comic = picker.popularityWeighted(random, mine.get(k));
      // Each call starts with the applier at rest: it works between the calls, not during them.
      long start = System.nanoTime();
      favorites.add(user, comic, FavoriteNote.NONE);
      long added = System.nanoTime();
      fanOut.awaitDrained();
      long start2 = System.nanoTime();
      favorites.remove(user, comic);
      long removed = System.nanoTime();
      fanOut.awaitDrained();
      if (i == warmups) {
        deadline = System.nanoTime() + (long) (budget.maxSeconds() * 1e9);
        fanOut.takeLags();
      }
      if (i >= warmups) {
        adds.add((added - start) / 1e6);
        removes.add((removed - start2) / 1e6);
      }
    }
    Samples[] lags = fanOut.takeLags();
    List<Cell> cells = new ArrayList<>();
    cells.add(report(new Cell("add favorite", scenario, c, adds.stats())));
    cells.add(report(new Cell("remove favorite", scenario, c, removes.stats())));
    if (lags[0].size() > 0) {
      cells.add(report(new Cell(ADD_LAG, scenario, c, lags[0].stats())));
    }
    if (lags[1].size() > 0) {
      cells.add(report(new Cell(REMOVE_LAG, scenario, c, lags[1].stats())));
    }
    return cells;
  }

  /** {@code PopularityCounters.rebuild} in its own transaction, as a sync of a materialized user runs it. */
  private Cell rebuild(FriendClass cap) {
    Samples samples = new Samples();
    for (long user : cap.users()) {
      long start = System.nanoTime();
      sql.inTransaction(
          () -> {
            counters.rebuild(user);
            return null;
          });
      samples.add((System.nanoTime() - start) / 1e6);
    }
    return report(new Cell("rebuild counts", DEPLOYED, cap, samples.stats()));
  }

  /**
   * {@code FriendsService.sync} with one friend swapped for another user, then synced back (two
   * timed syncs per user): locks, both friendship rows, friend counts, the fan-out to materialized
   * friends and the user's own rebuild, in one transaction.
   */
  private Cell resync(FriendClass cap) {
    Samples samples = new Samples();
    for (long user : cap.users()) {
      List<FriendProfile> now =
          sql.query(
              "SELECT u.id, u.name FROM friendships fr JOIN users u ON u.id = fr.friend_id WHERE fr.user_id = :u",
              Map.of("u", user),
              r -> new FriendProfile(r.getLong("id"), r.getString("name")));
      FriendProfile stranger =
          sql.queryOne(
                  """
                  SELECT u.id, u.name FROM users u
                  WHERE u.id <> :u AND u.friend_count < 100
                    AND NOT EXISTS (SELECT 1 FROM friendships fr WHERE fr.user_id = :u AND fr.friend_id = u.id)
                  ORDER BY u.id LIMIT 1
                  """,
                  Map.of("u", user),
                  r -> new FriendProfile(r.getLong("id"), r.getString("name")))
              .orElseThrow();
      List<FriendProfile> swapped = new ArrayList<>(now.subList(1, now.size()));
      swapped.add(stranger);
      for (List<FriendProfile> friends : List.of(swapped, now)) {
        FriendsService service =
            new FriendsService(
                sql,
                token -> friends,
                new FriendshipRepository(sql),
                new FriendGraph(
                    new FriendshipRepository(sql), new UserRepository(sql), counters, outbox, new MaterializationPolicy(threshold)),
                new UserRepository(sql),
                Clock.systemUTC());
        long start = System.nanoTime();
        service.sync(user, Optional.of("bench-token"), Optional.empty());
        samples.add((System.nanoTime() - start) / 1e6);
      }
    }
    return report(new Cell("friend sync, 1 changed", DEPLOYED, cap, samples.stats()));
  }

  private static Cell report(Cell cell) {
    System.out.printf(
        Locale.ROOT,
        "  %-22s %-22s %6s friends: p50 %8.2f ms  p99 %8.2f ms  (n=%d)%n",
        cell.operation(),
        cell.scenario(),
        cell.friendClass().label(),
        cell.stats().p50(),
        cell.stats().p99(),
        cell.stats().n());
    return cell;
  }

  /** Draws comics with probability proportional to their likes (the Zipf law of the data). */
  private static final class ComicPicker {
    private final long[] ids;
    private final double[] cumulative;

    ComicPicker(SqlClient sql) {
      List<long[]> rows =
          sql.query(
              "SELECT id, like_count FROM comics WHERE like_count > 0 ORDER BY id",
              Map.of(),
              r -> new long[] {r.getLong("id"), r.getLong("like_count")});
      ids = new long[rows.size()];
      cumulative = new double[rows.size()];
      double sum = 0;
      for (int i = 0; i < rows.size(); i++) {
        ids[i] = rows.get(i)[0];
        sum += rows.get(i)[1];
        cumulative[i] = sum;
      }
      for (int i = 0; i < cumulative.length; i++) {
        cumulative[i] /= sum;
      }
    }

    long popularityWeighted(Random random, Set<Long> exclude) {
      while (true) {
        int i = java.util.Arrays.binarySearch(cumulative, random.nextDouble());
        long id = ids[i >= 0 ? i : Math.min(ids.length - 1, -i - 1)];
        if (!exclude.contains(id)) {
          return id;
        }
      }
    }
  }
}
