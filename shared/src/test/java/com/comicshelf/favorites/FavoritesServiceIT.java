package com.comicshelf.favorites;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.comicshelf.assets.CoverUrls;
import com.comicshelf.catalog.ComicRepository;
import com.comicshelf.common.ClientError;
import com.comicshelf.common.Page;
import com.comicshelf.common.PageRequest;
import com.comicshelf.friends.FriendshipRepository;
import com.comicshelf.ranking.FanOutTrigger;
import com.comicshelf.ranking.PopularityCounters;
import com.comicshelf.sql.SqlClient;
import com.comicshelf.testing.Fixtures;
import com.comicshelf.testing.MutableClock;
import com.comicshelf.testing.SqlAdapter;
import com.comicshelf.testing.TestDatabase;
import com.comicshelf.users.UserRepository;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass(name = "{0}")
@EnumSource(SqlAdapter.class)
class FavoritesServiceIT {
  @Parameter SqlAdapter adapter;

  private static final long ANN = 101L;
  private static final long BOB = 102L;
  private static final long EVE = 103L;
  private static TestDatabase db;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00.123456789Z"));
  private SqlClient sql;
  private Fixtures fixtures;
  private FavoritesService favorites;

  @BeforeAll
  static void createDatabase() {
    db = TestDatabase.create("comicshelf_favorites_it");
  }

  @BeforeEach
  void setUp() {
    db.truncateAll();
    sql = db.newClient(adapter);
    fixtures = new Fixtures(sql);
    CoverUrls covers = new CoverUrls(URI.create("https://covers.test"));
    favorites =
        new FavoritesService(
            sql,
            new FavoriteRepository(sql, covers),
            new ComicRepository(sql, covers),
            new UserRepository(sql),
            new FriendshipRepository(sql),
            new PopularityCounters(sql),
            FanOutTrigger.NONE,
            clock);
  }

  @AfterEach
  void tearDown() {
    TestDatabase.close(sql);
  }

  @Test
  void addFavorite_isIdempotent_whenCalledTwice() {
    long maus = fixtures.comic("Maus", "Pantheon Books", 1986);

    FavoritesService.Added first = favorites.add(ANN, maus, new FavoriteNote("a classic"));
    clock.advance(Duration.ofMinutes(5));
    FavoritesService.Added second = favorites.add(ANN, maus, new FavoriteNote("a classic"));

    assertThat(first.created()).isTrue();
    assertThat(second.created()).isFalse();
    assertThat(second.favorite()).isEqualTo(first.favorite());
    assertThat(favorites.listMine(ANN, PageRequest.first(10)).items()).hasSize(1);
  }

  @Test
  void addingAgainWithAnotherNote_replacesTheNote_butKeepsWhenItWasFirstAdded() {
    long maus = fixtures.comic("Maus", "Pantheon Books", 1986);
    Instant firstAdded = favorites.add(ANN, maus, new FavoriteNote("first")).favorite().createdAt();
    clock.advance(Duration.ofHours(1));

    FavoritesService.Added again = favorites.add(ANN, maus, new FavoriteNote("  second  "));

    assertThat(again.created()).isFalse();
    assertThat(again.favorite().note()).isEqualTo("second");
    assertThat(again.favorite().createdAt()).isEqualTo(firstAdded);
  }

  @Test
  void favoritingAMissingComic_isNotFound_andCreatesNothing() {
    assertThatThrownBy(() -> favorites.add(ANN, 999L, FavoriteNote.NONE))
        .isInstanceOf(ClientError.class)
        .extracting(e -> ((ClientError) e).kind())
        .isEqualTo(ClientError.Kind.NOT_FOUND);
    assertThat(sql.queryOne("SELECT COUNT(*) AS n FROM users", java.util.Map.of(), r -> r.getLong("n")))
        .contains(0L);
  }

  @Test
  void tooLongNote_isUnprocessable() {
    long maus = fixtures.comic("Maus", "Pantheon Books", 1986);

    assertThatThrownBy(() -> favorites.add(ANN, maus, new FavoriteNote("x".repeat(501))))
        .isInstanceOf(ClientError.class)
        .hasMessageContaining("at most 500");
  }

