package com.comicshelf.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.comicshelf.common.ClientError;
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
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ranking on a hand-built graph whose answer is known, for each way of computing it: aggregated
 * on the fly, and precomputed with the favorites added before or after the friend sync.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(SqlAdapter.class)
class RankingIT {
  @Parameter SqlAdapter adapter;

  private static final long ME = 1, ANN = 2, BOB = 3, CY = 4, DEE = 5, STRANGER = 9;
  private static TestDatabase db;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
  private SqlClient sql;
  private SocialWorld world;
  private long x, y, z, v, w;

  @BeforeAll
  static void createDatabase() {
    db = TestDatabase.create("comicshelf_ranking_it");
  }

  @AfterEach
  void tearDown() {
    world.close();
    TestDatabase.close(sql);
  }

  /** Likes at 10:MM; see each test for the resulting order. */
  private void buildGraph(int materializeMinFriends, boolean favoritesFirst) throws Exception {
    db.truncateAll();
    sql = db.newClient(adapter);
    world = new SocialWorld(sql, clock, materializeMinFriends, 100);
    Fixtures fixtures = new Fixtures(sql);
    x = fixtures.comic("X", "P", 2000);
    y = fixtures.comic("Y", "P", 2000);
    z = fixtures.comic("Z", "P", 2000);
    v = fixtures.comic("V", "P", 2000);
    w = fixtures.comic("W", "P", 2000);
    if (!favoritesFirst) {
      syncMyFriends(ANN, BOB, CY, DEE);
    }
    like(ANN, x, 1);
    like(BOB, x, 2);
    like(CY, x, 3);
    like(ANN, y, 4);
    like(DEE, y, 5);
    like(BOB, z, 5);
    like(CY, z, 1);
    like(DEE, v, 4);
    like(ANN, v, 2);
    like(STRANGER, w, 9);
    like(ME, y, 10);
    if (favoritesFirst) {
      syncMyFriends(ANN, BOB, CY, DEE);
    }
  }

  @ParameterizedTest(name = "materialize from {0} friends, favorites first: {1}")
  @CsvSource({"1000, false", "1, false", "1, true"})
  void ranking_ordersByFriendCount_thenLatestLike_thenComicId(int minFriends, boolean favoritesFirst) throws Exception {
    buildGraph(minFriends, favoritesFirst);

    List<PopularComic> ranking = world.ranking.popularAmongFriends(ME, 10, false);

    assertThat(ranking).extracting(p -> p.comic().id()).containsExactly(x, y, z, v);
    assertThat(ranking).extracting(PopularComic::friendCount).containsExactly(3, 2, 2, 2);
    assertThat(ranking).extracting(PopularComic::lastLikedAt).containsExactly(at(3), at(5), at(5), at(4));
    assertThat(world.ranking.popularAmongFriends(ME, 2, false)).extracting(p -> p.comic().id()).containsExactly(x, y);
    assertThat(new UserRepository(sql).isMaterialized(ME)).isEqualTo(minFriends == 1);
  }

  @ParameterizedTest(name = "materialize from {0} friends, favorites first: {1}")
  @CsvSource({"1000, false", "1, false", "1, true"})
  void likedBy_namesUpToThreeFriends_mostRecentFirst(int minFriends, boolean favoritesFirst) throws Exception {
    buildGraph(minFriends, favoritesFirst);

    List<PopularComic> ranking = world.ranking.popularAmongFriends(ME, 10, false);

    assertThat(ranking.get(0).likedBy()).containsExactly(ref(CY), ref(BOB), ref(ANN));
    assertThat(ranking.get(1).likedBy()).containsExactly(ref(DEE), ref(ANN));
    assertThat(ranking.get(2).likedBy()).containsExactly(ref(BOB), ref(CY));
    like(DEE, x, 20);
    assertThat(world.ranking.popularAmongFriends(ME, 1, false).get(0).likedBy()).containsExactly(ref(DEE), ref(CY), ref(BOB));
  }

  @ParameterizedTest(name = "materialize from {0} friends, favorites first: {1}")
  @CsvSource({"1000, false", "1, false", "1, true"})
  void excludeMine_dropsComicsIAlreadyHave(int minFriends, boolean favoritesFirst) throws Exception {
    buildGraph(minFriends, favoritesFirst);

    assertThat(world.ranking.popularAmongFriends(ME, 10, true)).extracting(p -> p.comic().id()).containsExactly(x, z, v);
  }

