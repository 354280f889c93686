package com.comicshelf.local;

import java.util.Objects;

/** A Lambda function declared in {@code template.yaml}: logical id, handler class and its limits. */
record FunctionSpec(String logicalId, String handlerClass, int timeoutSeconds, int memoryMb) {
  FunctionSpec {
    Objects.requireNonNull(logicalId, "logicalId");
    Objects.requireNonNull(handlerClass, "handlerClass");
  }
}
