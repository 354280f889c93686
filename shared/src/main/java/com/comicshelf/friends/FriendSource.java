package com.comicshelf.friends;

import java.util.List;

/** Where a user's friends come from: the Facebook Graph API in production, a stub locally. */
public interface FriendSource {

  /**
   * Every friend of the token's owner who also uses the app, across all pages.
   *
   * @throws FriendSourceException when the token is rejected or the source fails
   */
  List<FriendProfile> friendsOf(String accessToken);
}
