package com.comicshelf.functions.friends;

import com.comicshelf.config.Environment;
import com.comicshelf.http.WriteGuard;
import com.comicshelf.friends.FriendsService;

/** Lets tests in other packages build the handler around a hand-wired service. */
public final class FriendsTestAccess {
  private FriendsTestAccess() {}

  public static FriendsHandler handler(FriendsService service, WriteGuard guard) {
    return new FriendsHandler(service, guard);
  }

  /** Builds the function's whole object graph from {@code environment}, as its container does. */
  public static Object graph(Environment environment) {
    var component = DaggerFriendsComponent.factory().create(environment);
    return java.util.List.of(component.friends(), component.writeGuard());
  }
}
