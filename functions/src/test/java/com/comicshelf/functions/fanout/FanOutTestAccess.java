package com.comicshelf.functions.fanout;

import com.comicshelf.config.Environment;

/** Lets tests in other packages build the fan-out function's graph. */
public final class FanOutTestAccess {
  private FanOutTestAccess() {}

  /** Builds the function's whole object graph from {@code environment}, as its container does. */
  public static Object graph(Environment environment) {
    return DaggerFanOutComponent.factory().create(environment).outbox();
  }
}
