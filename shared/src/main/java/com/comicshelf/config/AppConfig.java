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
 * @param s3 the assets bucket and the upload limits
 */
public record AppConfig(
    String jdbcUrl,
    String dbUser,
    String dbPassword,
    String appSecret,
    Duration signedRequestMaxAge,
    URI graphApiBaseUrl,
    int rankingMaterializeMinFriends,
    S3Settings s3) {

  public static final String JDBC_URL = "COMICSHELF_JDBC_URL";
  public static final String DB_USER = "COMICSHELF_DB_USER";
  public static final String DB_PASSWORD = "COMICSHELF_DB_PASSWORD";
  public static final String APP_SECRET = "COMICSHELF_APP_SECRET";
  public static final String SIGNED_REQUEST_MAX_AGE_SECONDS = "COMICSHELF_SIGNED_REQUEST_MAX_AGE_SECONDS";
  public static final String GRAPH_API_BASE_URL = "COMICSHELF_GRAPH_API_BASE_URL";
  public static final String RANKING_MATERIALIZE_MIN_FRIENDS = "COMICSHELF_RANKING_MATERIALIZE_MIN_FRIENDS";
  public static final String S3_BUCKET = "COMICSHELF_S3_BUCKET";
  public static final String S3_ENDPOINT = "COMICSHELF_S3_ENDPOINT";
  public static final String S3_REGION = "COMICSHELF_S3_REGION";
  public static final String ASSETS_BASE_URL = "COMICSHELF_ASSETS_BASE_URL";
  public static final String MAX_UPLOAD_BYTES = "COMICSHELF_MAX_UPLOAD_BYTES";
  public static final String UPLOAD_URL_TTL_SECONDS = "COMICSHELF_UPLOAD_URL_TTL_SECONDS";
  /** The AWS SDK's own endpoint variables, honoured when {@link #S3_ENDPOINT} is not set (LocalStack). */
  public static final String AWS_ENDPOINT_URL_S3 = "AWS_ENDPOINT_URL_S3";
  public static final String AWS_ENDPOINT_URL = "AWS_ENDPOINT_URL";

  public static final String DEFAULT_S3_BUCKET = "comic-shelf-local";
  public static final long DEFAULT_MAX_UPLOAD_BYTES = 5L * 1024 * 1024;
  public static final Duration DEFAULT_UPLOAD_URL_TTL = Duration.ofMinutes(5);
  /** Longer-lived upload URLs would outlive the point of checking uploads promptly. */
  public static final Duration MAX_UPLOAD_URL_TTL = Duration.ofHours(1);

  /**
   * Where uploads and public assets live.
   *
   * @param bucket the private bucket holding {@code incoming/}, {@code public/} and {@code static/}
   * @param endpoint S3 endpoint override (LocalStack, the in-process S3 server); null means AWS's own,
   *     resolved by the SDK from the region
   * @param region the bucket's region; null means the SDK's default region chain ({@code AWS_REGION})
   * @param publicBaseUrl URL under which a public key is served: {@code publicBaseUrl + "/" + key}
   *     (the CloudFront distribution in AWS, the bucket's path-style URL on a local S3 server)
   * @param maxUploadBytes the largest accepted upload
   * @param uploadUrlTtl how long a presigned upload URL stays valid
   */
  public record S3Settings(
      String bucket, URI endpoint, String region, URI publicBaseUrl, long maxUploadBytes, Duration uploadUrlTtl) {
    public S3Settings {
      Objects.requireNonNull(bucket, S3_BUCKET);
      Objects.requireNonNull(publicBaseUrl, ASSETS_BASE_URL);
      Objects.requireNonNull(uploadUrlTtl, UPLOAD_URL_TTL_SECONDS);
      if (maxUploadBytes < 1) {
        throw new IllegalArgumentException(MAX_UPLOAD_BYTES + " must be positive, got " + maxUploadBytes);
      }
      if (uploadUrlTtl.isNegative() || uploadUrlTtl.isZero() || uploadUrlTtl.compareTo(MAX_UPLOAD_URL_TTL) > 0) {
        throw new IllegalArgumentException(
            UPLOAD_URL_TTL_SECONDS + " must be between 1 and " + MAX_UPLOAD_URL_TTL.toSeconds() + ", got " + uploadUrlTtl.toSeconds());
      }
      String base = publicBaseUrl.toString();
      if (base.endsWith("/")) {
        publicBaseUrl = URI.create(base.substring(0, base.length() - 1));
      }
    }

    /**
     * Reads the S3 settings. Without {@link #ASSETS_BASE_URL}, public keys are served from the bucket
     * itself: path-style under the endpoint override, else the bucket's virtual-hosted AWS URL.
     */
    static S3Settings from(UnaryOperator<String> lookup) {
      String bucket = orDefault(lookup.apply(S3_BUCKET), DEFAULT_S3_BUCKET);
      String endpointText = firstSet(lookup, S3_ENDPOINT, AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL);
      URI endpoint = endpointText == null ? null : URI.create(stripSlash(endpointText));
      String region = firstSet(lookup, S3_REGION);
      String baseText = lookup.apply(ASSETS_BASE_URL);
      URI base;
      if (baseText != null && !baseText.isBlank()) {
        base = URI.create(baseText.strip());
      } else if (endpoint != null) {
        base = URI.create(endpoint + "/" + bucket);
      } else {
        base = URI.create("https://" + bucket + ".s3.amazonaws.com");
      }
      return new S3Settings(
          bucket,
          endpoint,
          region,
          base,
          Long.parseLong(orDefault(lookup.apply(MAX_UPLOAD_BYTES), Long.toString(DEFAULT_MAX_UPLOAD_BYTES))),
          Duration.ofSeconds(
              Long.parseLong(
                  orDefault(lookup.apply(UPLOAD_URL_TTL_SECONDS), Long.toString(DEFAULT_UPLOAD_URL_TTL.toSeconds())))));
    }

    private static String firstSet(UnaryOperator<String> lookup, String... keys) {
      for (String key : keys) {
        String value = lookup.apply(key);
        if (value != null && !value.isBlank()) {
          return value.strip();
        }
      }
      return null;
    }

    private static String stripSlash(String url) {
      return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
  }

  public AppConfig {
    Objects.requireNonNull(jdbcUrl, JDBC_URL);
    Objects.requireNonNull(dbUser, DB_USER);
    Objects.requireNonNull(dbPassword, DB_PASSWORD);
    Objects.requireNonNull(signedRequestMaxAge, SIGNED_REQUEST_MAX_AGE_SECONDS);
    Objects.requireNonNull(graphApiBaseUrl, GRAPH_API_BASE_URL);
    Objects.requireNonNull(s3, "s3");
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
        Integer.parseInt(orDefault(lookup.apply(RANKING_MATERIALIZE_MIN_FRIENDS), "1000")),
        S3Settings.from(lookup));
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
    return "AppConfig[jdbcUrl=" + jdbcUrl + ", dbUser=" + dbUser + ", signedRequestMaxAge=" + signedRequestMaxAge
        + ", s3=" + s3 + "]";
  }
}
