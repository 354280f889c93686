package com.comicshelf.ranking;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The outbox between a like and its fan-out: what is recorded, and how appliers that run at once
 * share the rows without applying one comic's changes out of order.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(SqlAdapter.class)
class PopularityOutboxIT {
  @Parameter SqlAdapter adapter;

  private static final long HUB = 1, ANN = 2, BOB = 3, LONER = 4, LONERS_FRIEND = 5;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
  private TestDatabase db;
  private SqlClient sql;
  private SocialWorld world;
  private long x, y;

  @BeforeEach
  void setUp() throws Exception {
    db = TestDatabase.create("comicshelf_outbox_it");
    sql = db.newClient(adapter);
    world = new SocialWorld(sql, clock, 2, 100);
    Fixtures fixtures = new Fixtures(sql);
    x = fixtures.comic("X", "P", 2000);
    y = fixtures.comic("Y", "P", 2000);
    world.syncFriends(HUB, friends(ANN, BOB));
    world.syncFriends(LONER, friends(LONERS_FRIEND));
    world.deferFanOut();
  }

  @AfterEach
  void tearDown() {
    world.close();
    TestDatabase.close(sql);
  }

  @Test
  void aLikeIsRecordedOnlyWhereALikerHasAMaterializedFriend_andCountsForThemOnceApplied() {
    world.favorites.add(LONER, x, FavoriteNote.NONE);
    assertThat(world.outbox.pendingCount()).as("nobody to fan out to").isZero();

    world.favorites.add(ANN, x, FavoriteNote.NONE);
    world.favorites.add(ANN, x, new FavoriteNote("a new note is not a new like"));
    assertThat(world.outbox.pendingCount()).isEqualTo(1);
    assertThat(hubCount(x)).as("before the fan-out").isZero();
    assertThat(comicLikes(x)).as("the comic's own count is the request's").isEqualTo(2);

    List<PopularityOutbox.Applied> applied = world.outbox.applyPending(PopularityOutbox.BATCH);

    assertThat(applied).singleElement().satisfies(a -> {
      assertThat(a.likerId()).isEqualTo(ANN);
      assertThat(a.comicId()).isEqualTo(x);
      assertThat(a.added()).isTrue();
    });
    assertThat(world.outbox.pendingCount()).isZero();
    assertThat(hubCount(x)).isEqualTo(1);
    assertThat(world.outbox.applyPending(PopularityOutbox.BATCH)).as("each row is applied once").isEmpty();
    assertThat(hubCount(x)).isEqualTo(1);
  }

  @Test
  void anApplierSkipsRowsAnotherHolds_andAComicsLaterRowsWaitForItsEarlierOne() throws Exception {
    world.favorites.add(ANN, x, FavoriteNote.NONE); // row 1
    world.favorites.remove(ANN, x); // row 2: must not be applied before row 1
    world.favorites.add(BOB, y, FavoriteNote.NONE); // row 3: another comic, free to go

    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    SqlClient other = db.newClient(adapter);
    CompletableFuture<Void> holder =
        CompletableFuture.runAsync(
            () ->
                other.inTransaction(
                    () -> {
                      other.query(
                          "SELECT id FROM popularity_outbox ORDER BY id LIMIT 1 FOR UPDATE", Map.of(), r -> r.getLong("id"));
                      holding.countDown();
                      await(release);
                      return null;
                    }));
    try {
      assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();

      List<PopularityOutbox.Applied> applied = world.outbox.applyPending(PopularityOutbox.BATCH);

      assertThat(applied).extracting(PopularityOutbox.Applied::comicId).containsExactly(y);
      assertThat(world.outbox.pendingCount()).as("X's two rows").isEqualTo(2);
      assertThat(hubCount(x)).isZero();
    } finally {
      release.countDown();
      holder.get(30, TimeUnit.SECONDS);
      TestDatabase.close(other);
    }

    assertThat(world.outbox.drainAll()).isEqualTo(2);
    assertThat(hubCount(x)).isZero();
    assertThat(RankingInvariants.assertCountsMatchAFreshAggregation(sql)).isPositive();
  }

  @Test
  void appliersRunningAtOnce_applyEveryRowOnce() throws Exception {
    for (int minute = 0; minute < 30; minute++) {
      clock.advance(Duration.ofSeconds(minute % 3));
      long liker = minute % 2 == 0 ? ANN : BOB;
      long comic = minute % 3 == 0 ? x : y;
      if (minute % 4 == 3) {
        world.favorites.remove(liker, comic);
      } else {
        world.favorites.add(liker, comic, FavoriteNote.NONE);
      }
    }
    long recorded = world.outbox.pendingCount();
    assertThat(recorded).isGreaterThan(8);

    List<CompletableFuture<Integer>> appliers =
        LongStream.range(0, 4)
            .mapToObj(
                i ->
                    CompletableFuture.supplyAsync(
                        () -> {
                          SqlClient own = db.newClient(adapter);
                          try {
                            int total = 0;
                            for (int idle = 0; idle < 20; ) {
                              int n = new PopularityOutbox(own, new PopularityCounters(own)).applyPending(2).size();
                              total += n;
                              idle = n == 0 ? idle + 1 : 0;
                            }
                            return total;
                          } finally {
                            TestDatabase.close(own);
                          }
                        }))
            .toList();
    int applied = 0;
    for (CompletableFuture<Integer> a : appliers) {
      applied += a.get(2, TimeUnit.MINUTES);
    }
    applied += world.outbox.drainAll();

    assertThat(applied).as("rows applied, by all appliers").isEqualTo(recorded);
    assertThat(RankingInvariants.assertCountsMatchAFreshAggregation(sql)).isPositive();
  }

  private int hubCount(long comic) {
    return sql.queryOne(
            "SELECT friend_count FROM friend_favorite_counts WHERE user_id = :u AND comic_id = :c",
            Map.of("u", HUB, "c", comic),
            r -> r.getInt("friend_count"))
        .orElse(0);
  }

  private int comicLikes(long comic) {
    return sql.queryOne("SELECT like_count FROM comics WHERE id = :c", Map.of("c", comic), r -> r.getInt("like_count"))
        .orElseThrow();
  }

  private static List<FriendProfile> friends(long... ids) {
    return LongStream.of(ids).mapToObj(id -> new FriendProfile(id, "User " + id)).toList();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
