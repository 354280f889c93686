package com.comicshelf.local.faults;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes favorites through a gateway from several threads and remembers every write the gateway
 * acknowledged (2xx), in memory and in a log file. Each thread owns its users and writes their favorites
 * with increasing sequence numbers in the note, so afterwards every acknowledged write can be checked:
 * the stored note of a (user, comic) must carry that sequence number or a later one.
 */
final class LoadDriver {
  /** A favorite, by its owner and comic. */
  record Key(long user, long comic) {}

  private final LocalApi api;
  private final int threads;
  private final int maxRequests;
  private final List<Long> comics;
  private final long firstUser;
  private final Path log;
  private final Map<Key, Integer> acknowledged = new ConcurrentHashMap<>();
  private final AtomicInteger acknowledgedCount = new AtomicInteger();
  private final AtomicInteger sent = new AtomicInteger();
  private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
  private final AtomicLong lastAcknowledgedNanos = new AtomicLong();
  private final List<Long> acknowledgedAt = java.util.Collections.synchronizedList(new ArrayList<>());
  private volatile boolean stopped;
  private final List<Thread> workers = new ArrayList<>();
  private BufferedWriter writer;

  LoadDriver(LocalApi api, int threads, int maxRequests, List<Long> comics, long firstUser, Path log) {
    this.api = api;
    this.threads = threads;
    this.maxRequests = maxRequests;
    this.comics = comics;
    this.firstUser = firstUser;
    this.log = log;
  }

  void start() {
    try {
      writer = Files.newBufferedWriter(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Thread worker = new Thread(() -> run(thread), "load-" + t);
      worker.start();
      workers.add(worker);
    }
  }

  private void run(int thread) {
    Random random = new Random(thread);
    int seq = 0;
    while (!stopped && sent.getAndIncrement() < maxRequests) {
      long user = firstUser + thread * 100L + random.nextInt(20);
      long comic = comics.get(random.nextInt(comics.size()));
      seq++;
      String note = "t" + thread + "-" + seq;
      try {
        HttpResponse<String> answer =
            api.send("PUT", "/me/favorites/" + comic, "{\"note\":\"" + note + "\"}", user);
        if (answer.statusCode() / 100 == 2) {
          acknowledge(new Key(user, comic), seq, note);
        } else {
          failures.computeIfAbsent("HTTP " + answer.statusCode(), k -> new AtomicInteger()).incrementAndGet();
          pause(100); // a client backs off on 503 (Retry-After) instead of hammering
        }
      } catch (Exception e) {
        failures.computeIfAbsent("no answer (" + e.getClass().getSimpleName() + ")", k -> new AtomicInteger()).incrementAndGet();
        pause(100);
      }
    }
  }

  private void acknowledge(Key key, int seq, String note) {
    acknowledged.merge(key, seq, Math::max);
    acknowledgedCount.incrementAndGet();
    long now = System.nanoTime();
    lastAcknowledgedNanos.set(now);
    acknowledgedAt.add(now);
    synchronized (this) {
      try {
        writer.write(key.user() + " " + key.comic() + " " + note);
        writer.newLine();
        writer.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Waits until {@code count} writes are acknowledged in all (or the driver is done). */
  void awaitAcknowledged(int count) {
    while (acknowledgedCount.get() < count && workers.stream().anyMatch(Thread::isAlive)) {
      pause(20);
    }
  }

  /** Waits for every request to be sent and answered. */
  void finish() throws InterruptedException {
    for (Thread worker : workers) {
      worker.join();
    }
    try {
      writer.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The first acknowledgement after {@code nanos} (System.nanoTime), if any. */
  long firstAcknowledgedAfter(long nanos) {
    synchronized (acknowledgedAt) {
      return acknowledgedAt.stream().filter(t -> t > nanos).mapToLong(Long::longValue).min().orElse(-1);
    }
  }

  Map<Key, Integer> acknowledged() {
    return acknowledged;
  }

  int acknowledgedCount() {
    return acknowledgedCount.get();
  }

  int sent() {
    return Math.min(sent.get(), maxRequests);
  }

  Map<String, Integer> failures() {
    Map<String, Integer> sorted = new TreeMap<>();
    failures.forEach((k, v) -> sorted.put(k, v.get()));
    return sorted;
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
