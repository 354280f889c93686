package com.comicshelf.bench;

import java.util.Arrays;

/** Latencies of repeated calls, in milliseconds, with nearest-rank percentiles. */
final class Samples {
  private double[] ms = new double[64];
  private int size;

  void add(double millis) {
    if (size == ms.length) {
      ms = Arrays.copyOf(ms, 2 * size);
    }
    ms[size++] = millis;
  }

  int size() {
    return size;
  }

  Stats stats() {
    double[] sorted = Arrays.copyOf(ms, size);
    Arrays.sort(sorted);
    double sum = 0;
    for (double v : sorted) {
      sum += v;
    }
    return new Stats(
        size, percentile(sorted, 50), percentile(sorted, 99), size == 0 ? 0 : sum / size, size == 0 ? 0 : sorted[size - 1]);
  }

  private static double percentile(double[] sorted, int p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  /** Summary of a sample: count, p50, p99, mean and max in milliseconds. */
  record Stats(int n, double p50, double p99, double mean, double max) {}
}
