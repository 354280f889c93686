package com.comicshelf.ranking;

/**
 * Wakes an applier of {@link PopularityOutbox} after a request committed likes to fan out: in AWS an
 * asynchronous invocation of the fan-out function, locally the gateway's own. It must not fail the
 * request, whose write is committed already: a missed wake-up only delays the fan-out until the next
 * one (any applier applies every pending row) or the function's schedule.
 */
@FunctionalInterface
public interface FanOutTrigger {
  /** For tests and tools that apply the outbox themselves. */
  FanOutTrigger NONE = () -> {};

  void likesRecorded();
}
