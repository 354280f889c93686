package com.comicshelf.local;

import com.comicshelf.auth.SignedRequestVerifier;
import com.comicshelf.config.AuthSettings;
import com.comicshelf.config.DatabaseSettings;
import com.comicshelf.config.FriendSettings;
import com.comicshelf.config.S3Settings;
import com.comicshelf.config.WriteGuardSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration the handlers read through {@link com.comicshelf.config.Environment#system()}. In
 * Lambda it comes from the environment; one JVM cannot change its own environment, so the gateway sets
 * the same names as system properties, which are read first.
 */
record LocalSettings(
    DatabaseSettings database,
    String appSecret,
    Duration signedRequestMaxAge,
    URI graphApiBaseUrl,
    URI s3Endpoint,
    Optional<GatewayOptions.DynamoDbTarget> dynamoDb) {
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
  static LocalSettings of(
      DatabaseSettings database,
      Map<String, String> env,
      URI graphApiBaseUrl,
      URI s3Endpoint,
      Optional<GatewayOptions.DynamoDbTarget> dynamoDb) {
    return new LocalSettings(database, appSecret(env), maxAge(env), graphApiBaseUrl, s3Endpoint, dynamoDb);
  }

  /** The access token inside locally minted signed requests; the Graph API stub knows it. */
  static String oauthTokenOf(long userId) {
    return "local-" + userId;
  }

  static String appSecret(Map<String, String> env) {
    String secret = env.get(AuthSettings.APP_SECRET);
    return secret == null || secret.isBlank() ? DEV_SECRET : secret;
  }

  private static Duration maxAge(Map<String, String> env) {
    String seconds = env.get(AuthSettings.SIGNED_REQUEST_MAX_AGE_SECONDS);
    if (seconds == null || seconds.isBlank()) {
      return LOCAL_MAX_AGE;
    }
    try {
      return Duration.ofSeconds(Long.parseLong(seconds.strip()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          AuthSettings.SIGNED_REQUEST_MAX_AGE_SECONDS + " must be whole seconds, got '" + seconds + "'");
    }
  }

  /** Must run before the first handler class initialises: each reads its configuration once. */
  void applyAsSystemProperties(Map<String, String> env) {
    if (database instanceof DatabaseSettings.DataApi dataApi) {
      System.setProperty(DatabaseSettings.ADAPTER, "data-api");
      System.setProperty(DatabaseSettings.CLUSTER_ARN, dataApi.clusterArn());
      System.setProperty(DatabaseSettings.SECRET_ARN, dataApi.secretArn());
      System.setProperty(DatabaseSettings.NAME, dataApi.database());
      dataApi.endpoint().ifPresent(e -> System.setProperty(DatabaseSettings.DATA_API_ENDPOINT, e.toString()));
    } else {
      DatabaseSettings.Jdbc jdbc = (DatabaseSettings.Jdbc) database;
      System.setProperty(DatabaseSettings.ADAPTER, "jdbc");
      System.setProperty(DatabaseSettings.JDBC_URL, jdbc.url());
      System.setProperty(DatabaseSettings.USER, jdbc.user());
      System.setProperty(DatabaseSettings.PASSWORD, ((DatabaseSettings.Password) jdbc.credentials()).value());
    }
    System.setProperty(AuthSettings.APP_SECRET, appSecret);
    System.setProperty(AuthSettings.SIGNED_REQUEST_MAX_AGE_SECONDS, Long.toString(signedRequestMaxAge.toSeconds()));
    System.setProperty(FriendSettings.GRAPH_API_BASE_URL, graphApiBaseUrl.toString());
    System.setProperty(
        FriendSettings.RANKING_MATERIALIZE_MIN_FRIENDS, Integer.toString(LOCAL_MATERIALIZE_MIN_FRIENDS));
    System.setProperty(S3Settings.ENDPOINT, s3Endpoint.toString());
    System.setProperty(S3Settings.REGION, "us-east-1");
    System.setProperty(S3Settings.BUCKET, EmbeddedS3.BUCKET);
    System.setProperty(S3Settings.ASSETS_BASE_URL, s3Endpoint + "/" + EmbeddedS3.BUCKET);
    dynamoDb.ifPresent(
        target -> {
          System.setProperty(WriteGuardSettings.DYNAMODB_ENDPOINT, target.endpoint().toString());
          System.setProperty(WriteGuardSettings.DYNAMODB_TABLE, target.table());
        });
    if (!env.containsKey("AWS_REGION") && !env.containsKey("AWS_DEFAULT_REGION") && !env.containsKey("AWS_PROFILE")) {
      // Without it the SDK probes EC2 instance metadata for a region, seconds on a laptop.
      System.setProperty("aws.region", "us-east-1");
    }
    if (!hasAwsCredentials(env)) {
      // The SDK signs every request; the embedded S3 server and the test Data API endpoint check no
      // signature, so any keys do. Real credentials, when configured, are left to the SDK's chain.
      System.setProperty("aws.accessKeyId", "local");
      System.setProperty("aws.secretAccessKey", "local");
    }
  }

  private static boolean hasAwsCredentials(Map<String, String> env) {
    return env.containsKey("AWS_ACCESS_KEY_ID")
        || env.containsKey("AWS_PROFILE")
        || env.containsKey("AWS_CONTAINER_CREDENTIALS_FULL_URI")
        || Files.isRegularFile(Path.of(System.getProperty("user.home"), ".aws", "credentials"));
  }

  /** Mints {@code signed_request} tokens that this gateway's authorizer accepts. */
  SignedRequestVerifier signer(Clock clock) {
    return new SignedRequestVerifier(appSecret, signedRequestMaxAge, clock);
  }

  /** Where the data is, for the banner. */
  String describeDatabase() {
    if (database instanceof DatabaseSettings.DataApi dataApi) {
      return "RDS Data API " + dataApi.endpoint().map(URI::toString).orElse("(AWS)") + ", cluster "
          + dataApi.clusterArn() + ", database " + dataApi.database();
    }
    return ((DatabaseSettings.Jdbc) database).url();
  }

  @Override
  public String toString() {
    return "LocalSettings[database=" + database + ", signedRequestMaxAge=" + signedRequestMaxAge + "]";
  }
}
