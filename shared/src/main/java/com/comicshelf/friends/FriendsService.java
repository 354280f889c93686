package com.comicshelf.friends;

import com.comicshelf.common.Timestamps;
import com.comicshelf.common.ClientError;
import com.comicshelf.common.Cursor;
import com.comicshelf.common.Page;
import com.comicshelf.common.PageRequest;
import com.comicshelf.ranking.MaterializationPolicy;
import com.comicshelf.ranking.PopularityCounters;
import com.comicshelf.sql.SqlClient;
import com.comicshelf.users.UserRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.inject.Inject;

/** A user's friends: replaced from the social network on sync, listed in pages. */
public final class FriendsService {
  private final SqlClient sql;
  private final FriendSource source;
  private final FriendshipRepository friendships;
  private final UserRepository users;
  private final PopularityCounters counters;
  private final MaterializationPolicy policy;
  private final Clock clock;

  @Inject
  public FriendsService(
      SqlClient sql,
      FriendSource source,
      FriendshipRepository friendships,
      UserRepository users,
      PopularityCounters counters,
      MaterializationPolicy policy,
      Clock clock) {
    this.sql = sql;
    this.source = source;
    this.friendships = friendships;
    this.users = users;
    this.counters = counters;
    this.policy = policy;
    this.clock = clock;
  }

  /** What a sync changed. */
  public record SyncResult(int friends, int added, int removed) {}

  /**
   * Replaces the user's friend set with what the social network says now, in one transaction:
   * both rows of each friendship, names for display, and the precomputed rankings that depend on it.
   * The network is called before the transaction opens, so no lock waits on it.
   */
  public SyncResult sync(long userId, Optional<String> accessToken) {
    String token =
        accessToken.orElseThrow(
            () ->
                new ClientError(
                    ClientError.Kind.UNAUTHORIZED,
                    "Access token missing",
                    "the signed request carries no oauth_token: log in again to sync friends"));
    List<FriendProfile> fetched = fetch(token);
    Map<Long, FriendProfile> byId = new LinkedHashMap<>();
    fetched.stream().filter(f -> f.id() != userId).forEach(f -> byId.put(f.id(), f));
    Instant now = Timestamps.now(clock);
    return sql.inTransaction(() -> replaceFriends(userId, byId, now));
  }

  private SyncResult replaceFriends(long userId, Map<Long, FriendProfile> wanted, Instant now) {
    users.ensureExists(userId, now);
    users.upsertNamed(List.copyOf(wanted.values()), now);
    Set<Long> current = friendships.lockFriendIds(userId);
    // In id order: concurrent syncs of people with friends in common then lock those friends' rows in
    // the same order, and queue instead of deadlocking.
    Set<Long> added = new TreeSet<>(wanted.keySet());
    added.removeAll(current);
    Set<Long> removed = new TreeSet<>(current);
    removed.removeAll(wanted.keySet());

    Set<Long> materializedBefore = friendships.materializedFriendIds(userId);
    friendships.removePairs(userId, removed);
    friendships.addPairs(userId, added, now);
    users.addToFriendCount(added, +1);
    users.addToFriendCount(removed, -1);

    // Friends whose ranking is precomputed see this user's favorites appear or vanish.
    Set<Long> materializedNow = friendships.materializedFriendIds(userId);
    for (long friend : removed) {
      if (materializedBefore.contains(friend)) {
        counters.friendRemoved(friend, userId);
      }
    }
    for (long friend : added) {
      if (materializedNow.contains(friend)) {
        counters.friendAdded(friend, userId);
      }
    }

    boolean materialize = policy.materializes(wanted.size());
    boolean wasMaterialized = users.isMaterialized(userId);
    users.setFriendCount(userId, wanted.size(), materialize);
    if (materialize && !wasMaterialized) {
      counters.rebuild(userId);
    } else if (materialize) {
      // Already precomputed: apply only what changed, so a sync that changes one friend of 5,000
      // costs one friend's favorites, not a recount of everyone's.
      for (long friend : removed) {
        counters.friendRemoved(userId, friend);
      }
      for (long friend : added) {
        counters.friendAdded(userId, friend);
      }
    } else if (wasMaterialized) {
      counters.clear(userId);
    }
    return new SyncResult(wanted.size(), added.size(), removed.size());
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
