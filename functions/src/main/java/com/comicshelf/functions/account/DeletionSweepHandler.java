package com.comicshelf.functions.account;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.comicshelf.common.Deadline;
import com.comicshelf.deletion.DataDeletionService;
import java.time.Duration;
import java.util.Map;

/**
 * Resumes deletions left pending (their function timed out or died halfway), on a schedule. Each
 * run takes the oldest first, as many as its time allows; any left over wait for the next run.
 */
public final class DeletionSweepHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  /** Pending deletions looked at per run. */
  static final int BATCH = 50;
  private static final Duration MARGIN = Duration.ofSeconds(1);

  private final DataDeletionService deletions;

  public DeletionSweepHandler() {
    this(AccountComponent.INSTANCE.deletions());
  }

  DeletionSweepHandler(DataDeletionService deletions) {
    this.deletions = deletions;
  }

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> scheduledEvent, Context context) {
    Duration budget =
        context == null
            ? Deadline.DEFAULT_BUDGET
            : Duration.ofMillis(context.getRemainingTimeInMillis()).minus(MARGIN);
    DataDeletionService.Sweep sweep =
        Deadline.within(budget.isNegative() ? Duration.ZERO : budget, () -> deletions.resumePending(BATCH));
    return Map.of("resumed", sweep.resumed(), "done", sweep.done(), "stillPending", sweep.stillPending());
  }
}