  @ParameterizedTest(name = "materialize from {0} friends, favorites first: {1}")
  @CsvSource({"1000, false", "1, false", "1, true"})
  void losingAFriend_orAFavorite_changesTheRanking(int minFriends, boolean favoritesFirst) throws Exception {
    buildGraph(minFriends, favoritesFirst);

    syncMyFriends(ANN, BOB, DEE);

    List<PopularComic> withoutCy = world.ranking.popularAmongFriends(ME, 10, false);
    assertThat(withoutCy).extracting(p -> p.comic().id()).containsExactly(y, v, x, z);
    assertThat(withoutCy).extracting(PopularComic::friendCount).containsExactly(2, 2, 2, 1);
    assertThat(withoutCy).extracting(PopularComic::lastLikedAt).containsExactly(at(5), at(4), at(2), at(5));

    world.favorites.remove(DEE, y);

    List<PopularComic> withoutDeesY = world.ranking.popularAmongFriends(ME, 10, false);
    assertThat(withoutDeesY).extracting(p -> p.comic().id()).containsExactly(v, x, z, y);
    assertThat(withoutDeesY.get(3).lastLikedAt()).isEqualTo(at(4));
  }

  @ParameterizedTest(name = "favorites first: {0}")
  @ValueSource(booleans = {false, true})
  void precomputedRows_keepTheirNewestLikersAsLikesArrive_andARankingKeepsWhatItHadToWalk(boolean favoritesFirst) throws Exception {
    buildGraph(1, favoritesFirst);

    Map<Long, String> kept = keptLikersOfMe();
    if (favoritesFirst) {
      // The sync that materialized me rebuilt my counts after the likes: no likers are known yet.
      assertThat(kept).isEqualTo(mapOf(x, null, y, null, z, null, v, null));
    } else {
      // Every like was counted as it came: known where each was the newest (Cy, Bob, Ann; Dee, Ann),
      // unknown where one arrived older than the newest (Cy's at 10:01 on Z, Ann's at 10:02 on V).
      assertThat(kept).isEqualTo(mapOf(x, "4,3,2", y, "5,2", z, null, v, null));
    }

    world.favorites.remove(BOB, x);
    like(BOB, v, 20);
    like(CY, y, 5); // the same minute as Dee's like, and Cy's id is smaller: not the newest
    like(ANN, w, 21);

    assertThat(keptLikersOfMe())
        .isEqualTo(
            favoritesFirst
                ? mapOf(x, null, y, null, z, null, v, "3", w, "2")
                : mapOf(x, "4,2", y, null, z, null, v, "3", w, "2"));
    assertThat(world.ranking.popularAmongFriends(ME, 10, false))
        .filteredOn(p -> p.comic().id() == y)
        .singleElement()
        .satisfies(p -> assertThat(p.likedBy()).containsExactly(ref(DEE), ref(CY), ref(ANN)));
    // That ranking walked the likes of the comics whose likers were not known, and kept them.
    assertThat(keptLikersOfMe())
        .containsExactlyInAnyOrderEntriesOf(Map.of(x, "4,2", y, "5,4,2", z, "3,4", v, "3,5,2", w, "2"));
  }

  @ParameterizedTest(name = "materialize from {0} friends")
  @CsvSource({"1000", "1"})
  void aUserWithoutFriends_getsAnEmptyRanking(int minFriends) throws Exception {
    buildGraph(minFriends, false);

    assertThat(world.ranking.popularAmongFriends(STRANGER, 10, false)).isEmpty();
    assertThat(world.ranking.popularAmongFriends(424242L, 10, false)).isEmpty();
  }

