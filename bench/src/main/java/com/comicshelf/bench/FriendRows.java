package com.comicshelf.bench;

import java.util.Arrays;

/** A growable column store of (friend, comic, created_at) rows: my friends' favorites. */
final class FriendRows {
  long[] friend = new long[1024];
  long[] comic = new long[1024];
  long[] micros = new long[1024];
  int size;

  void clear() {
    size = 0;
  }

  void add(long friendId, long comicId, long createdMicros) {
    if (size == friend.length) {
      int grown = 2 * size;
      friend = Arrays.copyOf(friend, grown);
      comic = Arrays.copyOf(comic, grown);
      micros = Arrays.copyOf(micros, grown);
    }
    friend[size] = friendId;
    comic[size] = comicId;
    micros[size] = createdMicros;
    size++;
  }
}
