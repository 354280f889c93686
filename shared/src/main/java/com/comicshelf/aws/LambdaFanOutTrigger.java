package com.comicshelf.aws;

import com.comicshelf.ranking.FanOutTrigger;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;

/**
 * Wakes the fan-out function with an asynchronous invocation ({@code Event}: Lambda queues it and
 * answers 202 at once). Invocations beyond the function's reserved concurrency wait in Lambda's own
 * queue, and each run applies every pending row, so a burst of likes costs few runs.
 */
public final class LambdaFanOutTrigger implements FanOutTrigger {
  private static final Logger log = LoggerFactory.getLogger(LambdaFanOutTrigger.class);
  private static final SdkBytes EMPTY_EVENT = SdkBytes.fromUtf8String("{}");
  /** What the caller's role must allow on the function (its alias). */
  public static final List<String> IAM_ACTIONS = List.of("lambda:InvokeFunction");

  private final LambdaClient lambda;
  private final String function;

  public LambdaFanOutTrigger(LambdaClient lambda, String function) {
    this.lambda = lambda;
    this.function = function;
  }

  @Override
  public void likesRecorded() {
    try {
      lambda.invoke(b -> b.functionName(function).invocationType(InvocationType.EVENT).payload(EMPTY_EVENT));
    } catch (SdkException e) {
      // The like is committed; its row waits for the next wake-up or the daily run.
      log.warn("could not wake fan-out function {}: {}", function, e.getMessage());
    }
  }
}
