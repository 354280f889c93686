package com.comicshelf.aws;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** The settings every AWS SDK client of ours shares: the URL-connection HTTP client, the region. */
public final class AwsClients {
  private static final Logger log = LoggerFactory.getLogger(AwsClients.class);
  /** Where no region is configured at all (a developer machine): local servers ignore it. */
  public static final Region FALLBACK_REGION = Region.US_EAST_1;

  private AwsClients() {}

  /** The SDK's region chain ({@code AWS_REGION} in Lambda), or {@link #FALLBACK_REGION}. */
  public static Region region() {
    try {
      return new DefaultAwsRegionProviderChain().getRegion();
    } catch (SdkClientException e) {
      log.info("no AWS region configured; using {}", FALLBACK_REGION);
      return FALLBACK_REGION;
    }
  }

  /**
   * The URL-connection client: the lightest to load in a Lambda container (the Apache and Netty
   * clients are excluded from the build); set explicitly so a second client on a test classpath
   * cannot make the SDK's choice ambiguous.
   */
  public static SdkHttpClient httpClient(Duration connectTimeout, Duration socketTimeout) {
    return UrlConnectionHttpClient.builder().connectionTimeout(connectTimeout).socketTimeout(socketTimeout).build();
  }

  /** Secrets Manager in the function's region; the SDK honours {@code AWS_ENDPOINT_URL_SECRETS_MANAGER}. */
  public static SecretsManagerClient secretsManager() {
    return SecretsManagerClient.builder()
        .region(region())
        .httpClient(httpClient(Duration.ofSeconds(2), Duration.ofSeconds(5)))
        .build();
  }
}
