package com.comicshelf.ranking;

import static org.assertj.core.api.Assertions.assertThat;

import com.comicshelf.common.Deadline;
import com.comicshelf.favorites.FavoriteNote;
import com.comicshelf.friends.FriendProfile;
import com.comicshelf.sql.SqlClient;
import com.comicshelf.testing.Fixtures;
import com.comicshelf.testing.MutableClock;
import com.comicshelf.testing.RankingInvariants;
import com.comicshelf.testing.SocialWorld;
import com.comicshelf.testing.SqlAdapter;
import com.comicshelf.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Many copies of the functions writing at once, as Lambda runs them: 32 threads, each with its own
 * client (its own connection, as each Lambda container has), hammer five comics with adds, re-adds,
 * removes, friend syncs and ranking reads (which keep the likers they walk) of users whose ranking is
 * precomputed. No request may fail, and afterwards
 * every counter must equal a fresh aggregation of the favorites and friendships that remain.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(SqlAdapter.class)
class ConcurrentWritesIT {
  @Parameter SqlAdapter adapter;

  private static final int THREADS = 32;
  private static final int OPERATIONS_PER_THREAD = 40;
  /**
   * The Data API variant runs the endpoint and 32 SDK clients in this JVM on the same 2 cores: every
   * call waits for CPU far longer than on the real service (see the class comment), so it does fewer
   * operations, each with a longer budget than a function's 15 s.
   */
  private static final int DATA_API_OPERATIONS_PER_THREAD = 10;
  private static final Duration DATA_API_BUDGET = Duration.ofSeconds(45);
  private static final int USERS = 40;
  private static final int HUBS = 4;
  private static final int MATERIALIZE_FROM = 10;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));

  @Test
  void concurrentFavoriteWritesAndSyncs_failNothing_andLeaveEveryCountExact() throws Exception {
    TestDatabase db = TestDatabase.create("comicshelf_concurrency_it");
    SqlClient setup = db.newClient(adapter);
    List<Long> comics = new ArrayList<>();
    Fixtures fixtures = new Fixtures(setup);
    for (int i = 0; i < 5; i++) {
      comics.add(fixtures.comic("Popular " + i, "P", 2000));
    }
    try (SocialWorld world = new SocialWorld(setup, clock, MATERIALIZE_FROM, 100)) {
      for (long hub = 1; hub <= HUBS; hub++) {
        world.syncFriends(hub, friendsOf(hub, new Random(hub), 1.0));
      }
    }

    Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    AtomicInteger operations = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      long seed = 1000 + t;
      done.add(pool.submit(() -> hammer(db, comics, seed, failures, operations)));
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(5, TimeUnit.MINUTES)).as("the load finished").isTrue();
    for (Future<?> f : done) {
      f.get();
    }

    assertThat(operations).hasValue(THREADS * operationsPerThread());
    assertThat(failures).as("failed requests by exception").isEmpty();
    try (SocialWorld world = new SocialWorld(setup, clock, MATERIALIZE_FROM, 100)) {
      // Each request applied the outbox after its commit (32 appliers at once, as many copies of the
      // fan-out function would); rows one left to another that had finished are applied now.
      world.outbox.drainAll();
      assertThat(world.outbox.pendingCount()).as("rows still pending").isZero();
    }
    assertThat(RankingInvariants.assertCountsMatchAFreshAggregation(setup)).as("precomputed rows compared").isPositive();
    try (SocialWorld world = new SocialWorld(setup, clock, MATERIALIZE_FROM, 100)) {
      for (long hub = 1; hub <= HUBS; hub++) {
        List<RankedComic> fresh = world.popularity.aggregated(hub, 5, false);
        assertThat(world.ranking.popularAmongFriends(hub, 5, false))
            .extracting(PopularComic::likedBy)
            .as("likedBy of hub %d", hub)
            .containsExactlyElementsOf(world.popularity.namedLikers(fresh).values());
      }
    }
    assertThat(RankingInvariants.recentLikersThatAreNotTheNewest(setup)).as("kept likers after the reads").isEmpty();
    TestDatabase.close(setup);
  }

  private void hammer(
      TestDatabase db, List<Long> comics, long seed, Map<String, AtomicInteger> failures, AtomicInteger operations) {
    SqlClient sql = db.newClient(adapter);
    Random random = new Random(seed);
    try (SocialWorld world = new SocialWorld(sql, clock, MATERIALIZE_FROM, 100)) {
      for (int i = 0; i < operationsPerThread(); i++) {
        clock.advance(Duration.ofMillis(random.nextInt(2)));
        int step = i;
        try {
          Deadline.within(budget(), () -> operate(world, comics, random, step));
        } catch (RuntimeException e) {
          failures
              .computeIfAbsent(e.getClass().getSimpleName() + ": " + e.getMessage(), k -> new AtomicInteger())
              .incrementAndGet();
        }
        operations.incrementAndGet();
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      TestDatabase.close(sql);
    }
  }

  /**
   * One request: 40% add, 10% re-adds with a new note, 30% remove, 10% a hub's friend sync, 10% a
   * hub's ranking (which keeps the likers it had to walk: a write too).
   */
  private static Void operate(SocialWorld world, List<Long> comics, Random random, int step) {
    long user = 1 + random.nextInt(USERS);
    long comic = comics.get(random.nextInt(comics.size()));
    long hub = 1 + random.nextInt(HUBS);
    int op = random.nextInt(100);
    if (op < 40) {
      world.favorites.add(user, comic, FavoriteNote.NONE);
    } else if (op < 50) {
      world.favorites.add(user, comic, new FavoriteNote("again " + step));
      world.favorites.add(user, comic, new FavoriteNote("and again " + step));
    } else if (op < 80) {
      world.favorites.remove(user, comic);
    } else if (op < 90) {
      world.syncFriends(hub, friendsOf(hub, random, 0.6));
    } else {
      world.ranking.popularAmongFriends(hub, 5, false);
    }
    return null;
  }

  private int operationsPerThread() {
    return adapter == SqlAdapter.JDBC ? OPERATIONS_PER_THREAD : DATA_API_OPERATIONS_PER_THREAD;
  }

  /** A function's time for one request: 15 s (less the margin to answer), more for the emulated Data API. */
  private Duration budget() {
    return adapter == SqlAdapter.JDBC ? Duration.ofMillis(14_500) : DATA_API_BUDGET;
  }

  /** A hub's friends: each non-hub user with probability {@code share}, never fewer than the threshold. */
  private static List<FriendProfile> friendsOf(long hub, Random random, double share) {
    List<FriendProfile> friends = new ArrayList<>();
    for (long other = HUBS + 1; other <= USERS; other++) {
      if (friends.size() < MATERIALIZE_FROM || random.nextDouble() < share) {
        friends.add(new FriendProfile(other, "User " + other));
      }
    }
    return friends;
  }
}
