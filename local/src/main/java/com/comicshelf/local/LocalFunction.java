package com.comicshelf.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.lang.reflect.InvocationTargetException;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One function, scaled out as Lambda scales it: up to {@code maxContainers} warm containers, each its
 * own handler instance in its own class loader (so its own Dagger graph and database connection),
 * each serving one request at a time, because Lambda never sends a container two requests at once and
 * handlers may rely on that. A container is created when a request finds every existing one busy.
 */
final class LocalFunction {
  private final FunctionSpec spec;
  private final int maxContainers;
  private final URL[] projectClasses;
  private final List<Container> containers = new CopyOnWriteArrayList<>();
  private final BlockingQueue<Container> idle = new LinkedBlockingQueue<>();
  private final AtomicLong invocations = new AtomicLong();

  /** One warm container: a handler and the class loader its statics live in. */
  private record Container(RequestHandler<Object, Object> handler, int number) {}

  private LocalFunction(FunctionSpec spec, int maxContainers, URL[] projectClasses) {
    this.spec = spec;
    this.maxContainers = maxContainers;
    this.projectClasses = projectClasses;
  }

  /**
   * Creates the function and its first container through the handler's public no-arg constructor, as
   * the Lambda runtime does, so a missing or broken handler fails the start rather than a request.
   */
  static LocalFunction instantiate(FunctionSpec spec, int maxContainers) {
    if (maxContainers < 1) {
      throw new IllegalArgumentException("a function needs at least one container");
    }
    LocalFunction function = new LocalFunction(spec, maxContainers, projectClasses(spec));
    function.idle.add(function.newContainer());
    return function;
  }

  /** Where the handler's and the shared module's classes are: what each container loads afresh. */
  private static URL[] projectClasses(FunctionSpec spec) {
    Set<URL> locations = new LinkedHashSet<>();
    for (Class<?> type : List.of(handlerType(spec, LocalFunction.class.getClassLoader()), com.comicshelf.sql.SqlClient.class)) {
      var source = type.getProtectionDomain().getCodeSource();
      if (source != null) {
        locations.add(source.getLocation());
      }
    }
    return locations.toArray(URL[]::new);
  }

  private static Class<?> handlerType(FunctionSpec spec, ClassLoader loader) {
    Class<?> type;
    try {
      type = Class.forName(spec.handlerClass(), false, loader);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(spec.logicalId() + ": handler class " + spec.handlerClass() + " is not on the classpath", e);
    }
    if (!RequestHandler.class.isAssignableFrom(type)) {
      throw new IllegalStateException(spec.logicalId() + ": " + spec.handlerClass() + " is not a RequestHandler");
    }
    return type;
  }

  @SuppressWarnings("unchecked")
  private synchronized Container newContainer() {
    int number = containers.size() + 1;
    ClassLoader loader =
        new ContainerClassLoader(spec.logicalId() + "-" + number, projectClasses, LocalFunction.class.getClassLoader());
    Class<?> type = handlerType(spec, loader);
    try {
      Container container = new Container((RequestHandler<Object, Object>) type.getConstructor().newInstance(), number);
      containers.add(container);
      return container;
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(spec.logicalId() + ": " + spec.handlerClass() + " failed to initialise", e.getCause());
    } catch (ReflectiveOperationException | ExceptionInInitializerError e) {
      throw new IllegalStateException(spec.logicalId() + ": cannot create " + spec.handlerClass(), e);
    }
  }

  /** Runs the handler in an idle container (a new one if all are busy and there may be more). */
  Object invoke(Object event, String requestId) {
    Container container = take();
    try {
      invocations.incrementAndGet();
      return container.handler().handleRequest(event, new LocalContext(spec, requestId, System.nanoTime()));
    } finally {
      idle.add(container);
    }
  }

  private Container take() {
    Container container = idle.poll();
    if (container != null) {
      return container;
    }
    synchronized (this) {
      if (containers.size() < maxContainers) {
        return newContainer();
      }
    }
    try {
      return idle.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a free container of " + spec.logicalId(), e);
    }
  }

  FunctionSpec spec() {
    return spec;
  }

  /** How many times the handler has been called; lets tests prove a handler never ran. */
  long invocations() {
    return invocations.get();
  }

  /** How many containers the function has scaled out to so far. */
  int containers() {
    return containers.size();
  }
}
