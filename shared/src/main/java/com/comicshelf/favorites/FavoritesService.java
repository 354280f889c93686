package com.comicshelf.favorites;

import com.comicshelf.common.Timestamps;
import com.comicshelf.catalog.ComicRepository;
import com.comicshelf.common.ClientError;
import com.comicshelf.common.Cursor;
import com.comicshelf.common.Page;
import com.comicshelf.common.PageRequest;
import com.comicshelf.friends.FriendshipRepository;
import com.comicshelf.ranking.FanOutTrigger;
import com.comicshelf.ranking.PopularityCounters;
import com.comicshelf.users.UserRepository;
import com.comicshelf.sql.SqlClient;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;

/** A person's favorite comics: adding, removing and listing them, and who may see them. */
public final class FavoritesService {
  private final SqlClient sql;
  private final FavoriteRepository favorites;
  private final ComicRepository comics;
  private final UserRepository users;
  private final FriendshipRepository friendships;
  private final PopularityCounters counters;
  private final FanOutTrigger fanOut;
  private final Clock clock;

  @Inject
  public FavoritesService(
      SqlClient sql,
      FavoriteRepository favorites,
      ComicRepository comics,
      UserRepository users,
      FriendshipRepository friendships,
      PopularityCounters counters,
      FanOutTrigger fanOut,
      Clock clock) {
    this.sql = sql;
    this.favorites = favorites;
    this.comics = comics;
    this.users = users;
    this.friendships = friendships;
    this.counters = counters;
    this.fanOut = fanOut;
    this.clock = clock;
  }

  /** The outcome of an idempotent add: whether the favorite was new, and its state now. */
  public record Added(boolean created, Favorite favorite) {}

  private record AddedAndRecorded(Added added, boolean recorded) {}

  /**
   * Adds {@code comicId} to the user's favorites, or replaces its note if it is one already. Repeating
   * the call leaves the same state; only the first reports {@code created}.
   */
  public Added add(long userId, long comicId, FavoriteNote body) {
    String note = body.validatedNote();
    // At the stored precision, so what we return is what a later read returns (see Timestamps).
    Instant now = Timestamps.now(clock);
    AddedAndRecorded result =
        sql.inTransaction(
            () -> {
              lockComic(comicId);
              users.ensureExists(userId, now);
              boolean created = favorites.insertOrUpdateNote(userId, comicId, note, now);
              boolean recorded = created && counters.favoriteAdded(userId, comicId, now);
              Favorite favorite =
                  favorites.find(userId, comicId).orElseThrow(() -> new IllegalStateException("favorite vanished"));
              return new AddedAndRecorded(new Added(created, favorite), recorded);
            });
    wakeFanOut(result.recorded());
    return result.added();
  }

  /** After the commit: an applier woken earlier could not see the row. */
  private void wakeFanOut(boolean recorded) {
    if (recorded) {
      fanOut.likesRecorded();
    }
  }

  /** Removes a favorite; removing one that is not there (or of a comic that is not) is not an error. */
  public void remove(long userId, long comicId) {
    boolean recorded =
        sql.inTransaction(
            () -> {
              if (!comics.lockForUpdate(comicId)) {
                return false;
              }
              Optional<Instant> addedAt = favorites.lockAddedAt(userId, comicId);
              if (addedAt.isEmpty()) {
                return false;
              }
              favorites.delete(userId, comicId);
              return counters.favoriteRemoved(userId, comicId, addedAt.get());
            });
    wakeFanOut(recorded);
  }

  /**
   * Every favorite write (add, re-add, remove) locks the comic's row before touching anything else,
   * so concurrent writes to one comic queue up instead of deadlocking: without it, inserting a
   * favorite takes a shared lock on the comic (the foreign-key check) that the like counter's update
   * then needs exclusively, and two likers of one comic each wait for the other (MySQL error 1213).
   */
  private void lockComic(long comicId) {
    if (!comics.lockForUpdate(comicId)) {
      throw ClientError.notFound("comic " + comicId + " does not exist");
    }
  }

  public Page<Favorite> listMine(long userId, PageRequest page) {
    Optional<FavoriteRepository.NewestKey> after =
        page.cursor()
            .map(c -> Cursor.decode(c, 3))
            .map(
                parts ->
                    new FavoriteRepository.NewestKey(
                        Cursor.decodeInstant(parts.get(0), parts.get(1)), Cursor.decodeLong(parts.get(2))));
    List<Favorite> rows = favorites.newestFirst(userId, after, page.limit() + 1);
    return Page.fromOverfetch(
        rows,
        page.limit(),
        f ->
            Cursor.encode(
                Long.toString(f.createdAt().getEpochSecond()),
                Long.toString(f.createdAt().getNano()),
                Long.toString(f.comic().id())));
  }

  /** Another person's favorites: visible to that person and to their friends only. */
  public Page<Favorite> listOf(long viewerId, long ownerId, PageRequest page) {
    if (viewerId != ownerId && !friendships.areFriends(viewerId, ownerId)) {
      throw ClientError.forbidden("only user " + ownerId + " and their friends can see their favorites");
    }
    return listMine(ownerId, page);
  }
}
