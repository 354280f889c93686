package com.comicshelf.functions;

import com.comicshelf.assets.AssetStore;
import com.comicshelf.assets.CoverUrls;
import com.comicshelf.assets.UploadLimits;
import com.comicshelf.assets.UploadRepository;
import com.comicshelf.assets.UploadService;
import com.comicshelf.catalog.CatalogService;
import com.comicshelf.catalog.ComicRepository;
import com.comicshelf.config.S3Settings;
import com.comicshelf.favorites.FavoriteRepository;
import com.comicshelf.favorites.FavoritesService;
import com.comicshelf.http.WriteGuard;
import com.comicshelf.idempotency.SqlIdempotencyStore;
import com.comicshelf.ratelimit.SqlRateLimiter;
import com.comicshelf.friends.FriendshipRepository;
import com.comicshelf.ranking.FanOutTrigger;
import com.comicshelf.ranking.PopularityCounters;
import com.comicshelf.sql.SqlClient;
import com.comicshelf.users.UserRepository;
import java.net.URI;
import java.time.Clock;

/** Wires services by hand for handler tests (tests do not use Dagger). */
public final class Services {
  /** Where covers are served in tests that do not look at them. */
  public static final CoverUrls COVERS = new CoverUrls(URI.create("https://covers.test"));

  private Services() {}

  public static CatalogService catalog(SqlClient sql, Clock clock) {
    return catalog(sql, clock, COVERS);
  }

  public static CatalogService catalog(SqlClient sql, Clock clock, CoverUrls covers) {
    return new CatalogService(sql, new ComicRepository(sql, covers), new UserRepository(sql), clock);
  }

  public static FavoritesService favorites(SqlClient sql, Clock clock) {
    return new FavoritesService(
        sql,
        new FavoriteRepository(sql, COVERS),
        new ComicRepository(sql, COVERS),
        new UserRepository(sql),
        new FriendshipRepository(sql),
        new PopularityCounters(sql),
        FanOutTrigger.NONE,
        clock);
  }

  /** Idempotency keys and rate limits in the database, as the local gateway keeps them. */
  public static WriteGuard writeGuard(SqlClient sql, Clock clock) {
    return new WriteGuard(new SqlIdempotencyStore(sql), new SqlRateLimiter(sql), clock);
  }

  /** Uploads into {@code store} with the default limits (5 MiB, five-minute URLs). */
  public static UploadService uploads(SqlClient sql, Clock clock, AssetStore store, CoverUrls covers) {
    return new UploadService(
        sql,
        new UploadRepository(sql),
        new UserRepository(sql),
        store,
        new UploadLimits(S3Settings.DEFAULT_MAX_UPLOAD_BYTES, S3Settings.DEFAULT_UPLOAD_URL_TTL),
        covers,
        clock);
  }
}
