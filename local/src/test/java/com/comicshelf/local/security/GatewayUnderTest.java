package com.comicshelf.local.security;

import com.comicshelf.config.AuthSettings;
import com.comicshelf.testing.TestDatabase;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local gateway started in-process on its own database, as {@code LocalGatewayIT} starts it, and
 * the routes of {@code template.yaml} as the gateway reads them ({@code TemplateRoutes}).
 *
 * <p>The gateway's test API ({@code LocalGateway.start}, {@code invocations}, {@code TemplateRoutes},
 * the {@code Route} records) is package-private to {@code com.comicshelf.local}; this package may only
 * add tests, so it is reached by reflection, here and nowhere else. A renamed member fails every test
 * at start with the member's name, not silently.
 */
final class GatewayUnderTest implements AutoCloseable {
  private static final String PACKAGE = "com.comicshelf.local.";
  private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}+]+)\\+?}");

  /** One route of template.yaml: its key, the function behind it and its authorizer's function. */
  record TemplateRoute(String method, String path, String functionId, Optional<String> authorizerFunctionId) {
    String routeKey() {
      return method + " " + path;
    }

    /** The names of its {@code {path parameters}}, in order. */
    List<String> pathParameters() {
      List<String> names = new ArrayList<>();
      Matcher m = PATH_PARAMETER.matcher(path);
      while (m.find()) {
        names.add(m.group(1));
      }
      return names;
    }
  }

  private final Object gateway;
  private final String appSecret;
  private final Duration maxAge;

  private GatewayUnderTest(Object gateway, String appSecret, Duration maxAge) {
    this.gateway = gateway;
    this.appSecret = appSecret;
    this.maxAge = maxAge;
  }

  /**
   * Starts a gateway on {@code db}, with one container per function: a function's settings are the
   * JVM's system properties when its container is created, so no container may be created later, after
   * another test class's gateway has replaced them. No upload is completed here, so an S3 endpoint
   * nothing listens on keeps the embedded S3 server (seconds of start-up) from starting.
   */
  static GatewayUnderTest start(TestDatabase db) {
    Object gateway =
        invokeStatic(
            "LocalGateway",
            "start",
            new Class<?>[] {String[].class},
            (Object) new String[] {
              "--port", "0",
              "--containers", "1",
              "--jdbc-url", db.jdbcUrl(), "--db-user", db.user(), "--db-password", db.password(),
              "--s3-endpoint", "http://127.0.0.1:9"
            });
    // The gateway has just published its authorizer's settings as system properties (LocalSettings):
    // read them now, before another gateway in this JVM replaces them.
    String secret = System.getProperty(AuthSettings.APP_SECRET);
    String maxAgeSeconds = System.getProperty(AuthSettings.SIGNED_REQUEST_MAX_AGE_SECONDS);
    if (secret == null || maxAgeSeconds == null) {
      throw new IllegalStateException("the gateway did not publish " + AuthSettings.APP_SECRET + " and "
          + AuthSettings.SIGNED_REQUEST_MAX_AGE_SECONDS + " as system properties");
    }
    return new GatewayUnderTest(gateway, secret, Duration.ofSeconds(Long.parseLong(maxAgeSeconds)));
  }

  /** Every route of the project's template.yaml, in template order. */
  static List<TemplateRoute> templateRoutes() {
    Path here = Path.of("").toAbsolutePath();
    Optional<?> template = (Optional<?>) invokeStatic("TemplateRoutes", "find", new Class<?>[] {Path.class}, here);
    Path file = (Path) template.orElseThrow(() -> new IllegalStateException("no template.yaml in " + here + " or above"));
    List<?> routes = (List<?>) invokeStatic("TemplateRoutes", "read", new Class<?>[] {Path.class}, file);
    List<TemplateRoute> result = new ArrayList<>();
    for (Object route : routes) {
      Object function = call(route, "function");
      Optional<?> authorizer = (Optional<?>) call(route, "authorizer");
      result.add(new TemplateRoute(
          (String) call(route, "method"),
          (String) call(route, "path"),
          (String) call(function, "logicalId"),
          authorizer.map(a -> (String) call(call(a, "function"), "logicalId"))));
    }
    return List.copyOf(result);
  }

  /** A {@code static final} constant of a class of the gateway's package, e.g. DemoData's user ids. */
  static Object constant(String simpleClassName, String field) {
    try {
      Field f = Class.forName(PACKAGE + simpleClassName).getDeclaredField(field);
      f.setAccessible(true);
      return f.get(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read " + simpleClassName + "." + field, e);
    }
  }

  URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + call(gateway, "port") + pathAndQuery);
  }

  /** How often the function with this logical id has run; an unchanged count proves it never ran. */
  long invocations(String functionLogicalId) {
    return (Long) call(gateway, "invocations", new Class<?>[] {String.class}, functionLogicalId);
  }

  /** The app secret this gateway's authorizer verifies with. */
  String appSecret() {
    return appSecret;
  }

  /** How old a signed request this gateway's authorizer still accepts. */
  Duration maxAge() {
    return maxAge;
  }

  @Override
  public void close() {
    call(gateway, "close");
  }

  private static Object invokeStatic(String simpleClassName, String name, Class<?>[] types, Object... args) {
    try {
      Method m = Class.forName(PACKAGE + simpleClassName).getDeclaredMethod(name, types);
      m.setAccessible(true);
      return m.invoke(null, args);
    } catch (InvocationTargetException e) {
      throw rethrow(e);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot call " + simpleClassName + "." + name, e);
    }
  }

  private static Object call(Object target, String name) {
    return call(target, name, new Class<?>[0]);
  }

  private static Object call(Object target, String name, Class<?>[] types, Object... args) {
    try {
      Method m = target.getClass().getDeclaredMethod(name, types);
      m.setAccessible(true);
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw rethrow(e);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot call " + target.getClass().getSimpleName() + "." + name, e);
    }
  }

  private static RuntimeException rethrow(InvocationTargetException e) {
    if (e.getCause() instanceof RuntimeException runtime) {
      return runtime;
    }
    if (e.getCause() instanceof Error error) {
      throw error;
    }
    return new IllegalStateException(e.getCause());
  }
}
