package com.comicshelf.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The ranking computed in Java from my friends' favorite rows: a primitive open-addressing hash
 * aggregation by comic (count, latest like), the top {@code limit} by count desc, latest like desc,
 * comic id asc, and for those the three most recent likers (created_at desc, user id desc), the same
 * orders as the SQL. Buffers are reused across calls, so a warm call allocates almost nothing.
 */
final class FriendTally {
  private static final int LIKED_BY = 3;

  private long[] keys = new long[1 << 10];
  private int[] counts = new int[1 << 10];
  private long[] latest = new long[1 << 10];
  private int[] rankOf = new int[1 << 10];
  private int[] used = new int[1 << 10];
  private int usedCount;
  private int[] rowSlot = new int[1 << 10];

  List<RankRow> rank(FriendRows rows, int limit) {
    prepare(rows.size);
    int mask = keys.length - 1;
    for (int r = 0; r < rows.size; r++) {
      long comic = rows.comic[r];
      int slot = (int) (mix(comic) & mask);
      while (keys[slot] != 0 && keys[slot] != comic) {
        slot = (slot + 1) & mask;
      }
      if (keys[slot] == 0) {
        keys[slot] = comic;
        used[usedCount++] = slot;
      }
      counts[slot]++;
      if (rows.micros[r] > latest[slot]) {
        latest[slot] = rows.micros[r];
      }
      rowSlot[r] = slot;
    }

    // Top-k by insertion into a small sorted array (k = 20 against thousands of comics).
    int[] top = new int[Math.min(limit, usedCount)];
    int topSize = 0;
    for (int u = 0; u < usedCount; u++) {
      int slot = used[u];
      if (topSize == top.length && !before(slot, top[topSize - 1])) {
        continue;
      }
      int pos = topSize == top.length ? topSize - 1 : topSize++;
      while (pos > 0 && before(slot, top[pos - 1])) {
        top[pos] = top[pos - 1];
        pos--;
      }
      top[pos] = slot;
    }

    long[][] likerIds = new long[topSize][LIKED_BY];
    long[][] likerMicros = new long[topSize][LIKED_BY];
    int[] likerCount = new int[topSize];
    for (int t = 0; t < topSize; t++) {
      rankOf[top[t]] = t + 1;
    }
    for (int r = 0; r < rows.size; r++) {
      int t = rankOf[rowSlot[r]] - 1;
      if (t >= 0) {
        likerCount[t] =
            NewestLikers.offer(likerIds[t], likerMicros[t], 0, likerCount[t], LIKED_BY, rows.friend[r], rows.micros[r]);
      }
    }
    List<RankRow> result = new ArrayList<>(topSize);
    for (int t = 0; t < topSize; t++) {
      int slot = top[t];
      List<Long> likedBy = new ArrayList<>(likerCount[t]);
      for (int i = 0; i < likerCount[t]; i++) {
        likedBy.add(likerIds[t][i]);
      }
      result.add(new RankRow(keys[slot], counts[slot], latest[slot], likedBy));
      rankOf[slot] = 0;
    }
    return result;
  }

  /** Ranking order: more friends first, then the latest like, then the lower comic id. */
  private boolean before(int a, int b) {
    if (counts[a] != counts[b]) {
      return counts[a] > counts[b];
    }
    if (latest[a] != latest[b]) {
      return latest[a] > latest[b];
    }
    return keys[a] < keys[b];
  }

  /** Clears the slots used by the previous call and makes room for {@code rows} rows. */
  private void prepare(int rows) {
    for (int u = 0; u < usedCount; u++) {
      int slot = used[u];
      keys[slot] = 0;
      counts[slot] = 0;
      latest[slot] = 0;
    }
    usedCount = 0;
    int capacity = Integer.highestOneBit(Math.max(16, rows) * 2 - 1) << 1;
    if (capacity > keys.length) {
      keys = new long[capacity];
      counts = new int[capacity];
      latest = new long[capacity];
      rankOf = new int[capacity];
      used = new int[capacity];
    }
    if (rowSlot.length < rows) {
      rowSlot = new int[Math.max(rows, 2 * rowSlot.length)];
    }
  }

  private static long mix(long x) {
    x *= 0x9E3779B97F4A7C15L;
    return x ^ (x >>> 29);
  }
}
