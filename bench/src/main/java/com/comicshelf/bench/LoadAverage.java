package com.comicshelf.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's load average, to print beside timings taken on a shared, noisy machine. */
final class LoadAverage {
  private LoadAverage() {}

  /** The 1, 5 and 15 minute load averages from /proc/loadavg, or "unknown" elsewhere. */
  static String now() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + ", " + parts[1] + ", " + parts[2] + " (" + Runtime.getRuntime().availableProcessors() + " cores)";
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
