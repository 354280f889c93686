package com.comicshelf.bench;

import com.comicshelf.ranking.PopularityCounters;
import java.util.List;
import java.util.Locale;

/**
 * One synthetic data set: how many users and comics, and the shape of the distributions.
 *
 * @param name short name, also the database suffix ({@code comicshelf_bench_<name>})
 * @param users number of users
 * @param comics catalog size
 * @param friendCap the most friends anyone has (Facebook's limit is 5,000)
 * @param degreeAlpha Lomax (Pareto II) shape of the friend-count distribution
 * @param degreeScale Lomax scale of the friend-count distribution
 * @param favoriteAlpha Lomax shape of the favorites-per-user distribution
 * @param favoriteScale Lomax scale of the favorites-per-user distribution
 * @param favoriteCap the most favorites anyone has
 * @param zipfExponent exponent of the Zipf popularity of comics
 */
record SizeSpec(
    String name,
    int users,
    int comics,
    int friendCap,
    double degreeAlpha,
    double degreeScale,
    double favoriteAlpha,
    double favoriteScale,
    int favoriteCap,
    double zipfExponent) {

  /** Friend-count distribution: mean ≈ 141, median ≈ 68; about 1.3% of users reach 1,000 friends. */
  private static final double DEGREE_ALPHA = 2.5;
  private static final double DEGREE_SCALE = 213;
  /** Favorites per user: mean ≈ 19.5, about 8% of users have none. */
  private static final double FAVORITE_ALPHA = 2.5;
  private static final double FAVORITE_SCALE = 30;

  static SizeSpec standard(String name, int users, int comics, int friendCap) {
    return new SizeSpec(
        name, users, comics, friendCap, DEGREE_ALPHA, DEGREE_SCALE, FAVORITE_ALPHA, FAVORITE_SCALE, 1000, 1.0);
  }

  /**
   * The full run: 100k holds ≥ 10M friendship rows and ≥ 1M favorites; 300k (same distributions, ~40M
   * friendship rows) shows how the costs grow with the data.
   */
  static List<SizeSpec> full() {
    return List.of(
        standard("10k", 10_000, 10_000, 5_000),
        standard("30k", 30_000, 25_000, 5_000),
        standard("100k", 100_000, 50_000, 5_000),
        standard("300k", 300_000, 100_000, 5_000));
  }

  /** A smoke run in well under a minute: same code paths, small graphs, a lower friend cap. */
  static List<SizeSpec> quick() {
    return List.of(standard("q3k", 3_000, 2_000, 1_500), standard("q6k", 6_000, 4_000, 2_000));
  }

  static SizeSpec byName(String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    return java.util.stream.Stream.concat(full().stream(), quick().stream())
        .filter(s -> s.name().equals(wanted))
        .findFirst()
        .orElseThrow(
            () -> new IllegalArgumentException("unknown size " + name + " (known: 10k, 30k, 100k, 300k, q3k, q6k)"));
  }

  /** The friend classes measured: ~50, ~300 and the cap. */
  List<Integer> friendClasses() {
    return List.of(50, 300, friendCap);
  }

  /** Everything that determines the generated data, for the cache check. */
  String fingerprint(long seed, int threshold) {
    return String.format(
        Locale.ROOT,
        "gen=%d seed=%d users=%d comics=%d cap=%d degree=Lomax(%.3f,%.1f) favorites=Lomax(%.3f,%.1f)<=%d zipf=%.3f threshold=%d likers=%d",
        SyntheticGraph.GENERATOR_VERSION,
        seed,
        users,
        comics,
        friendCap,
        degreeAlpha,
        degreeScale,
        favoriteAlpha,
        favoriteScale,
        favoriteCap,
        zipfExponent,
        threshold,
        PopularityCounters.LIKERS_KEPT);
  }
}