  @ParameterizedTest(name = "materialize from {0} friends")
  @CsvSource({"1000", "1"})
  void globalRanking_countsEveryone_andFollowsRemovals(int minFriends) throws Exception {
    buildGraph(minFriends, false);

    List<PopularComic> overall = world.ranking.popularOverall(10);
    // Y ties X on three likes (mine included) and was liked last.
    assertThat(overall).extracting(p -> p.comic().id()).containsExactly(y, x, z, v, w);
    assertThat(overall).extracting(PopularComic::friendCount).containsExactly(3, 3, 2, 2, 1);
    assertThat(overall).allSatisfy(p -> assertThat(p.likedBy()).isEmpty());

    world.favorites.remove(CY, x);
    world.favorites.remove(ME, y);

    assertThat(world.ranking.popularOverall(10)).extracting(p -> p.comic().id()).containsExactly(y, z, v, x, w);
    assertThat(world.ranking.popularOverall(10).get(3).lastLikedAt()).isEqualTo(at(2));
  }

  @ParameterizedTest(name = "limit {0}")
  @CsvSource({"0", "101", "-5"})
  void limitsOutOfRange_areBadRequests(int limit) throws Exception {
    buildGraph(1000, false);

    assertThatThrownBy(() -> world.ranking.popularAmongFriends(ME, limit, false))
        .isInstanceOf(ClientError.class)
        .hasMessageContaining("limit must be between 1 and 100");
    assertThatThrownBy(() -> world.ranking.popularOverall(limit)).isInstanceOf(ClientError.class);
  }

  /** A map that may hold null values: keys and values alternate. */
  @Test
  void aFriendsLikeReachesAPrecomputedRanking_onceApplied_andIsCountedOnce_whenITurnMaterializedMeanwhile()
      throws Exception {
    buildGraph(5, false); // my 4 friends: my ranking is aggregated
    long hub = 6;
    world.syncFriends(hub, Stream.of(ANN, BOB, CY, DEE, STRANGER).map(id -> new FriendProfile(id, "User " + id)).toList());
    assertThat(new UserRepository(sql).isMaterialized(hub)).isTrue();
    world.deferFanOut();

    like(ANN, w, 30);
    assertThat(world.outbox.pendingCount()).as("Ann's like waits for her materialized friend").isEqualTo(1);
    assertThat(friendCountOf(hub, w)).as("the stranger's like alone, before the fan-out").isEqualTo(1);
    // A fifth friend makes my ranking precomputed: rebuilt from the favorites, Ann's pending like in them.
    syncMyFriends(ANN, BOB, CY, DEE, STRANGER);
    world.outbox.drainAll();

    assertThat(friendCountOf(hub, w)).as("the stranger's like and Ann's").isEqualTo(2);
    assertThat(new UserRepository(sql).isMaterialized(ME)).isTrue();
    assertThat(friendCountOf(ME, w)).as("Ann's and the stranger's likes, each once").isEqualTo(2);
    assertThat(RankingInvariants.assertCountsMatchAFreshAggregation(sql)).isPositive();
  }

  private int friendCountOf(long user, long comic) {
    return world.ranking.popularAmongFriends(user, 10, false).stream()
        .filter(p -> p.comic().id() == comic)
        .findFirst()
        .orElseThrow()
        .friendCount();
  }

  private static Map<Long, String> mapOf(Object... keysAndValues) {
    Map<Long, String> map = new HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((Long) keysAndValues[i], (String) keysAndValues[i + 1]);
    }
    return map;
  }

  /** My precomputed rows' {@code recent_likers} by comic (null where not known). */
  private Map<Long, String> keptLikersOfMe() {
    Map<Long, String> kept = new HashMap<>();
    sql.query(
        "SELECT comic_id, recent_likers FROM friend_favorite_counts WHERE user_id = :me",
        Map.of("me", ME),
        r -> kept.put(r.getLong("comic_id"), r.getString("recent_likers")));
    return kept;
  }

  private void syncMyFriends(long... ids) {
    world.syncFriends(ME, LongStream.of(ids).mapToObj(id -> new FriendProfile(id, name(id))).toList());
  }

  private void like(long user, long comic, int minute) {
    clock.set(at(minute));
    world.favorites.add(user, comic, FavoriteNote.NONE);
  }

  private static Instant at(int minute) {
    return Instant.parse("2026-11-25T10:00:00Z").plusSeconds(60L * minute);
  }

  private static FriendRef ref(long id) {
    return new FriendRef(id, name(id));
  }

  private static String name(long id) {
    return Map.of(ANN, "Ann", BOB, "Bob", CY, "Cy", DEE, "Dee").get(id);
  }
}
