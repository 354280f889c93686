package com.comicshelf.local;

import com.comicshelf.friends.FriendProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A made-up social network of a few hundred readers, always the same (fixed seed): friend counts
 * follow a power law, so a few people know many and most know a few, and favorites follow a Zipf
 * law over the catalog, so some comics are far more popular than others. It is the "Facebook" of the
 * local gateway: the Graph API stub answers from it, and the database is seeded from it.
 */
final class DemoSocialGraph {
  static final int USERS = 300;
  /** The demo reader's most recent friends, left out of the seeded database so a sync finds them. */
  static final int NEW_FRIENDS_FOR_SYNC = 5;
  private static final long SEED = 20261125L;
  private static final String[] FIRST = {
    "Ann", "Bob", "Cara", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jun", "Kim", "Lea", "Max", "Nia",
    "Oto", "Pia", "Quin", "Ravi", "Sam", "Tess", "Uma", "Vic", "Wen", "Xia", "Yan", "Zoe"
  };

  /** One favorite of the made-up network. */
  record Like(long userId, int catalogIndex, Instant at) {}

  private final Map<Long, String> names = new LinkedHashMap<>();
  private final Map<Long, Set<Long>> friends = new LinkedHashMap<>();
  private final List<Like> likes = new ArrayList<>();

  DemoSocialGraph(int catalogSize, Instant now) {
    Random random = new Random(SEED);
    for (int i = 0; i < USERS; i++) {
      long id = DemoData.DEMO_USER_ID + i;
      names.put(id, i == 0 ? "Demo Reader" : i == 1 ? "Demo Friend" : FIRST[i % FIRST.length] + " " + (char) ('A' + (i / FIRST.length) % 26) + ".");
      friends.put(id, new LinkedHashSet<>());
    }
    List<Long> ids = List.copyOf(names.keySet());
    // Power-law degrees (Pareto, alpha 1.5, at least 2, at most 120); the demo reader knows 70.
    for (int i = 0; i < USERS; i++) {
      int wanted = i == 0 ? 70 : (int) Math.min(120, Math.floor(2 / Math.pow(1 - random.nextDouble(), 1 / 1.5)));
      long me = ids.get(i);
      for (int tries = 0; friends.get(me).size() < wanted && tries < wanted * 20; tries++) {
        long other = ids.get(random.nextInt(USERS));
        if (other != me) {
          friends.get(me).add(other);
          friends.get(other).add(me);
        }
      }
    }
    friends.get(ids.get(0)).add(ids.get(1));
    friends.get(ids.get(1)).add(ids.get(0));
    // Zipf(1.1) favorites, 2 to 9 per reader, spread over the last 90 days.
    double[] cumulative = new double[catalogSize];
    double sum = 0;
    for (int k = 0; k < catalogSize; k++) {
      sum += 1 / Math.pow(k + 1, 1.1);
      cumulative[k] = sum;
    }
    for (long id : ids) {
      Set<Integer> chosen = new LinkedHashSet<>();
      int count = 2 + random.nextInt(8);
      while (chosen.size() < count) {
        double r = random.nextDouble() * sum;
        int k = 0;
        while (cumulative[k] < r) {
          k++;
        }
        chosen.add(k);
      }
      for (int k : chosen) {
        likes.add(new Like(id, k, now.minus(Duration.ofMinutes(random.nextInt(90 * 24 * 60)))));
      }
    }
  }

  Map<Long, String> names() {
    return names;
  }

  /** The friends the Graph API stub reports for {@code userId}; empty for someone not in the network. */
  List<FriendProfile> friendsOf(long userId) {
    return friends.getOrDefault(userId, Set.of()).stream().map(f -> new FriendProfile(f, names.get(f))).toList();
  }

  /** Every friendship once, as (smaller id, larger id), minus the demo reader's newest friends. */
  List<long[]> seededFriendships() {
    List<Long> newest = friendsOf(DemoData.DEMO_USER_ID).stream().map(FriendProfile::id)
        .filter(id -> id != DemoData.DEMO_FRIEND_ID).toList();
    Set<Long> leftForSync = Set.copyOf(newest.subList(Math.max(0, newest.size() - NEW_FRIENDS_FOR_SYNC), newest.size()));
    List<long[]> pairs = new ArrayList<>();
    friends.forEach(
        (a, set) ->
            set.stream()
                .filter(b -> a < b)
                .filter(b -> !(a == DemoData.DEMO_USER_ID && leftForSync.contains(b)))
                .forEach(b -> pairs.add(new long[] {a, b})));
    return pairs;
  }

  List<Like> likes() {
    return likes;
  }
}
