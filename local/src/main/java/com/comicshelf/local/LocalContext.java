package com.comicshelf.local;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.util.concurrent.TimeUnit;

/** The Lambda {@link Context} of one local invocation: names from the template, a real deadline. */
final class LocalContext implements Context {
  private final FunctionSpec function;
  private final String requestId;
  private final long deadlineNanos;
  private final LambdaLogger logger;

  LocalContext(FunctionSpec function, String requestId, long startNanos) {
    this.function = function;
    this.requestId = requestId;
    this.deadlineNanos = startNanos + TimeUnit.SECONDS.toNanos(function.timeoutSeconds());
    this.logger = new Slf4jLambdaLogger(function.logicalId());
  }

  @Override
  public String getAwsRequestId() {
    return requestId;
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/" + function.logicalId();
  }

  @Override
  public String getLogStreamName() {
    return "local/[$LATEST]";
  }

  @Override
  public String getFunctionName() {
    return function.logicalId();
  }

  @Override
  public String getFunctionVersion() {
    return "$LATEST";
  }

  @Override
  public String getInvokedFunctionArn() {
    return "arn:aws:lambda:" + ApiGatewayEvents.REGION + ":" + ApiGatewayEvents.ACCOUNT_ID
        + ":function:" + function.logicalId();
  }

  @Override
  public CognitoIdentity getIdentity() {
    return null;
  }

  @Override
  public ClientContext getClientContext() {
    return null;
  }

  @Override
  public int getRemainingTimeInMillis() {
    long remaining = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
    return (int) Math.max(0, remaining);
  }

  @Override
  public int getMemoryLimitInMB() {
    return function.memoryMb();
  }

  @Override
  public LambdaLogger getLogger() {
    return logger;
  }
}
