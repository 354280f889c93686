package com.comicshelf.local;

import com.comicshelf.auth.SignedRequestVerifier;
import com.comicshelf.config.AppConfig;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The configuration the handlers read through {@link AppConfig#fromEnvironment()}. In Lambda it
 * comes from the environment; one JVM cannot change its own environment, so the gateway sets the
 * same names as system properties, which {@code AppConfig} reads first.
 */
record LocalSettings(
    DatabaseTarget database,
    String appSecret,
    Duration signedRequestMaxAge,
    URI graphApiBaseUrl,
    URI s3Endpoint) {
  /** Public on purpose: it only ever signs requests for a gateway bound to the loopback interface. */
  static final String DEV_SECRET = "comic-shelf-local-dev-secret";
  /** A day, so a token printed in the morning still works after lunch. */
  static final Duration LOCAL_MAX_AGE = Duration.ofDays(1);

  /**
   * Demo readers with this many friends get a precomputed ranking, so the local demo exercises both
   * ranking paths (production default: 1,000).
   */
  static final int LOCAL_MATERIALIZE_MIN_FRIENDS = 40;

  /** The secret and token lifetime from {@code env} when set there, else the local defaults. */
  static LocalSettings of(DatabaseTarget database, Map<String, String> env, URI graphApiBaseUrl, URI s3Endpoint) {
    return new LocalSettings(database, appSecret(env), maxAge(env), graphApiBaseUrl, s3Endpoint);
  }

  /** The access token inside locally minted signed requests; the Graph API stub knows it. */
  static String oauthTokenOf(long userId) {
    return "local-" + userId;
  }

  static String appSecret(Map<String, String> env) {
    String secret = env.get(AppConfig.APP_SECRET);
    return secret == null || secret.isBlank() ? DEV_SECRET : secret;
  }

  private static Duration maxAge(Map<String, String> env) {
    String seconds = env.get(AppConfig.SIGNED_REQUEST_MAX_AGE_SECONDS);
    if (seconds == null || seconds.isBlank()) {
      return LOCAL_MAX_AGE;
    }
    try {
      return Duration.ofSeconds(Long.parseLong(seconds.strip()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(AppConfig.SIGNED_REQUEST_MAX_AGE_SECONDS + " must be whole seconds, got '" + seconds + "'");
    }
  }

  /** Must run before the first handler class initialises: each reads its configuration once. */
  void applyAsSystemProperties() {
    System.setProperty(AppConfig.JDBC_URL, database.jdbcUrl());
    System.setProperty(AppConfig.DB_USER, database.user());
    System.setProperty(AppConfig.DB_PASSWORD, database.password());
    System.setProperty(AppConfig.APP_SECRET, appSecret);
    System.setProperty(
        AppConfig.SIGNED_REQUEST_MAX_AGE_SECONDS, Long.toString(signedRequestMaxAge.toSeconds()));
    System.setProperty(AppConfig.GRAPH_API_BASE_URL, graphApiBaseUrl.toString());
    System.setProperty(
        AppConfig.RANKING_MATERIALIZE_MIN_FRIENDS, Integer.toString(LOCAL_MATERIALIZE_MIN_FRIENDS));
    System.setProperty(AppConfig.S3_ENDPOINT, s3Endpoint.toString());
    System.setProperty(AppConfig.S3_REGION, "us-east-1");
    System.setProperty(AppConfig.S3_BUCKET, EmbeddedS3.BUCKET);
    System.setProperty(AppConfig.ASSETS_BASE_URL, s3Endpoint + "/" + EmbeddedS3.BUCKET);
    // The SDK signs every request; S3Mock checks no signature, so any credentials do.
    System.setProperty("aws.accessKeyId", "local");
    System.setProperty("aws.secretAccessKey", "local");
  }

  /** Mints {@code signed_request} tokens that this gateway's authorizer accepts. */
  SignedRequestVerifier signer(Clock clock) {
    return new SignedRequestVerifier(appSecret, signedRequestMaxAge, clock);
  }

  @Override
  public String toString() {
    return "LocalSettings[database=" + database + ", signedRequestMaxAge=" + signedRequestMaxAge + "]";
  }
}
