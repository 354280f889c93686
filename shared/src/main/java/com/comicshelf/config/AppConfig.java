package com.comicshelf.config;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Every setting a function needs, read once from the environment at container start.
 *
 * @param jdbcUrl JDBC URL of the MySQL-compatible database
 * @param dbUser database user
 * @param dbPassword database password (empty allowed)
 * @param appSecret the Facebook app secret that signs {@code signed_request} tokens; null where unused
 * @param signedRequestMaxAge how old a signed request may be before it is refused
 * @param graphApiBaseUrl Facebook Graph API base, with version; a local stub in development
 * @param rankingMaterializeMinFriends friend count from which a user's ranking is precomputed
 */
public record AppConfig(
    String jdbcUrl,
    String dbUser,
    String dbPassword,
    String appSecret,
    Duration signedRequestMaxAge,
    URI graphApiBaseUrl,
    int rankingMaterializeMinFriends) {

  public static final String JDBC_URL = "COMICSHELF_JDBC_URL";
  public static final String DB_USER = "COMICSHELF_DB_USER";
  public static final String DB_PASSWORD = "COMICSHELF_DB_PASSWORD";
  public static final String APP_SECRET = "COMICSHELF_APP_SECRET";
  public static final String SIGNED_REQUEST_MAX_AGE_SECONDS = "COMICSHELF_SIGNED_REQUEST_MAX_AGE_SECONDS";
  public static final String GRAPH_API_BASE_URL = "COMICSHELF_GRAPH_API_BASE_URL";
  public static final String RANKING_MATERIALIZE_MIN_FRIENDS = "COMICSHELF_RANKING_MATERIALIZE_MIN_FRIENDS";

  public AppConfig {
    Objects.requireNonNull(jdbcUrl, JDBC_URL);
    Objects.requireNonNull(dbUser, DB_USER);
    Objects.requireNonNull(dbPassword, DB_PASSWORD);
    Objects.requireNonNull(signedRequestMaxAge, SIGNED_REQUEST_MAX_AGE_SECONDS);
    Objects.requireNonNull(graphApiBaseUrl, GRAPH_API_BASE_URL);
  }

  /** The app secret; only the authorizer (and the local token minter) needs it. */
  public String requireAppSecret() {
    if (appSecret == null || appSecret.isBlank()) {
      throw new IllegalStateException(APP_SECRET + " must be set");
    }
    return appSecret;
  }

  /**
   * Reads the settings from {@code lookup}: the process environment in Lambda. The local gateway runs
   * handlers in-process and cannot change the environment, so it passes system properties first.
   */
  public static AppConfig from(UnaryOperator<String> lookup) {
    return new AppConfig(
        orDefault(lookup.apply(JDBC_URL), "jdbc:mariadb://127.0.0.1:3306/comicshelf"),
        orDefault(lookup.apply(DB_USER), "root"),
        orDefault(lookup.apply(DB_PASSWORD), ""),
        lookup.apply(APP_SECRET),
        Duration.ofSeconds(Long.parseLong(orDefault(lookup.apply(SIGNED_REQUEST_MAX_AGE_SECONDS), "3600"))),
        URI.create(orDefault(lookup.apply(GRAPH_API_BASE_URL), "https://graph.facebook.com/v21.0")),
        Integer.parseInt(orDefault(lookup.apply(RANKING_MATERIALIZE_MIN_FRIENDS), "1000")));
  }

  /** System properties override the environment, so one JVM can host the local gateway. */
  public static AppConfig fromEnvironment() {
    return from(key -> {
      String property = System.getProperty(key);
      return property != null ? property : System.getenv(key);
    });
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }

  @Override
  public String toString() {
    return "AppConfig[jdbcUrl=" + jdbcUrl + ", dbUser=" + dbUser + ", signedRequestMaxAge=" + signedRequestMaxAge + "]";
  }
}
