package com.comicshelf.bench;

/**
 * The newest few likers of something, kept in a slice of two parallel arrays in the SQL's order:
 * like time descending, then user id descending.
 */
final class NewestLikers {
  private NewestLikers() {}

  /**
   * Offers the like of {@code liker} at {@code at} to the {@code n} kept in {@code ids[from..]} and
   * {@code micros[from..]} (room for {@code capacity}); returns how many are kept afterwards.
   */
  static int offer(long[] ids, long[] micros, int from, int n, int capacity, long liker, long at) {
    if (n == capacity && !newer(at, liker, micros[from + n - 1], ids[from + n - 1])) {
      return n;
    }
    int pos = n == capacity ? n - 1 : n;
    while (pos > 0 && newer(at, liker, micros[from + pos - 1], ids[from + pos - 1])) {
      ids[from + pos] = ids[from + pos - 1];
      micros[from + pos] = micros[from + pos - 1];
      pos--;
    }
    ids[from + pos] = liker;
    micros[from + pos] = at;
    return n == capacity ? n : n + 1;
  }

  private static boolean newer(long at, long id, long otherAt, long otherId) {
    return at > otherAt || (at == otherAt && id > otherId);
  }
}
