package com.comicshelf.s3;

import com.comicshelf.aws.AwsClients;
import com.comicshelf.config.S3Settings;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Builds the S3 client and presigner from the settings. The same code talks to AWS, LocalStack or an
 * in-process S3 server: only the endpoint override (path-style addressing then) and the credentials
 * differ, and credentials come from the SDK's default chain unless a caller passes others.
 */
public final class S3Clients {

  private S3Clients() {}

  public static S3Client client(S3Settings settings, AwsCredentialsProvider credentials) {
    var builder =
        S3Client.builder()
            .region(region(settings))
            .credentialsProvider(credentials)
            // Explicit, so a second HTTP client on the classpath (tests) cannot make the choice ambiguous.
            .httpClient(AwsClients.httpClient(Duration.ofSeconds(2), Duration.ofSeconds(10)))
            .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(20)))
            // Checksums only where S3 requires them: S3-compatible servers differ in what they accept.
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    if (settings.endpoint() != null) {
      builder.endpointOverride(settings.endpoint()).forcePathStyle(true);
    }
    return builder.build();
  }

  public static S3Presigner presigner(S3Settings settings, AwsCredentialsProvider credentials) {
    var builder = S3Presigner.builder().region(region(settings)).credentialsProvider(credentials);
    if (settings.endpoint() != null) {
      builder
          .endpointOverride(settings.endpoint())
          .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build());
    }
    return builder.build();
  }

  static Region region(S3Settings settings) {
    return settings.region() != null ? Region.of(settings.region()) : AwsClients.region();
  }
}
