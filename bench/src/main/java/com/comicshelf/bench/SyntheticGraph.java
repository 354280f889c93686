package com.comicshelf.bench;

import java.time.Instant;
import java.util.Arrays;
import java.util.BitSet;
import java.util.SplittableRandom;

/**
 * A generated social graph and favorites, held in flat arrays: user {@code i} (database id {@code
 * i + 1}) has friends {@code friends[friendOffsets[i] .. friendOffsets[i+1])} (database ids, sorted)
 * and favorites {@code favoriteComics/favoriteMicros[favoriteOffsets[i] .. favoriteOffsets[i+1])}
 * (comic ids sorted, times in microseconds since the epoch, UTC).
 *
 * <p>Friend counts follow a capped Lomax law and are wired with the configuration model: every user
 * gets that many "stubs", the shuffled stubs are paired, and self-pairs and duplicate pairs are
 * dropped, so friendships are symmetric, unique and never self-friendships. Favorites are distinct per
 * user and drawn from a Zipf law over a shuffled catalog, with times spread uniformly over 2025.
 */
final class SyntheticGraph {
  /** Bump when the generated data changes for the same parameters, to invalidate cached databases. */
  /** 2: like times at millisecond precision, as the services store them (see Timestamps). */
  static final int GENERATOR_VERSION = 2;
  /** Users planted with exactly 50, 300 and the cap of friends, so every class has members. */
  static final int PLANTED_PER_CLASS = 5;

  static final long START_MICROS = Instant.parse("2025-01-01T00:00:00Z").getEpochSecond() * 1_000_000L;
  static final long SPAN_MICROS = 365L * 24 * 3600 * 1_000_000L;

  final SizeSpec spec;
  final int[] friendOffsets;
  final int[] friends;
  final int[] favoriteOffsets;
  final int[] favoriteComics;
  final long[] favoriteMicros;

  private SyntheticGraph(
      SizeSpec spec,
      int[] friendOffsets,
      int[] friends,
      int[] favoriteOffsets,
      int[] favoriteComics,
      long[] favoriteMicros) {
    this.spec = spec;
    this.friendOffsets = friendOffsets;
    this.friends = friends;
    this.favoriteOffsets = favoriteOffsets;
    this.favoriteComics = favoriteComics;
    this.favoriteMicros = favoriteMicros;
  }

  int friendCount(int userIndex) {
    return friendOffsets[userIndex + 1] - friendOffsets[userIndex];
  }

  long friendshipRows() {
    return friends.length;
  }

  long favoriteRows() {
    return favoriteComics.length;
  }

  static SyntheticGraph generate(SizeSpec spec, long seed) {
    SplittableRandom root = new SplittableRandom(seed ^ (spec.name().hashCode() * 0x9E3779B97F4A7C15L));
    SplittableRandom graphRandom = root.split();
    SplittableRandom favoriteRandom = root.split();
    long start = System.nanoTime();
    int[][] csr = friendGraph(spec, graphRandom);
    System.out.printf(
        "  friend graph: %,d users, %,d friendship rows (%.1f s)%n",
        spec.users(), csr[1].length, (System.nanoTime() - start) / 1e9);
    start = System.nanoTime();
    SyntheticGraph graph = withFavorites(spec, csr[0], csr[1], favoriteRandom);
    System.out.printf(
        "  favorites: %,d rows over %,d comics (%.1f s)%n",
        graph.favoriteRows(), spec.comics(), (System.nanoTime() - start) / 1e9);
    return graph;
  }

