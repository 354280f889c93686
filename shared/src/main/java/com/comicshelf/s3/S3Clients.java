package com.comicshelf.s3;

import com.comicshelf.config.AppConfig;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the S3 client and presigner from the settings. The same code talks to AWS, LocalStack or an
 * in-process S3 server: only the endpoint override (path-style addressing then) and the credentials
 * differ, and credentials come from the SDK's default chain unless a caller passes others.
 */
public final class S3Clients {
  private static final Logger log = LoggerFactory.getLogger(S3Clients.class);
  /** Where no region is configured at all (a developer machine): S3-protocol servers ignore it. */
  static final Region FALLBACK_REGION = Region.US_EAST_1;

  private S3Clients() {}

  public static S3Client client(AppConfig.S3Settings settings, AwsCredentialsProvider credentials) {
    var builder =
        S3Client.builder()
            .region(region(settings))
            .credentialsProvider(credentials)
            // Explicit, so a second HTTP client on the classpath (tests) cannot make the choice ambiguous.
            .httpClientBuilder(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(2))
                    .socketTimeout(Duration.ofSeconds(10)))
            .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(20)))
            // Checksums only where S3 requires them: S3-compatible servers differ in what they accept.
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    if (settings.endpoint() != null) {
      builder.endpointOverride(settings.endpoint()).forcePathStyle(true);
    }
    return builder.build();
  }

  public static S3Presigner presigner(AppConfig.S3Settings settings, AwsCredentialsProvider credentials) {
    var builder = S3Presigner.builder().region(region(settings)).credentialsProvider(credentials);
    if (settings.endpoint() != null) {
      builder
          .endpointOverride(settings.endpoint())
          .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build());
    }
    return builder.build();
  }

  static Region region(AppConfig.S3Settings settings) {
    if (settings.region() != null) {
      return Region.of(settings.region());
    }
    try {
      return new DefaultAwsRegionProviderChain().getRegion();
    } catch (SdkClientException e) {
      log.info("no AWS region configured; using {}", FALLBACK_REGION);
      return FALLBACK_REGION;
    }
  }
}
