package com.comicshelf.friends;

import com.comicshelf.friends.FriendsService.SyncResult;
import com.comicshelf.ranking.MaterializationPolicy;
import com.comicshelf.ranking.PopularityCounters;
import com.comicshelf.ranking.PopularityOutbox;
import com.comicshelf.users.UserRepository;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.inject.Inject;

/**
 * Changes a user's friend set with everything that depends on it: both rows of each friendship, the
 * friend counts, and the precomputed rankings of the user and of their materialized friends. Every
 * method joins the caller's transaction.
 */
public final class FriendGraph {
  private final FriendshipRepository friendships;
  private final UserRepository users;
  private final PopularityCounters counters;
  private final PopularityOutbox outbox;
  private final MaterializationPolicy policy;

  @Inject
  public FriendGraph(
      FriendshipRepository friendships,
      UserRepository users,
      PopularityCounters counters,
      PopularityOutbox outbox,
      MaterializationPolicy policy) {
    this.friendships = friendships;
    this.users = users;
    this.counters = counters;
    this.outbox = outbox;
    this.policy = policy;
  }

  /** Makes {@code wanted} the user's friends (a sync), creating and renaming users as needed. */
  public SyncResult replace(long userId, Map<Long, FriendProfile> wanted, Instant now) {
    users.ensureExists(userId, now);
    users.upsertNamed(List.copyOf(wanted.values()), now);
    return apply(userId, wanted.keySet(), now);
  }

  /** Ends every friendship of the user (they are leaving); creates no user row. Returns how many. */
  public int removeAll(long userId, Instant now) {
    return apply(userId, Set.of(), now).removed();
  }

  private SyncResult apply(long userId, Collection<Long> wanted, Instant now) {
    Set<Long> current = friendships.lockFriendIds(userId);
    // In id order: concurrent syncs of people with friends in common then lock those friends' rows in
    // the same order, and queue instead of deadlocking.
    Set<Long> added = new TreeSet<>(wanted);
    added.removeAll(current);
    Set<Long> removed = new TreeSet<>(current);
    removed.removeAll(wanted);

    Set<Long> changingFriends = new TreeSet<>(added);
    changingFriends.addAll(removed);

    // The statements below read the favorites of this user and of the friends that change, which
    // already hold their pending likes: those are applied first, while the friendships are still the
    // ones they were made under, so that none is counted twice.
    Set<Long> likersRead = new TreeSet<>(changingFriends);
    likersRead.add(userId);
    outbox.drainLikers(likersRead);

    // Of the friends that change, those whose ranking is precomputed (a flag only their own sync
    // changes): they see this user's favorites appear or vanish. Asked of the changed ids alone, not
    // of all 5,000 friends.
    Set<Long> materialized = users.materializedAmong(changingFriends);
    friendships.removePairs(userId, removed);
    friendships.addPairs(userId, added, now);
    users.addToFriendCount(added, +1);
    users.addToFriendCount(removed, -1);

    for (long friend : removed) {
      if (materialized.contains(friend)) {
        counters.friendRemoved(friend, userId);
      }
    }
    for (long friend : added) {
      if (materialized.contains(friend)) {
        counters.friendAdded(friend, userId);
      }
    }

    boolean materialize = policy.materializes(wanted.size());
    boolean wasMaterialized = users.isMaterialized(userId);
    users.setFriendCount(userId, wanted.size(), materialize);
    if (materialize && !wasMaterialized) {
      outbox.drainFriendsOf(userId);
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
}