  /** Returns {offsets, friends}. */
  private static int[][] friendGraph(SizeSpec spec, SplittableRandom random) {
    int n = spec.users();
    int cap = Math.min(spec.friendCap(), n - 1);
    int[] target = new int[n];
    for (int i = 0; i < n; i++) {
      target[i] = Distributions.lomax(random, spec.degreeAlpha(), spec.degreeScale(), cap);
    }
    int[] planted = distinctSample(n, 3 * PLANTED_PER_CLASS, random);
    int[] classes = {50, 300, cap};
    for (int k = 0; k < planted.length; k++) {
      target[planted[k]] = Math.min(cap, classes[k / PLANTED_PER_CLASS]);
    }

    long stubCount = 0;
    for (int t : target) {
      stubCount += t;
    }
    int[] stubs = new int[Math.toIntExact(stubCount)];
    int pos = 0;
    for (int i = 0; i < n; i++) {
      Arrays.fill(stubs, pos, pos + target[i], i);
      pos += target[i];
    }
    shuffle(stubs, random);
    long[] edges = new long[stubs.length / 2];
    int m = 0;
    for (int i = 0; i + 1 < stubs.length; i += 2) {
      int a = stubs[i];
      int b = stubs[i + 1];
      if (a != b) {
        edges[m++] = pair(a, b);
      }
    }
    stubs = null;
    m = sortUnique(edges, m);

    // The configuration model loses a few pairs of the busiest users to duplicates: top the planted
    // cap users up to exactly the cap, with random users who are below it.
    int[] degree = new int[n];
    for (int i = 0; i < m; i++) {
      degree[(int) (edges[i] >>> 32)]++;
      degree[(int) edges[i]]++;
    }
    long[] extra = new long[0];
    int extraCount = 0;
    for (int k = 2 * PLANTED_PER_CLASS; k < planted.length; k++) {
      int u = planted[k];
      BitSet mine = new BitSet(n);
      for (int i = 0; i < m; i++) {
        long e = edges[i];
        if ((int) (e >>> 32) == u) {
          mine.set((int) e);
        } else if ((int) e == u) {
          mine.set((int) (e >>> 32));
        }
      }
      for (int i = 0; i < extraCount; i++) {
        long e = extra[i];
        if ((int) (e >>> 32) == u) {
          mine.set((int) e);
        } else if ((int) e == u) {
          mine.set((int) (e >>> 32));
        }
      }
      while (degree[u] < cap) {
        int v = random.nextInt(n);
        if (v != u && !mine.get(v) && degree[v] < cap) {
          mine.set(v);
          if (extraCount == extra.length) {
            extra = Arrays.copyOf(extra, Math.max(64, 2 * extra.length));
          }
          extra[extraCount++] = pair(u, v);
          degree[u]++;
          degree[v]++;
        }
      }
    }
    if (extraCount > 0) {
      edges = Arrays.copyOf(edges, m + extraCount);
      System.arraycopy(extra, 0, edges, m, extraCount);
      m = sortUnique(edges, m + extraCount);
    }

    int[] offsets = new int[n + 1];
    for (int i = 0; i < n; i++) {
      offsets[i + 1] = offsets[i] + degree[i];
    }
    int[] fill = Arrays.copyOf(offsets, n);
    int[] friends = new int[offsets[n]];
    for (int i = 0; i < m; i++) {
      int a = (int) (edges[i] >>> 32);
      int b = (int) edges[i];
      friends[fill[a]++] = b + 1;
      friends[fill[b]++] = a + 1;
    }
    for (int i = 0; i < n; i++) {
      Arrays.sort(friends, offsets[i], offsets[i + 1]);
    }
    return new int[][] {offsets, friends};
  }

  private static SyntheticGraph withFavorites(
      SizeSpec spec, int[] friendOffsets, int[] friends, SplittableRandom random) {
    int n = spec.users();
    int comics = spec.comics();
    int[] rankToComic = new int[comics];
    for (int i = 0; i < comics; i++) {
      rankToComic[i] = i + 1;
    }
    shuffle(rankToComic, random);
    Distributions.Zipf zipf = new Distributions.Zipf(comics, spec.zipfExponent());
    int cap = Math.min(spec.favoriteCap(), comics / 2);
    int[] offsets = new int[n + 1];
    for (int i = 0; i < n; i++) {
      offsets[i + 1] =
          offsets[i] + Distributions.lomax(random, spec.favoriteAlpha(), spec.favoriteScale(), cap);
    }
    int[] comicIds = new int[offsets[n]];
    long[] micros = new long[offsets[n]];
    int[] seenBy = new int[comics + 1];
    for (int i = 0; i < n; i++) {
      int from = offsets[i];
      int to = offsets[i + 1];
      int stamp = i + 1;
      for (int p = from; p < to; ) {
        int comic = rankToComic[zipf.next(random)];
        if (seenBy[comic] != stamp) {
          seenBy[comic] = stamp;
          comicIds[p++] = comic;
        }
      }
      Arrays.sort(comicIds, from, to);
      for (int p = from; p < to; p++) {
        micros[p] = START_MICROS + random.nextLong(SPAN_MICROS) / 1_000 * 1_000;
      }
    }
    return new SyntheticGraph(spec, friendOffsets, friends, offsets, comicIds, micros);
  }

  private static long pair(int a, int b) {
    int lo = Math.min(a, b);
    int hi = Math.max(a, b);
    return ((long) lo << 32) | hi;
  }

  private static int sortUnique(long[] values, int count) {
    Arrays.sort(values, 0, count);
    int out = 0;
    for (int i = 0; i < count; i++) {
      if (out == 0 || values[out - 1] != values[i]) {
        values[out++] = values[i];
      }
    }
    return out;
  }

  private static void shuffle(int[] values, SplittableRandom random) {
    for (int i = values.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = values[i];
      values[i] = values[j];
      values[j] = t;
    }
  }

  private static int[] distinctSample(int n, int k, SplittableRandom random) {
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    for (int i = 0; i < k; i++) {
      int j = i + random.nextInt(n - i);
      int t = all[i];
      all[i] = all[j];
      all[j] = t;
    }
    return Arrays.copyOf(all, k);
  }
}
