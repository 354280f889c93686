package com.comicshelf.functions.catalog;

import com.comicshelf.config.Environment;
import com.comicshelf.http.WriteGuard;
import com.comicshelf.catalog.CatalogService;

/** Lets tests in other packages build the handler around a hand-wired service. */
public final class ComicsTestAccess {
  private ComicsTestAccess() {}

  public static ComicsHandler handler(CatalogService service, WriteGuard guard) {
    return new ComicsHandler(service, guard);
  }

  /** Builds the function's whole object graph from {@code environment}, as its container does. */
  public static Object graph(Environment environment) {
    var component = DaggerComicsComponent.factory().create(environment);
    return java.util.List.of(component.catalog(), component.writeGuard());
  }
}
