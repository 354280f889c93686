package com.comicshelf.ranking;

/**
 * The ranking SQL exactly as {@link FriendPopularityQuery} runs it, for the benchmark's EXPLAIN: this
 * class shares the package so the statements are read from the constants, never copied.
 */
public final class RankingSql {
  private RankingSql() {}

  /** The on-the-fly aggregation, without the {@code excludeMine} clause. */
  public static String aggregated() {
    return FriendPopularityQuery.AGGREGATED.formatted("");
  }

  /**
   * The forms of one {@code recentFriendLikers} UNION branch, by constant name (e.g. {@code
   * FROM_COMIC}), for comic parameter {@code :c0}; they are private there, so read reflectively, and
   * empty if the class no longer has them.
   */
  public static java.util.Map<String, String> likedByBranches() {
    java.util.Map<String, String> branches = new java.util.TreeMap<>();
    for (java.lang.reflect.Field field : FriendPopularityQuery.class.getDeclaredFields()) {
      if (field.getType() == String.class
          && java.lang.reflect.Modifier.isStatic(field.getModifiers())
          && field.getName().startsWith("FROM_")) {
        try {
          field.setAccessible(true);
          String text = ((String) field.get(null)).formatted(0).strip();
          if (text.startsWith("(") && text.endsWith(")")) {
            text = text.substring(1, text.length() - 1);
          }
          branches.put(field.getName(), text);
        } catch (ReflectiveOperationException | RuntimeException e) {
          // a changed class: the caller falls back to its own copy
        }
      }
    }
    return branches;
  }

  /** The read of the precomputed counts, without the {@code excludeMine} clause. */
  public static String materialized() {
    return FriendPopularityQuery.MATERIALIZED.formatted("");
  }
}
