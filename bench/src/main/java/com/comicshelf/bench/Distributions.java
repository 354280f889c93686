package com.comicshelf.bench;

import java.util.SplittableRandom;

/** The random laws of the synthetic data: Lomax (Pareto II) counts and Zipf ranks. */
final class Distributions {
  private Distributions() {}

  /** A Lomax draw rounded down, capped: P(X ≥ x) = (1 + x / scale)^-alpha. */
  static int lomax(SplittableRandom random, double alpha, double scale, int cap) {
    double u = random.nextDouble();
    double x = scale * (Math.pow(1 - u, -1 / alpha) - 1);
    return (int) Math.min(cap, Math.floor(x));
  }

  /** Samples ranks 0..n-1 with probability proportional to (rank + 1)^-exponent. */
  static final class Zipf {
    private final double[] cumulative;

    Zipf(int n, double exponent) {
      cumulative = new double[n];
      double sum = 0;
      for (int k = 0; k < n; k++) {
        sum += Math.pow(k + 1, -exponent);
        cumulative[k] = sum;
      }
      for (int k = 0; k < n; k++) {
        cumulative[k] /= sum;
      }
    }

    int next(SplittableRandom random) {
      double u = random.nextDouble();
      int lo = 0;
      int hi = cumulative.length - 1;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (cumulative[mid] < u) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }
  }
}
