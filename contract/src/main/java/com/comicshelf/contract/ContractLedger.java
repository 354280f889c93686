package com.comicshelf.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What this JVM's contract checks found: how many exchanges were checked, and the mismatches not yet
 * claimed. Whoever checks records here ({@link OpenApiContract#checkAndRecord}: the handler harness, the
 * local gateway, a test reading a child gateway's output); the test harness {@link #drain drains} it
 * after each test and fails that test with whatever it finds.
 *
 * <p>JVM-wide on purpose: exchanges happen on threads the tests do not own (the gateway's), and tests
 * in one JVM run one after another, so draining after each test attributes each mismatch to the test
 * that caused it. Unclaimed mismatches are capped, so a long-running gateway cannot grow without bound.
 */
public final class ContractLedger {
  private static final int MAX_PENDING = 10_000;
  private static final AtomicLong exchanges = new AtomicLong();
  private static final AtomicLong requests = new AtomicLong();
  private static final AtomicLong mismatches = new AtomicLong();
  private static final AtomicLong deliberate = new AtomicLong();
  private static volatile boolean selfTest;
  private static final AtomicInteger pendingCount = new AtomicInteger();
  private static final ConcurrentLinkedQueue<String> pending = new ConcurrentLinkedQueue<>();

  private ContractLedger() {}

  /** One exchange checked; {@code requestToo} when its request was checked as well (a 2xx). */
  public static void checked(boolean requestToo) {
    exchanges.incrementAndGet();
    if (requestToo) {
      requests.incrementAndGet();
    }
  }

  /**
   * While on, mismatches are the harness's own self-tests making them on purpose: they still reach the
   * test that made them, but the summary counts them apart from the suite's.
   */
  public static void selfTest(boolean on) {
    selfTest = on;
  }

  /** One exchange that does not conform, described for the test that made it. */
  public static void mismatch(String description) {
    (selfTest ? deliberate : mismatches).incrementAndGet();
    if (pendingCount.incrementAndGet() <= MAX_PENDING) {
      pending.add(description);
    } else {
      pendingCount.decrementAndGet();
    }
  }

  /** The mismatches recorded since the last drain, oldest first; the ledger keeps none of them. */
  public static List<String> drain() {
    List<String> out = new ArrayList<>();
    for (String next; (next = pending.poll()) != null; ) {
      pendingCount.decrementAndGet();
      out.add(next);
    }
    return out;
  }

  public static long exchanges() {
    return exchanges.get();
  }

  public static long requests() {
    return requests.get();
  }

  public static long mismatches() {
    return mismatches.get();
  }

  /**
   * {@code openapi: 12,345 exchanges validated (6,789 of their requests too), 0 mismatches}, and how
   * many deliberate ones the harness's self-tests made, if any.
   */
  public static String summary() {
    return String.format(
            "openapi: %,d exchanges validated (%,d of their requests too), %,d mismatches",
            exchanges.get(), requests.get(), mismatches.get())
        + (deliberate.get() > 0 ? String.format(" (and %,d deliberate ones of the harness's self-tests)", deliberate.get()) : "");
  }
}
