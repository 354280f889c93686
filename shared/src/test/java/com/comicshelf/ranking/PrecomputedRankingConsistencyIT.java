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
import com.comicshelf.users.UserRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The precomputed counts must equal a fresh aggregation after any sequence of favorite and friend
 * changes, once the outbox is applied: random operations on a small world where most users cross the
 * materialization threshold, and so must the likers each precomputed row keeps. After half of the
 * steps the outbox is only partly applied and a ranking runs, so later syncs, rankings and likes meet
 * pending rows; after the others it is applied in full and everything is checked. Clock steps of zero
 * make ties on the latest like common.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(SqlAdapter.class)
class PrecomputedRankingConsistencyIT {
  @Parameter SqlAdapter adapter;

  private static final int USERS = 12;
  private static final int COMICS = 8;
  private static final int STEPS = 250;

  private TestDatabase db;
  private SqlClient sql;
  private SocialWorld world;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
  private final List<Long> comics = new ArrayList<>();
  private final AtomicInteger likersKept = new AtomicInteger();
  private final AtomicInteger likersWalked = new AtomicInteger();

  @BeforeEach
  void setUp() throws Exception {
    db = TestDatabase.create("comicshelf_consistency_it");
    sql = db.newClient(adapter);
    world = new SocialWorld(sql, clock, 3, 4);
    world.deferFanOut();
    Fixtures fixtures = new Fixtures(sql);
    for (int i = 0; i < COMICS; i++) {
      comics.add(fixtures.comic("Comic " + i, "P", 2000));
    }
  }

  @AfterEach
  void tearDown() {
    world.close();
    TestDatabase.close(sql);
  }

  @Test
  void precomputedCounts_equalAFreshAggregation_afterEveryRandomChange() {
    Random random = new Random(20261125L);
    int materializedChecks = 0;
    int leftPending = 0;
    int appliedLate = 0;
    int syncsMeetingPendingRows = 0;
    for (int step = 0; step < STEPS; step++) {
      boolean pendingBefore = world.outbox.pendingCount() > 0;
      long user = 1 + random.nextInt(USERS);
      clock.advance(Duration.ofSeconds(random.nextInt(3)));
      int op = random.nextInt(10);
      if (op < 5) {
        world.favorites.add(user, comics.get(random.nextInt(COMICS)), FavoriteNote.NONE);
      } else if (op < 8) {
        world.favorites.remove(user, comics.get(random.nextInt(COMICS)));
      } else {
        List<FriendProfile> friends = new ArrayList<>();
        for (long other = 1; other <= USERS; other++) {
          if (other != user && random.nextInt(3) > 0) {
            friends.add(new FriendProfile(other, "User " + other));
          }
        }
        world.syncFriends(user, friends);
        syncsMeetingPendingRows += pendingBefore ? 1 : 0;
      }
      if (random.nextInt(2) == 0) {
        world.outbox.applyPending(random.nextInt(2));
        world.ranking.popularAmongFriends(1 + random.nextInt(USERS), 10, false);
        leftPending += world.outbox.pendingCount() > 0 ? 1 : 0;
        assertThat(RankingInvariants.comicsWhoseLikeCountsDrifted(sql)).as("like counts after step %d", step).isEmpty();
      } else {
        appliedLate += pendingBefore ? 1 : 0;
        world.outbox.drainAll();
        assertThat(world.outbox.pendingCount()).as("rows left after draining, step %d", step).isZero();
        materializedChecks += assertConsistent(step);
      }
    }
    assertThat(materializedChecks).as("checks of materialized users").isGreaterThan(STEPS);
    // Pending rows met other operations often: steps ended with rows pending, syncs ran while some
    // were, and drains applied rows recorded in earlier steps.
    assertThat(leftPending).as("steps that ended with rows pending").isGreaterThan(STEPS / 10);
    assertThat(syncsMeetingPendingRows).as("syncs while rows were pending").isGreaterThan(STEPS / 50);
    assertThat(appliedLate).as("drains that applied rows of earlier steps").isGreaterThan(STEPS / 20);
    // Both ways to likedBy were taken many times: the kept list, and the walk where it was not known.
    assertThat(likersKept.get()).as("ranked comics whose likers were kept").isGreaterThan(STEPS);
    assertThat(likersWalked.get()).as("ranked comics whose likers were walked").isGreaterThan(STEPS / 10);
  }

  /** Returns how many materialized users were compared. */
  private int assertConsistent(int step) {
    int checked = 0;
    for (long user = 1; user <= USERS; user++) {
      List<RankedComic> fresh = world.popularity.aggregated(user, 100, false);
      if (isMaterialized(user)) {
        List<RankedComic> precomputed = world.popularity.materialized(user, 100, false);
        assertThat(rankingOf(precomputed)).as("user %d after step %d", user, step).isEqualTo(rankingOf(fresh));
        // likedBy from the kept lists where they are known, from the likes elsewhere: the same names.
        assertThat(world.popularity.likedBy(user, (int) user % 5, precomputed))
            .as("likedBy of materialized user %d after step %d", user, step)
            .isEqualTo(world.popularity.namedLikers(fresh));
        precomputed.forEach(r -> (r.knowsLikers(RankingService.LIKED_BY) ? likersKept : likersWalked).incrementAndGet());
        checked++;
      }
      // The likers the aggregation collects in passing are the ones the likedBy query finds.
      assertThat(world.popularity.namedLikers(fresh))
          .as("likedBy of user %d after step %d", user, step)
          .isEqualTo(world.popularity.recentFriendLikers(user, (int) user % 5, fresh, 3));
    }
    assertThat(RankingInvariants.comicsWhoseLikeCountsDrifted(sql)).as("comics whose like_count or last_liked_at drifted after step %d", step).isEmpty();
    assertThat(RankingInvariants.recentLikersThatAreNotTheNewest(sql)).as("kept likers after step %d", step).isEmpty();
    return checked;
  }

  /** What a ranking says, without how its likers were found. */
  private static List<List<Object>> rankingOf(List<RankedComic> ranked) {
    return ranked.stream().map(r -> List.<Object>of(r.comic(), r.count(), r.lastLikedAt(), r.totalLikes())).toList();
  }

  private boolean isMaterialized(long user) {
    return new UserRepository(sql).isMaterialized(user);
  }
}
