package com.comicshelf.functions.favorites;

import com.comicshelf.config.Environment;
import com.comicshelf.favorites.FavoritesService;

/** Lets tests in other packages build the handler around a hand-wired service. */
public final class FavoritesTestAccess {
  private FavoritesTestAccess() {}

  public static FavoritesHandler handler(FavoritesService service) {
    return new FavoritesHandler(service);
  }

  /** Builds the function's whole object graph from {@code environment}, as its container does. */
  public static Object graph(Environment environment) {
    return DaggerFavoritesComponent.factory().create(environment).favorites();
  }
}
