package com.comicshelf.catalog;

import com.comicshelf.common.Timestamps;
import com.comicshelf.common.ClientError;
import com.comicshelf.common.Cursor;
import com.comicshelf.common.Page;
import com.comicshelf.common.PageRequest;
import com.comicshelf.sql.DuplicateKeyException;
import com.comicshelf.sql.SqlClient;
import com.comicshelf.users.UserRepository;
import java.time.Clock;
import java.time.Instant;
import java.time.Year;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;

/** Searching, reading and adding catalog entries. */
public final class CatalogService {
  public static final int MAX_QUERY_LENGTH = 100;

  private final SqlClient sql;
  private final ComicRepository comics;
  private final UserRepository users;
  private final Clock clock;

  @Inject
  public CatalogService(SqlClient sql, ComicRepository comics, UserRepository users, Clock clock) {
    this.sql = sql;
    this.comics = comics;
    this.users = users;
    this.clock = clock;
  }

  public Comic get(long id) {
    return comics.find(id).orElseThrow(() -> ClientError.notFound("comic " + id + " does not exist"));
  }

  /** Comics whose title contains {@code query}; an empty query lists the whole catalog. */
  public Page<Comic> search(String query, PageRequest page) {
    String needle = query == null ? "" : query.strip();
    if (needle.length() > MAX_QUERY_LENGTH) {
      throw ClientError.badRequest("q must be at most " + MAX_QUERY_LENGTH + " characters");
    }
    Optional<ComicRepository.TitleKey> after =
        page.cursor()
            .map(c -> Cursor.decode(c, 2))
            .map(parts -> new ComicRepository.TitleKey(parts.get(0), Cursor.decodeLong(parts.get(1))));
    List<Comic> rows = comics.searchByTitle(needle, after, page.limit() + 1);
    return Page.fromOverfetch(rows, page.limit(), c -> Cursor.encode(c.title(), Long.toString(c.id())));
  }

  /**
   * Adds a comic created by {@code userId}; a comic with the same title, publisher and year is a
   * conflict that names the existing id.
   */
  public Comic add(long userId, NewComic request) {
    NewComic comic = request.validated(Year.now(clock));
    Instant now = Timestamps.now(clock);
    try {
      long id =
          sql.inTransaction(
              () -> {
                users.ensureExists(userId, now);
                return comics.insert(comic, userId, now);
              });
      return new Comic(id, comic.title(), comic.publisher(), comic.year(), null);
    } catch (DuplicateKeyException e) {
      long existing =
          comics
              .findIdByIdentity(comic.title(), comic.publisher(), comic.year())
              .orElseThrow(() -> e);
      throw new ClientError(
          ClientError.Kind.CONFLICT,
          "Comic already exists",
          "a comic with this title, publisher and year exists already: " + existing,
          Map.of("existingId", existing));
    }
  }
}
