package com.comicshelf.config;

import java.net.URI;

/**
 * Friend sync and the ranking's precompute threshold.
 *
 * @param graphApiBaseUrl Facebook Graph API base, with version; a local stub in development
 * @param materializeMinFriends friend count from which a user's ranking is precomputed
 */
public record FriendSettings(URI graphApiBaseUrl, int materializeMinFriends) {
  public static final String GRAPH_API_BASE_URL = "COMICSHELF_GRAPH_API_BASE_URL";
  public static final String RANKING_MATERIALIZE_MIN_FRIENDS = "COMICSHELF_RANKING_MATERIALIZE_MIN_FRIENDS";
  public static final String DEFAULT_GRAPH_API = "https://graph.facebook.com/v21.0";
  public static final int DEFAULT_MATERIALIZE_MIN_FRIENDS = 1000;

  public static FriendSettings from(Environment env) {
    return new FriendSettings(
        URI.create(env.requiredInAws(GRAPH_API_BASE_URL, DEFAULT_GRAPH_API)),
        materializeMinFriends(env));
  }

  /** The precompute threshold alone, for functions that change friend sets without syncing. */
  public static int materializeMinFriends(Environment env) {
    return Math.toIntExact(env.optionalLong(RANKING_MATERIALIZE_MIN_FRIENDS, DEFAULT_MATERIALIZE_MIN_FRIENDS));
  }
}
