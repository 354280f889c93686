package com.comicshelf.bench;

import java.util.List;
import java.util.Map;

/**
 * Everything measured on one size.
 *
 * @param dataset the data set and its load report
 * @param classes the measured friend classes
 * @param reads ranking latencies per variant and class
 * @param writes write costs (largest size only, else empty)
 * @param explain EXPLAIN / ANALYZE blocks (largest size only, else empty)
 * @param storage table sizes
 */
record SizeResult(
    Dataset dataset,
    List<FriendClass> classes,
    List<ReadBenchmark.Cell> reads,
    List<WriteBenchmark.Cell> writes,
    Map<String, String> explain,
    List<Storage.TableSize> storage) {

  /** The cell of {@code variant} for {@code friendClass}, or null when not measured. */
  Samples.Stats read(String variant, FriendClass friendClass) {
    return reads.stream()
        .filter(c -> c.variant().equals(variant) && c.friendClass().equals(friendClass))
        .map(ReadBenchmark.Cell::stats)
        .findFirst()
        .orElse(null);
  }
}
