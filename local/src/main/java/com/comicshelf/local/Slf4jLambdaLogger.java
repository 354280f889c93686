package com.comicshelf.local;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A {@link LambdaLogger} that prints through SLF4J under the function's name, as CloudWatch would group it. */
final class Slf4jLambdaLogger implements LambdaLogger {
  private final Logger log;

  Slf4jLambdaLogger(String functionName) {
    this.log = LoggerFactory.getLogger("lambda." + functionName);
  }

  @Override
  public void log(String message) {
    log.info("{}", message == null ? "" : message.stripTrailing());
  }

  @Override
  public void log(byte[] message) {
    log(message == null ? "" : new String(message, StandardCharsets.UTF_8));
  }
}
