package com.comicshelf.deletion;

import com.comicshelf.assets.AssetStore;
import com.comicshelf.assets.UploadRepository;
import com.comicshelf.catalog.ComicRepository;
import com.comicshelf.common.Timestamps;
import com.comicshelf.favorites.FavoriteRepository;
import com.comicshelf.favorites.FavoritesService;
import com.comicshelf.friends.FriendGraph;
import com.comicshelf.idempotency.IdempotencyStore;
import com.comicshelf.ranking.PopularityCounters;
import com.comicshelf.ratelimit.RateLimiter;
import com.comicshelf.sql.SqlClient;
import com.comicshelf.users.UserRepository;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import javax.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Erases everything stored about one person, in steps that are each durable and each safe to
 * repeat, so an eraser killed at any point is resumed by running it again:
 *
 * <ol>
 *   <li>friendships, both rows of each, with the friend counts and the precomputed rankings of their
 *       friends, in one transaction (the friend-sync path with an empty friend list);
 *   <li>favorites, one per transaction through {@link FavoritesService#remove}, which keeps the like
 *       counters and every precomputed ranking exact exactly as an ordinary removal does;
 *   <li>uploads: the object in {@code incoming/} first, then the row; published covers no comic shows
 *       any more likewise; a cover a comic still shows stays with that comic, without its creator;
 *   <li>the comics they added stay in the (shared) catalog without their creator; idempotency keys
 *       (with the answers stored under them) and rate counters go;
 *   <li>last, in one transaction that holds the user's row locked: if nothing of theirs is left, the
 *       row goes and the request is marked done together, so "done" is never reported early.
 * </ol>
 *
 * Writes by the person that race with the deletion (a favorite added from another tab) are caught
 * by the last step's check and erased in another round.
 */
public final class UserDataEraser {
  private static final Logger log = LoggerFactory.getLogger(UserDataEraser.class);
  /** Rows read per batch; each favorite is still removed in its own short transaction. */
  private static final int BATCH = 100;
  /** Rounds of erasing before the request is left pending for the next attempt. */
  private static final int MAX_ROUNDS = 3;

  private final SqlClient sql;
  private final FriendGraph friendGraph;
  private final FavoritesService favoritesService;
  private final FavoriteRepository favorites;
  private final UploadRepository uploads;
  private final ComicRepository comics;
  private final UserRepository users;
  private final PopularityCounters counters;
  private final AssetStore store;
  private final IdempotencyStore idempotency;
  private final RateLimiter rateLimiter;
  private final DeletionRequestRepository requests;
  private final Clock clock;

  @Inject
  public UserDataEraser(
      SqlClient sql,
      FriendGraph friendGraph,
      FavoritesService favoritesService,
      FavoriteRepository favorites,
      UploadRepository uploads,
      ComicRepository comics,
      UserRepository users,
      PopularityCounters counters,
      AssetStore store,
      IdempotencyStore idempotency,
      RateLimiter rateLimiter,
      DeletionRequestRepository requests,
      Clock clock) {
    this.sql = sql;
    this.friendGraph = friendGraph;
    this.favoritesService = favoritesService;
    this.favorites = favorites;
    this.uploads = uploads;
    this.comics = comics;
    this.users = users;
    this.counters = counters;
    this.store = store;
    this.idempotency = idempotency;
    this.rateLimiter = rateLimiter;
    this.requests = requests;
    this.clock = clock;
  }

  /** What one run erased. */
  public record Erased(int friendships, int favorites, int uploads, int objects, int comicsKept, boolean done) {}

  /**
   * Erases what is left of {@code userId}'s data and, once nothing is, marks request {@code code}
   * done. Stops early, leaving the request pending, when {@code timeLeft} turns false.
   */
  public Erased erase(long userId, String code, BooleanSupplier timeLeft) {
    int friendships = 0;
    int favoriteCount = 0;
    int uploadCount = 0;
    int objects = 0;
    int comicsKept = 0;
    for (int round = 0; round < MAX_ROUNDS && timeLeft.getAsBoolean(); round++) {
      friendships += sql.inTransaction(() -> friendGraph.removeAll(userId, Timestamps.now(clock)));
      favoriteCount += eraseFavorites(userId, timeLeft);
      int[] uploaded = eraseUploads(userId, timeLeft);
      uploadCount += uploaded[0];
      objects += uploaded[1];
      comicsKept += comics.forgetCreator(userId);
      idempotency.forgetUser(userId);
      rateLimiter.forgetUser(userId);
      if (!timeLeft.getAsBoolean()) {
        break;
      }
      if (sql.inTransaction(() -> finish(userId, code))) {
        Erased erased = new Erased(friendships, favoriteCount, uploadCount, objects, comicsKept, true);
        log.info("deletion {} done: {}", code, erased);
        return erased;
      }
    }
    Erased erased = new Erased(friendships, favoriteCount, uploadCount, objects, comicsKept, false);
    log.info("deletion {} still pending: {}", code, erased);
    return erased;
  }

  private int eraseFavorites(long userId, BooleanSupplier timeLeft) {
    int removed = 0;
    for (List<Long> batch = favorites.comicIdsOf(userId, BATCH);
        !batch.isEmpty() && timeLeft.getAsBoolean();
        batch = favorites.comicIdsOf(userId, BATCH)) {
      for (long comicId : batch) {
        if (!timeLeft.getAsBoolean()) {
          return removed;
        }
        favoritesService.remove(userId, comicId);
        removed++;
      }
    }
    return removed;
  }

  /** Returns {uploads deleted, objects deleted}. Objects go before rows, so no object outlives its row. */
  private int[] eraseUploads(long userId, BooleanSupplier timeLeft) {
    int rows = 0;
    int objects = 0;
    for (var batch = uploads.uploadsOf(userId, BATCH);
        !batch.isEmpty() && timeLeft.getAsBoolean();
        batch = uploads.uploadsOf(userId, BATCH)) {
      for (UploadRepository.UploadKeys upload : batch) {
        store.delete(upload.incomingKey());
        uploads.deleteUpload(upload.id());
        rows++;
      }
    }
    for (var batch = uploads.assetsCreatedBy(userId, BATCH);
        !batch.isEmpty() && timeLeft.getAsBoolean();
        batch = uploads.assetsCreatedBy(userId, BATCH)) {
      for (UploadRepository.CreatedAsset asset : batch) {
        if (asset.currentCover()) {
          uploads.forgetAssetCreator(asset.id());
        } else {
          store.delete(asset.objectKey());
          uploads.deleteAsset(asset.id());
          objects++;
        }
      }
    }
    return new int[] {rows, objects};
  }

  /** The last step: true when nothing was left and the user's row is gone, with the request done. */
  private boolean finish(long userId, String code) {
    if (users.lock(userId)) {
      if (hasDataLeft(userId)) {
        return false;
      }
      counters.clear(userId);
      users.delete(userId);
    }
    requests.markDone(code, Timestamps.now(clock));
    return true;
  }

  private boolean hasDataLeft(long userId) {
    return sql.queryOne(
            """
            SELECT EXISTS (SELECT 1 FROM favorites WHERE user_id = :u)
                OR EXISTS (SELECT 1 FROM friendships WHERE user_id = :u)
                OR EXISTS (SELECT 1 FROM friendships WHERE friend_id = :u)
                OR EXISTS (SELECT 1 FROM uploads WHERE uploader_id = :u)
                OR EXISTS (SELECT 1 FROM assets WHERE created_by = :u)
                OR EXISTS (SELECT 1 FROM comics WHERE created_by = :u) AS leftover
            """,
            Map.of("u", userId),
            row -> row.getInt("leftover") == 1)
        .orElse(false);
  }
}
