package com.comicshelf.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppConfigTest {

  @Test
  void s3Defaults_areALocalBucket_5MiB_andFiveMinuteUrls() {
    AppConfig.S3Settings s3 = AppConfig.from(Map.<String, String>of()::get).s3();

    assertThat(s3.bucket()).isEqualTo("comic-shelf-local");
    assertThat(s3.endpoint()).isNull();
    assertThat(s3.region()).isNull();
    assertThat(s3.publicBaseUrl()).isEqualTo(URI.create("https://comic-shelf-local.s3.amazonaws.com"));
    assertThat(s3.maxUploadBytes()).isEqualTo(5L * 1024 * 1024);
    assertThat(s3.uploadUrlTtl()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void everyS3Setting_isReadFromTheEnvironment() {
    AppConfig.S3Settings s3 =
        AppConfig.from(
                Map.of(
                        "COMICSHELF_S3_BUCKET", "covers-prod",
                        "COMICSHELF_S3_ENDPOINT", "http://localhost:9090/",
                        "COMICSHELF_S3_REGION", "eu-west-1",
                        "COMICSHELF_ASSETS_BASE_URL", "https://d111.cloudfront.net/",
                        "COMICSHELF_MAX_UPLOAD_BYTES", "1000",
                        "COMICSHELF_UPLOAD_URL_TTL_SECONDS", "60")
                    ::get)
            .s3();

    assertThat(s3)
        .isEqualTo(
            new AppConfig.S3Settings(
                "covers-prod",
                URI.create("http://localhost:9090"),
                "eu-west-1",
                URI.create("https://d111.cloudfront.net"),
                1000,
                Duration.ofSeconds(60)));
  }

  @Test
  void awsEndpointVariables_areTheFallback_andCoversAreThenServedPathStyle() {
    AppConfig.S3Settings s3 =
        AppConfig.from(Map.of("AWS_ENDPOINT_URL", "http://localhost.localstack.cloud:4566")::get).s3();

    assertThat(s3.endpoint()).isEqualTo(URI.create("http://localhost.localstack.cloud:4566"));
    assertThat(s3.publicBaseUrl()).isEqualTo(URI.create("http://localhost.localstack.cloud:4566/comic-shelf-local"));
    assertThat(
            AppConfig.from(
                    Map.of("AWS_ENDPOINT_URL", "http://a:1", "AWS_ENDPOINT_URL_S3", "http://b:2")::get)
                .s3()
                .endpoint())
        .isEqualTo(URI.create("http://b:2"));
  }

  @Test
  void nonsensicalLimits_failAtStart() {
    assertThatThrownBy(() -> AppConfig.from(Map.of("COMICSHELF_MAX_UPLOAD_BYTES", "0")::get))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("COMICSHELF_MAX_UPLOAD_BYTES");
    assertThatThrownBy(() -> AppConfig.from(Map.of("COMICSHELF_UPLOAD_URL_TTL_SECONDS", "86400")::get))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("COMICSHELF_UPLOAD_URL_TTL_SECONDS");
  }
}
