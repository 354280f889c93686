package com.comicshelf.local.security;

import com.comicshelf.config.AuthSettings;
import com.comicshelf.local.InProcessGateway;
import com.comicshelf.testing.TestDatabase;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local gateway started in-process on its own database, as {@code LocalGatewayIT} starts it, and
 * the routes of {@code template.yaml} as the gateway reads them ({@code TemplateRoutes}).
 */
final class GatewayUnderTest implements AutoCloseable {
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

  private final InProcessGateway gateway;
  private final String appSecret;
  private final Duration maxAge;

  private GatewayUnderTest(InProcessGateway gateway, String appSecret, Duration maxAge) {
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
    InProcessGateway gateway =
        InProcessGateway.start(
            "--port", "0",
            "--containers", "1",
            "--jdbc-url", db.jdbcUrl(), "--db-user", db.user(), "--db-password", db.password(),
            "--s3-endpoint", "http://127.0.0.1:9");
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
    return InProcessGateway.templateRoutes().stream()
        .map(route -> new TemplateRoute(route.method(), route.path(), route.functionId(), route.authorizerFunctionId()))
        .toList();
  }

  URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + gateway.port() + pathAndQuery);
  }

  /** How often the function with this logical id has run; an unchanged count proves it never ran. */
  long invocations(String functionLogicalId) {
    return gateway.invocations(functionLogicalId);
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
    gateway.close();
  }
}
