package com.comicshelf.bench;

import com.comicshelf.ranking.FriendPopularityQuery;
import com.comicshelf.ranking.PopularityCounters;
import com.comicshelf.ranking.PopularityOutbox;
import com.comicshelf.ranking.RankingService;
import com.comicshelf.sql.jdbc.JdbcSqlClient;
import com.comicshelf.users.UserRepository;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Times the ranking variants side by side, per friend class, after checking that they all return the
 * same top 20 (comic ids, counts, latest like and the three likers) for every measured user.
 */
final class ReadBenchmark {
  /** One measured cell of the table. */
  record Cell(String variant, FriendClass friendClass, Samples.Stats stats) {}

  /** Carries a result out of a transaction that must roll back. */
  private static final class Rollback extends RuntimeException {
    final transient Object result;

    Rollback(Object result) {
      super(null, null, false, false);
      this.result = result;
    }
  }

  private final JdbcSqlClient sql;
  private final DataSource dataSource;
  private final Budget budget;
  private final int threshold;

  ReadBenchmark(JdbcSqlClient sql, DataSource dataSource, Budget budget, int threshold) {
    this.sql = sql;
    this.dataSource = dataSource;
    this.budget = budget;
    this.threshold = threshold;
  }

  List<Cell> run(List<FriendClass> classes) throws SQLException {
    PopularityOutbox outbox = new PopularityOutbox(sql, new PopularityCounters(sql));
    FriendPopularityQuery query = new FriendPopularityQuery(sql, Services.COVERS, outbox);
    RankingService service = new RankingService(query, new UserRepository(sql), sql, Services.COVERS);
    List<Cell> cells = new ArrayList<>();
    try (Connection connection = dataSource.getConnection()) {
      Map<Long, FriendRows> preloaded = preload(connection, classes);
      List<RankingVariant> variants =
          List.of(
              RankingVariant.ours(service),
              RankingVariant.oursWalkingLikers(new UserRepository(sql), query),
              RankingVariant.oursRankingOnly(new UserRepository(sql), query),
              RankingVariant.aggregatedSql(new UserRepository(sql), query),
              RankingVariant.perFriend(connection),
              RankingVariant.inMemory(preloaded));
      for (FriendClass c : classes) {
        Map<Long, List<RankRow>> expected = crossCheck(c, variants);
        cells.add(measure(RankingVariant.primaryKeyFloor(new UserRepository(sql)), c));
        for (RankingVariant variant : variants) {
          cells.add(measure(variant, c));
        }
        if (c.target() < threshold) {
          cells.add(whatIfMaterialized(query, c, expected));
        }
      }
    }
    return cells;
  }

  /**
   * The precomputed read for a class below the threshold: its users' counts are built inside a
   * transaction that is rolled back afterwards, so the data set is left as it was.
   */
  private Cell whatIfMaterialized(FriendPopularityQuery query, FriendClass c, Map<Long, List<RankRow>> expected) {
    PopularityCounters counters = new PopularityCounters(sql);
    RankingVariant variant = RankingVariant.materializedWhatIf(query);
    try {
      sql.inTransaction(
          () -> {
            c.users().forEach(counters::rebuild);
            try {
              for (long user : c.users()) {
                compare(c, user, "ours", expected.get(user), variant.name(), variant.rank(user));
              }
              throw new Rollback(measure(variant, c));
            } catch (SQLException e) {
              throw new IllegalStateException(e);
            }
          });
    } catch (Rollback done) {
      return (Cell) done.result;
    }
    throw new IllegalStateException("unreachable");
  }

  /** Every variant must give the same answer as the service, for every measured user. */
  private static Map<Long, List<RankRow>> crossCheck(FriendClass c, List<RankingVariant> variants)
      throws SQLException {
    Map<Long, List<RankRow>> expected = new HashMap<>();
    for (long user : c.users()) {
      List<RankRow> reference = variants.get(0).rank(user);
      expected.put(user, reference);
      for (RankingVariant other : variants.subList(1, variants.size())) {
        compare(c, user, variants.get(0).name(), reference, other.name(), other.rank(user));
      }
    }
    System.out.printf(
        "  %s friends: the %d variants agree on the top %d (ids, counts, latest like; likedBy where fetched)"
            + " for all %d users%n",
        c.label(), variants.size(), RankingVariant.LIMIT, c.users().size());
    return expected;
  }

  private static void compare(
      FriendClass c, long user, String name, List<RankRow> reference, String otherName, List<RankRow> other) {
    if (!other.isEmpty() && other.get(0).likedBy() == null) {
      reference = reference.stream().map(RankRow::withoutLikers).toList();
    }
    if (!reference.equals(other)) {
      int i = 0;
      while (i < Math.min(reference.size(), other.size()) && reference.get(i).equals(other.get(i))) {
        i++;
      }
      throw new IllegalStateException(
          String.format(
              "RESULTS DIFFER for user %d (%s friends): %s and %s first differ at rank %d: %s vs %s",
              user,
              c.label(),
              name,
              otherName,
              i + 1,
              i < reference.size() ? reference.get(i) : "(none)",
              i < other.size() ? other.get(i) : "(none)"));
    }
  }

  private Cell measure(RankingVariant variant, FriendClass c) throws SQLException {
    List<Long> users = c.users();
    long warmupEnd = System.nanoTime() + 2_000_000_000L;
    for (int round = 0; round < budget.warmupPerUser(); round++) {
      for (long user : users) {
        variant.rank(user);
      }
      if (System.nanoTime() > warmupEnd) {
        break;
      }
    }
    Samples samples = new Samples();
    long deadline = System.nanoTime() + (long) (budget.maxSeconds() * 1e9);
    for (int i = 0;
        samples.size() < budget.target() && (samples.size() < budget.min() || System.nanoTime() < deadline);
        i++) {
      long user = users.get(i % users.size());
      long start = System.nanoTime();
      variant.rank(user);
      samples.add((System.nanoTime() - start) / 1e6);
    }
    Samples.Stats stats = samples.stats();
    System.out.printf(
        Locale.ROOT,
        "  %-24s %6s friends: p50 %8.3f ms  p99 %8.3f ms  (n=%d)%n",
        variant.name(),
        c.label(),
        stats.p50(),
        stats.p99(),
        stats.n());
    return new Cell(variant.name(), c, stats);
  }

  /** My friends' favorites for each measured user, read once, for the in-memory lower bound. */
  private static Map<Long, FriendRows> preload(Connection connection, List<FriendClass> classes)
      throws SQLException {
    Map<Long, FriendRows> rows = new HashMap<>();
    try (PreparedStatement ps =
        connection.prepareStatement(
            """
            SELECT fr.friend_id, f.comic_id, f.created_at
            FROM friendships fr JOIN favorites f ON f.user_id = fr.friend_id
            WHERE fr.user_id = ?
            """)) {
      for (FriendClass c : classes) {
        for (long user : c.users()) {
          FriendRows mine = new FriendRows();
          ps.setLong(1, user);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              mine.add(rs.getLong(1), rs.getLong(2), Datetimes.micros(rs.getObject(3, LocalDateTime.class)));
            }
          }
          rows.put(user, mine);
        }
      }
    }
    return rows;
  }
}
