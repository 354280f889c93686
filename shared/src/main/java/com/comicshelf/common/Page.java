package com.comicshelf.common;

import java.util.List;
import java.util.Objects;

/** One page of a keyset-paginated list; {@code nextCursor} is null on the last page. */
public record Page<T>(List<T> items, String nextCursor) {
  public Page {
    items = List.copyOf(items);
  }

  /**
   * Builds a page from a query that fetched one row more than {@code limit}: that extra row only
   * tells whether another page exists.
   */
  public static <T> Page<T> fromOverfetch(
      List<T> rows, int limit, java.util.function.Function<T, String> cursorOf) {
    Objects.requireNonNull(cursorOf, "cursorOf");
    if (rows.size() <= limit) {
      return new Page<>(rows, null);
    }
    List<T> items = rows.subList(0, limit);
    return new Page<>(items, cursorOf.apply(items.get(limit - 1)));
  }
}
