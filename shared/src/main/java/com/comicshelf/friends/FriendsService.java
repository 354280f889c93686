package com.comicshelf.friends;

import com.comicshelf.common.Timestamps;
import com.comicshelf.common.ClientError;
import com.comicshelf.common.Cursor;
import com.comicshelf.common.Page;
import com.comicshelf.common.PageRequest;
import com.comicshelf.sql.SqlClient;
import com.comicshelf.users.UserRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;

/** A user's friends: replaced from the social network on sync, listed in pages. */
public final class FriendsService {
  private final SqlClient sql;
  private final FriendSource source;
  private final FriendshipRepository friendships;
  private final FriendGraph graph;
  private final UserRepository users;
  private final Clock clock;

  @Inject
  public FriendsService(
      SqlClient sql,
      FriendSource source,
      FriendshipRepository friendships,
      FriendGraph graph,
      UserRepository users,
      Clock clock) {
    this.sql = sql;
    this.source = source;
    this.friendships = friendships;
    this.graph = graph;
    this.users = users;
    this.clock = clock;
  }

  /** What a sync changed. */
  public record SyncResult(int friends, int added, int removed) {}

  /**
   * Replaces the user's friend set with what the social network says now, in one transaction:
   * both rows of each friendship, names for display, and the precomputed rankings that depend on it.
   * The network is called before the transaction opens, so no lock waits on it.
   *
   * @param tokenIssuedAt when the signed request carrying the token was issued: a token issued before
   *     the person removed the app (deauthorize callback) is not used, until they log in again
   */
  public SyncResult sync(long userId, Optional<String> accessToken, Optional<Instant> tokenIssuedAt) {
    String token =
        accessToken.orElseThrow(
            () ->
                new ClientError(
                    ClientError.Kind.UNAUTHORIZED,
                    "Access token missing",
                    "the signed request carries no oauth_token: log in again to sync friends"));
    users
        .deauthorizedAt(userId)
        .filter(removedAt -> tokenIssuedAt.map(issued -> !issued.isAfter(removedAt)).orElse(true))
        .ifPresent(
            removedAt -> {
              throw new ClientError(
                  ClientError.Kind.UNAUTHORIZED,
                  "Access token revoked",
                  "this person removed the app on Facebook at " + removedAt
                      + "; their token is no longer used: log in again to sync friends");
            });
    List<FriendProfile> fetched = fetch(token);
    Map<Long, FriendProfile> byId = new LinkedHashMap<>();
    fetched.stream().filter(f -> f.id() != userId).forEach(f -> byId.put(f.id(), f));
    Instant now = Timestamps.now(clock);
    return sql.inTransaction(() -> graph.replace(userId, byId, now));
  }

  private List<FriendProfile> fetch(String token) {
    try {
      return source.friendsOf(token);
    } catch (FriendSourceException e) {
      throw switch (e.kind()) {
        case TOKEN_REJECTED ->
            new ClientError(
                ClientError.Kind.UNAUTHORIZED,
                "Access token rejected",
                "Facebook rejected the access token (expired or revoked): log in again, then sync");
        case UNAVAILABLE ->
            new ClientError(
                ClientError.Kind.BAD_GATEWAY,
                "Friend list unavailable",
                "Facebook did not return the friend list; nothing was changed, try again later");
      };
    }
  }

  /** The user's friends in id order. */
  public Page<FriendProfile> list(long userId, PageRequest page) {
    Optional<Long> after = page.cursor().map(c -> Cursor.decodeLong(Cursor.decode(c, 1).get(0)));
    List<FriendProfile> rows = friendships.page(userId, after, page.limit() + 1);
    return Page.fromOverfetch(rows, page.limit(), f -> Cursor.encode(Long.toString(f.id())));
  }
}
