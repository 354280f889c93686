package com.comicshelf.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.comicshelf.assets.CoverUrls;
import com.comicshelf.common.ClientError;
import com.comicshelf.common.Page;
import com.comicshelf.common.PageRequest;
import com.comicshelf.sql.SqlClient;
import com.comicshelf.testing.MutableClock;
import com.comicshelf.testing.SqlAdapter;
import com.comicshelf.testing.TestDatabase;
import com.comicshelf.users.UserRepository;
import java.net.URI;
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
class CatalogServiceIT {
  @Parameter SqlAdapter adapter;

  private static TestDatabase db;
  private SqlClient sql;
  private CatalogService catalog;

  @BeforeAll
  static void createDatabase() {
    db = TestDatabase.create("comicshelf_catalog_it");
  }

  @BeforeEach
  void setUp() {
    db.truncateAll();
    sql = db.newClient(adapter);
    catalog =
        new CatalogService(
            sql, new ComicRepository(sql, new CoverUrls(URI.create("https://covers.test"))), new UserRepository(sql), new MutableClock(Instant.parse("2026-11-25T10:00:00Z")));
  }

  @AfterEach
  void tearDown() {
    TestDatabase.close(sql);
  }

  @Test
  void addComic_storesTrimmedFields_andCreatesTheUnknownCreator() {
    Comic added = catalog.add(7L, new NewComic("  Watchmen ", "DC Comics", 1986));

    assertThat(added.title()).isEqualTo("Watchmen");
    assertThat(catalog.get(added.id())).isEqualTo(added);
    assertThat(sql.queryOne("SELECT COUNT(*) AS n FROM users WHERE id = 7", java.util.Map.of(), r -> r.getLong("n")))
        .contains(1L);
  }

  @Test
  void addingTheSameComicTwice_isAConflict_namingTheExistingId() {
    Comic first = catalog.add(7L, new NewComic("Saga", "Image Comics", 2012));

    assertThatThrownBy(() -> catalog.add(8L, new NewComic("SAGA", "image comics", 2012)))
        .isInstanceOf(ClientError.class)
        .satisfies(
            e -> {
              ClientError error = (ClientError) e;
              assertThat(error.kind()).isEqualTo(ClientError.Kind.CONFLICT);
              assertThat(error.extensions()).containsEntry("existingId", first.id());
            });
  }

  @Test
  void invalidComics_areUnprocessable_withEveryProblemNamed() {
    assertThatThrownBy(() -> catalog.add(7L, new NewComic(" ", "x".repeat(101), 1500)))
        .isInstanceOf(ClientError.class)
        .hasMessageContaining("title is required")
        .hasMessageContaining("publisher must be at most 100")
        .hasMessageContaining("year must be between 1800 and 2027")
        .extracting(e -> ((ClientError) e).kind())
        .isEqualTo(ClientError.Kind.UNPROCESSABLE);
  }

  @Test
  void getUnknownComic_isNotFound() {
    assertThatThrownBy(() -> catalog.get(12345L))
        .isInstanceOf(ClientError.class)
        .extracting(e -> ((ClientError) e).kind())
        .isEqualTo(ClientError.Kind.NOT_FOUND);
  }

  @Test
  void search_matchesTitleSubstrings_caseInsensitively_andTreatsWildcardsLiterally() {
    catalog.add(1L, new NewComic("The Dark Knight Returns", "DC Comics", 1986));
    catalog.add(1L, new NewComic("Batman: The Dark Knight", "DC Comics", 2011));
    catalog.add(1L, new NewComic("Maus", "Pantheon Books", 1986));
    catalog.add(1L, new NewComic("100% Perfect", "Indie", 2001));

    assertThat(titles(catalog.search("dark knight", PageRequest.first(10))))
        .containsExactly("Batman: The Dark Knight", "The Dark Knight Returns");
    assertThat(titles(catalog.search("%", PageRequest.first(10)))).containsExactly("100% Perfect");
  }

  @Test
  void searchPages_coverEveryMatchOnce_inTitleOrder() {
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      String title = "Issue " + (char) ('A' + (i % 5)) + " " + i;
      catalog.add(1L, new NewComic(title, "Publisher " + i, 2000));
      expected.add(title);
    }
    expected.sort(String.CASE_INSENSITIVE_ORDER);

    List<String> seen = new ArrayList<>();
    Optional<String> cursor = Optional.empty();
    int pages = 0;
    do {
      Page<Comic> page = catalog.search("issue", new PageRequest(5, cursor));
      page.items().forEach(c -> seen.add(c.title()));
      cursor = Optional.ofNullable(page.nextCursor());
      pages++;
    } while (cursor.isPresent());

    assertThat(pages).isEqualTo(5);
    assertThat(seen).containsExactlyElementsOf(expected);
  }

  private static List<String> titles(Page<Comic> page) {
    return page.items().stream().map(Comic::title).toList();
  }
}
