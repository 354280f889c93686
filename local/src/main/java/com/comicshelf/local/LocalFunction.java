package com.comicshelf.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One function's warm container: its handler, created once from the class named in the template,
 * and called one request at a time, because Lambda never sends a container two requests at once
 * and handlers may rely on that.
 */
final class LocalFunction {
  private final FunctionSpec spec;
  private final RequestHandler<Object, Object> handler;
  private final ReentrantLock container = new ReentrantLock();
  private final AtomicLong invocations = new AtomicLong();

  private LocalFunction(FunctionSpec spec, RequestHandler<Object, Object> handler) {
    this.spec = spec;
    this.handler = handler;
  }

  /** Instantiates the handler class through its public no-arg constructor, as the Lambda runtime does. */
  @SuppressWarnings("unchecked")
  static LocalFunction instantiate(FunctionSpec spec) {
    Class<?> type;
    try {
      type = Class.forName(spec.handlerClass(), false, LocalFunction.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(spec.logicalId() + ": handler class " + spec.handlerClass() + " is not on the classpath", e);
    }
    if (!RequestHandler.class.isAssignableFrom(type)) {
      throw new IllegalStateException(spec.logicalId() + ": " + spec.handlerClass() + " is not a RequestHandler");
    }
    try {
      return new LocalFunction(spec, (RequestHandler<Object, Object>) type.getConstructor().newInstance());
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(spec.logicalId() + ": " + spec.handlerClass() + " failed to initialise", e.getCause());
    } catch (ReflectiveOperationException | ExceptionInInitializerError e) {
      throw new IllegalStateException(spec.logicalId() + ": cannot create " + spec.handlerClass(), e);
    }
  }

  /** Runs the handler; whatever it throws propagates, as an invocation error would. */
  Object invoke(Object event, String requestId) {
    container.lock();
    try {
      invocations.incrementAndGet();
      return handler.handleRequest(event, new LocalContext(spec, requestId, System.nanoTime()));
    } finally {
      container.unlock();
    }
  }

  FunctionSpec spec() {
    return spec;
  }

  /** How many times the handler has been called; lets tests prove a handler never ran. */
  long invocations() {
    return invocations.get();
  }
}
