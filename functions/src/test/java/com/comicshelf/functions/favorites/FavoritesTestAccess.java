package com.comicshelf.functions.favorites;

import com.comicshelf.favorites.FavoritesService;

/** Lets tests in other packages build the handler around a hand-wired service. */
public final class FavoritesTestAccess {
  private FavoritesTestAccess() {}

  public static FavoritesHandler handler(FavoritesService service) {
    return new FavoritesHandler(service);
  }
}
