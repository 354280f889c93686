package com.comicshelf.functions.friends;

import com.comicshelf.config.Environment;
import com.comicshelf.friends.FriendsService;

/** Lets tests in other packages build the handler around a hand-wired service. */
public final class FriendsTestAccess {
  private FriendsTestAccess() {}

  public static FriendsHandler handler(FriendsService service) {
    return new FriendsHandler(service);
  }

  /** Builds the function's whole object graph from {@code environment}, as its container does. */
  public static Object graph(Environment environment) {
    return DaggerFriendsComponent.factory().create(environment).friends();
  }
}
