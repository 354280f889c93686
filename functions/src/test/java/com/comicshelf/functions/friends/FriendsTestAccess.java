package com.comicshelf.functions.friends;

import com.comicshelf.friends.FriendsService;

/** Lets tests in other packages build the handler around a hand-wired service. */
public final class FriendsTestAccess {
  private FriendsTestAccess() {}

  public static FriendsHandler handler(FriendsService service) {
    return new FriendsHandler(service);
  }
}
