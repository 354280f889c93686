package com.comicshelf.local;

import java.lang.management.ManagementFactory;

/** Time since this JVM started: the start-up figure a developer waits through. */
final class JvmUptime {
  private JvmUptime() {}

  static long millis() {
    // The JVM records its start in milliseconds early in its own boot; the OS's process start
    // time is derived from whole-second boot time on Linux and was up to a second off here.
    return System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
  }
}
