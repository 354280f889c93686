package com.comicshelf.config;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where uploads and public assets live.
 *
 * @param bucket the private bucket holding {@code incoming/}, {@code public/} and {@code static/}
 * @param endpoint S3 endpoint override (LocalStack, moto, the in-process S3 server); null means AWS's
 *     own, resolved by the SDK from the region
 * @param region the bucket's region; null means the SDK's default region chain ({@code AWS_REGION})
 * @param maxUploadBytes the largest accepted upload
 * @param uploadUrlTtl how long a presigned upload URL stays valid
 */
public record S3Settings(String bucket, URI endpoint, String region, long maxUploadBytes, Duration uploadUrlTtl) {
  public static final String BUCKET = "COMICSHELF_S3_BUCKET";
  public static final String ENDPOINT = "COMICSHELF_S3_ENDPOINT";
  public static final String REGION = "COMICSHELF_S3_REGION";
  public static final String ASSETS_BASE_URL = "COMICSHELF_ASSETS_BASE_URL";
  public static final String MAX_UPLOAD_BYTES = "COMICSHELF_MAX_UPLOAD_BYTES";
  public static final String UPLOAD_URL_TTL_SECONDS = "COMICSHELF_UPLOAD_URL_TTL_SECONDS";
  /** The AWS SDK's own endpoint variables, honoured when {@link #ENDPOINT} is not set (LocalStack). */
  public static final String AWS_ENDPOINT_URL_S3 = "AWS_ENDPOINT_URL_S3";
  public static final String AWS_ENDPOINT_URL = "AWS_ENDPOINT_URL";

  public static final String DEFAULT_BUCKET = "comic-shelf-local";
  public static final long DEFAULT_MAX_UPLOAD_BYTES = 5L * 1024 * 1024;
  public static final Duration DEFAULT_UPLOAD_URL_TTL = Duration.ofMinutes(5);
  /** Longer-lived upload URLs would outlive the point of checking uploads promptly. */
  public static final Duration MAX_UPLOAD_URL_TTL = Duration.ofHours(1);

  public S3Settings {
    Objects.requireNonNull(bucket, BUCKET);
    Objects.requireNonNull(uploadUrlTtl, UPLOAD_URL_TTL_SECONDS);
    if (maxUploadBytes < 1) {
      throw new IllegalArgumentException(MAX_UPLOAD_BYTES + " must be positive, got " + maxUploadBytes);
    }
    if (uploadUrlTtl.isNegative() || uploadUrlTtl.isZero() || uploadUrlTtl.compareTo(MAX_UPLOAD_URL_TTL) > 0) {
      throw new IllegalArgumentException(
          UPLOAD_URL_TTL_SECONDS + " must be between 1 and " + MAX_UPLOAD_URL_TTL.toSeconds() + ", got "
              + uploadUrlTtl.toSeconds());
    }
  }

  /** Reads the bucket, its endpoint and the upload limits. */
  public static S3Settings from(Environment env) {
    return new S3Settings(
        env.requiredInAws(BUCKET, DEFAULT_BUCKET),
        endpoint(env).orElse(null),
        env.optional(REGION).orElse(null),
        env.optionalLong(MAX_UPLOAD_BYTES, DEFAULT_MAX_UPLOAD_BYTES),
        Duration.ofSeconds(env.optionalLong(UPLOAD_URL_TTL_SECONDS, DEFAULT_UPLOAD_URL_TTL.toSeconds())));
  }

  /**
   * The URL under which a public key is served ({@code base + "/" + key}): the CloudFront distribution
   * in AWS. Without it, the bucket itself: path-style under an endpoint override, else the bucket's
   * virtual-hosted AWS URL.
   */
  public static URI publicBaseUrl(Environment env) {
    String base = env.requiredInAws(ASSETS_BASE_URL, null);
    if (base != null) {
      return URI.create(stripSlash(base));
    }
    String bucket = env.optional(BUCKET).orElse(DEFAULT_BUCKET);
    return endpoint(env)
        .map(endpoint -> URI.create(endpoint + "/" + bucket))
        .orElse(URI.create("https://" + bucket + ".s3.amazonaws.com"));
  }

  private static Optional<URI> endpoint(Environment env) {
    return env.optional(ENDPOINT)
        .or(() -> env.optional(AWS_ENDPOINT_URL_S3))
        .or(() -> env.optional(AWS_ENDPOINT_URL))
        .map(url -> URI.create(stripSlash(url)));
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
