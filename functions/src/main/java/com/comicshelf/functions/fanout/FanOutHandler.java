package com.comicshelf.functions.fanout;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.comicshelf.common.Deadline;
import com.comicshelf.ranking.PopularityOutbox;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the likes the favorites functions recorded to the precomputed rankings of the likers'
 * materialized friends. Woken by an asynchronous invocation after each such like, and daily in case a
 * wake-up was lost; each run applies whatever is pending, until nothing is or its time runs short.
 */
public final class FanOutHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  private static final Logger log = LoggerFactory.getLogger(FanOutHandler.class);
  /** Left for the last batch to commit: a 5,000-friend liker's row takes ~0.2 s. */
  private static final Duration MARGIN = Duration.ofSeconds(5);

  private final PopularityOutbox outbox;

  public FanOutHandler() {
    this(FanOutComponent.INSTANCE.outbox());
  }

  FanOutHandler(PopularityOutbox outbox) {
    this.outbox = outbox;
  }

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    long start = System.nanoTime();
    long budget =
        context == null ? Long.MAX_VALUE : Duration.ofMillis(context.getRemainingTimeInMillis()).minus(MARGIN).toNanos();
    int applied = 0;
    int batches = 0;
    while (System.nanoTime() - start < budget) {
      int batch = Deadline.within(Deadline.DEFAULT_BUDGET, () -> outbox.applyPending(PopularityOutbox.BATCH)).size();
      if (batch == 0) {
        break;
      }
      applied += batch;
      batches++;
    }
    if (applied > 0) {
      log.info("applied {} recorded likes in {} batches", applied, batches);
    }
    return Map.of("applied", applied);
  }
}
