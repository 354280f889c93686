package com.comicshelf.functions;

import com.comicshelf.catalog.CatalogService;
import com.comicshelf.catalog.ComicRepository;
import com.comicshelf.favorites.FavoriteRepository;
import com.comicshelf.favorites.FavoritesService;
import com.comicshelf.friends.FriendshipRepository;
import com.comicshelf.ranking.PopularityCounters;
import com.comicshelf.sql.SqlClient;
import com.comicshelf.users.UserRepository;
import java.time.Clock;

/** Wires services by hand for handler tests (tests do not use Dagger). */
public final class Services {
  private Services() {}

  public static CatalogService catalog(SqlClient sql, Clock clock) {
    return new CatalogService(sql, new ComicRepository(sql), new UserRepository(sql), clock);
  }

  public static FavoritesService favorites(SqlClient sql, Clock clock) {
    return new FavoritesService(
        sql,
        new FavoriteRepository(sql),
        new ComicRepository(sql),
        new UserRepository(sql),
        new FriendshipRepository(sql),
        new PopularityCounters(sql),
        clock);
  }
}
