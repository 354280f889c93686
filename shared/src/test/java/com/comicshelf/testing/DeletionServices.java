package com.comicshelf.testing;

import com.comicshelf.assets.AssetStore;
import com.comicshelf.assets.CoverUrls;
import com.comicshelf.assets.UploadRepository;
import com.comicshelf.catalog.ComicRepository;
import com.comicshelf.deletion.DataDeletionService;
import com.comicshelf.deletion.DeletionRequestRepository;
import com.comicshelf.deletion.UserDataEraser;
import com.comicshelf.favorites.FavoriteRepository;
import com.comicshelf.favorites.FavoritesService;
import com.comicshelf.friends.FriendGraph;
import com.comicshelf.friends.FriendshipRepository;
import com.comicshelf.idempotency.SqlIdempotencyStore;
import com.comicshelf.ranking.FanOutTrigger;
import com.comicshelf.ranking.MaterializationPolicy;
import com.comicshelf.ranking.PopularityCounters;
import com.comicshelf.ranking.PopularityOutbox;
import com.comicshelf.ratelimit.SqlRateLimiter;
import com.comicshelf.sql.SqlClient;
import com.comicshelf.users.UserRepository;
import java.time.Clock;

/** The deletion service wired by hand over one database client, with guards kept in SQL. */
public final class DeletionServices {
  private DeletionServices() {}

  public static DataDeletionService over(
      SqlClient sql, Clock clock, AssetStore store, CoverUrls covers, int materializeMinFriends) {
    var users = new UserRepository(sql);
    var friendships = new FriendshipRepository(sql);
    var counters = new PopularityCounters(sql);
    var comics = new ComicRepository(sql, covers);
    var favorites = new FavoriteRepository(sql, covers);
    var requests = new DeletionRequestRepository(sql);
    var eraser =
        new UserDataEraser(
            sql,
            new FriendGraph(friendships, users, counters, new PopularityOutbox(sql, counters), new MaterializationPolicy(materializeMinFriends)),
            new FavoritesService(sql, favorites, comics, users, friendships, counters, FanOutTrigger.NONE, clock),
            favorites,
            new UploadRepository(sql),
            comics,
            users,
            counters,
            store,
            new SqlIdempotencyStore(sql),
            new SqlRateLimiter(sql),
            requests,
            clock);
    return new DataDeletionService(sql, requests, eraser, users, clock);
  }
}
