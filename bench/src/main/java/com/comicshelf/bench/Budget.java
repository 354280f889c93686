package com.comicshelf.bench;

/**
 * How long to measure one cell: warm-up calls per user, then timed calls round-robin over the users
 * until {@code target} samples or {@code maxSeconds}, but at least {@code min} samples.
 */
record Budget(int warmupPerUser, int target, int min, double maxSeconds) {
  static Budget reads(boolean inFull, boolean quick) {
    if (quick) {
      return new Budget(2, 40, 5, 1.5);
    }
    return inFull ? new Budget(4, 200, 20, 8) : new Budget(2, 60, 10, 2);
  }

  static Budget writes(boolean quick) {
    return quick ? new Budget(1, 20, 3, 1.5) : new Budget(2, 100, 6, 8);
  }
}