  @Test
  void remove_isIdempotent_andOnlyRemovesThatFavorite() {
    long maus = fixtures.comic("Maus", "Pantheon Books", 1986);
    long saga = fixtures.comic("Saga", "Image Comics", 2012);
    favorites.add(ANN, maus, FavoriteNote.NONE);
    favorites.add(ANN, saga, FavoriteNote.NONE);

    favorites.remove(ANN, maus);
    favorites.remove(ANN, maus);

    assertThat(favorites.listMine(ANN, PageRequest.first(10)).items())
        .extracting(f -> f.comic().id())
        .containsExactly(saga);
  }

  @Test
  void pagesOfFavorites_areNewestFirst_withNoDuplicatesOrGaps_evenWithTiedTimestamps() {
    List<Long> expectedNewestFirst = new ArrayList<>();
    for (int i = 0; i < 37; i++) {
      long comic = fixtures.comic("Comic " + i, "Publisher", 2000);
      favorites.add(ANN, comic, FavoriteNote.NONE);
      expectedNewestFirst.add(0, comic);
      // Every third favorite shares its timestamp with the next: the comic id breaks the tie.
      if (i % 3 != 0) {
        clock.advance(Duration.ofNanos(1_500));
      }
    }
    // Within a tie, a higher comic id comes first; rebuild the expectation by (time desc, id desc).
    List<Long> expected = expectedFromDatabase();

    List<Long> seen = new ArrayList<>();
    Optional<String> cursor = Optional.empty();
    do {
      Page<Favorite> page = favorites.listMine(ANN, new PageRequest(10, cursor));
      assertThat(page.items()).hasSizeLessThanOrEqualTo(10);
      page.items().forEach(f -> seen.add(f.comic().id()));
      cursor = Optional.ofNullable(page.nextCursor());
    } while (cursor.isPresent());

    assertThat(seen).hasSize(37).doesNotHaveDuplicates().containsExactlyElementsOf(expected);
    assertThat(seen).containsExactlyInAnyOrderElementsOf(expectedNewestFirst);
  }

  @Test
  void aFullLastPage_hasNoNextCursor() {
    for (int i = 0; i < 4; i++) {
      favorites.add(ANN, fixtures.comic("Comic " + i, "P", 2000), FavoriteNote.NONE);
      clock.advance(Duration.ofSeconds(1));
    }

    Page<Favorite> first = favorites.listMine(ANN, PageRequest.first(2));
    Page<Favorite> second = favorites.listMine(ANN, new PageRequest(2, Optional.of(first.nextCursor())));

    assertThat(second.items()).hasSize(2);
    assertThat(second.nextCursor()).isNull();
  }

  @Test
  void someoneElsesFavorites_areVisibleToThemAndTheirFriends_only() {
    long maus = fixtures.comic("Maus", "Pantheon Books", 1986);
    favorites.add(ANN, maus, FavoriteNote.NONE);
    fixtures.user(BOB, "Bob");
    fixtures.user(EVE, "Eve");
    fixtures.friends(ANN, BOB);

    assertThat(favorites.listOf(ANN, ANN, PageRequest.first(10)).items()).hasSize(1);
    assertThat(favorites.listOf(BOB, ANN, PageRequest.first(10)).items()).hasSize(1);
    assertThatThrownBy(() -> favorites.listOf(EVE, ANN, PageRequest.first(10)))
        .isInstanceOf(ClientError.class)
        .extracting(e -> ((ClientError) e).kind())
        .isEqualTo(ClientError.Kind.FORBIDDEN);
  }

  private List<Long> expectedFromDatabase() {
    return sql.query(
        "SELECT comic_id FROM favorites WHERE user_id = :u ORDER BY created_at DESC, comic_id DESC",
        java.util.Map.of("u", ANN),
        r -> r.getLong("comic_id"));
  }
}
