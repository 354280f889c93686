package com.comicshelf.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingsTest {

  @Test
  void s3Defaults_areALocalBucket_5MiB_andFiveMinuteUrls() {
    Environment env = Environment.of(Map.of());
    S3Settings s3 = S3Settings.from(env);

    assertThat(s3.bucket()).isEqualTo("comic-shelf-local");
    assertThat(s3.endpoint()).isNull();
    assertThat(s3.region()).isNull();
    assertThat(S3Settings.publicBaseUrl(env)).isEqualTo(URI.create("https://comic-shelf-local.s3.amazonaws.com"));
    assertThat(s3.maxUploadBytes()).isEqualTo(5L * 1024 * 1024);
    assertThat(s3.uploadUrlTtl()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void everyS3Setting_isReadFromTheEnvironment() {
    Environment env =
        Environment.of(
            Map.of(
                "COMICSHELF_S3_BUCKET", "covers-prod",
                "COMICSHELF_S3_ENDPOINT", "http://localhost:9090/",
                "COMICSHELF_S3_REGION", "eu-west-1",
                "COMICSHELF_ASSETS_BASE_URL", "https://d111.cloudfront.net/",
                "COMICSHELF_MAX_UPLOAD_BYTES", "1000",
                "COMICSHELF_UPLOAD_URL_TTL_SECONDS", "60"));

    assertThat(S3Settings.from(env))
        .isEqualTo(
            new S3Settings(
                "covers-prod", URI.create("http://localhost:9090"), "eu-west-1", 1000, Duration.ofSeconds(60)));
    assertThat(S3Settings.publicBaseUrl(env)).isEqualTo(URI.create("https://d111.cloudfront.net"));
  }

  @Test
  void awsEndpointVariables_areTheFallback_andCoversAreThenServedPathStyle() {
    Environment env = Environment.of(Map.of("AWS_ENDPOINT_URL", "http://localhost.localstack.cloud:4566"));

    assertThat(S3Settings.from(env).endpoint()).isEqualTo(URI.create("http://localhost.localstack.cloud:4566"));
    assertThat(S3Settings.publicBaseUrl(env))
        .isEqualTo(URI.create("http://localhost.localstack.cloud:4566/comic-shelf-local"));
    assertThat(
            S3Settings.from(Environment.of(Map.of("AWS_ENDPOINT_URL", "http://a:1", "AWS_ENDPOINT_URL_S3", "http://b:2")))
                .endpoint())
        .isEqualTo(URI.create("http://b:2"));
  }

  @Test
  void nonsensicalLimits_failAtStart() {
    assertThatThrownBy(() -> S3Settings.from(Environment.of(Map.of("COMICSHELF_MAX_UPLOAD_BYTES", "0"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("COMICSHELF_MAX_UPLOAD_BYTES");
    assertThatThrownBy(() -> S3Settings.from(Environment.of(Map.of("COMICSHELF_UPLOAD_URL_TTL_SECONDS", "86400"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("COMICSHELF_UPLOAD_URL_TTL_SECONDS");
    assertThatThrownBy(() -> S3Settings.from(Environment.of(Map.of("COMICSHELF_UPLOAD_URL_TTL_SECONDS", "ten"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("whole number");
  }

  @Test
  void database_defaultsToJdbcOnTheLocalServer_andTheDataApiNeedsItsArns() {
    assertThat(DatabaseSettings.from(Environment.of(Map.of())))
        .isEqualTo(
            new DatabaseSettings.Jdbc(
                "jdbc:mariadb://127.0.0.1:3306/comicshelf", "root", new DatabaseSettings.Password("")));
    assertThat(
            DatabaseSettings.from(
                Environment.of(
                    Map.of(
                        "COMICSHELF_DB_ADAPTER", "data-api",
                        "COMICSHELF_DB_CLUSTER_ARN", "arn:aws:rds:eu-west-1:1:cluster:c",
                        "COMICSHELF_DB_SECRET_ARN", "arn:aws:secretsmanager:eu-west-1:1:secret:s",
                        "COMICSHELF_DATA_API_ENDPOINT", "http://127.0.0.1:8099"))))
        .isEqualTo(
            new DatabaseSettings.DataApi(
                "arn:aws:rds:eu-west-1:1:cluster:c",
                "arn:aws:secretsmanager:eu-west-1:1:secret:s",
                "comicshelf",
                Optional.of(URI.create("http://127.0.0.1:8099"))));
    assertThatThrownBy(() -> DatabaseSettings.from(Environment.of(Map.of("COMICSHELF_DB_ADAPTER", "data-api"))))
        .hasMessageContaining("COMICSHELF_DB_CLUSTER_ARN");
    assertThatThrownBy(() -> DatabaseSettings.from(Environment.of(Map.of("COMICSHELF_DB_ADAPTER", "dynamo"))))
        .hasMessageContaining("data-api or jdbc");
  }

  @Test
  void jdbcPasswords_comeFromSecretsManagerOrIam_whenSoConfigured() {
    assertThat(
            DatabaseSettings.from(
                Environment.of(
                    Map.of(
                        "COMICSHELF_JDBC_URL", "jdbc:mysql://proxy.example:3306/comicshelf",
                        "COMICSHELF_DB_SECRET_ARN", "arn:secret"))))
        .isEqualTo(
            new DatabaseSettings.Jdbc(
                "jdbc:mysql://proxy.example:3306/comicshelf", "root", new DatabaseSettings.PasswordFromSecret("arn:secret")));
    assertThat(((DatabaseSettings.Jdbc) DatabaseSettings.from(Environment.of(Map.of("COMICSHELF_DB_IAM_AUTH", "true"))))
            .credentials())
        .isInstanceOf(DatabaseSettings.IamToken.class);
    assertThatThrownBy(() -> DatabaseSettings.from(Environment.of(Map.of("COMICSHELF_JDBC_URL", "jdbc:postgresql://x/y"))))
        .hasMessageContaining("jdbc:mariadb: or jdbc:mysql:");
  }

  @Test
  void environment_remembersWhatKindOfSettingEachReadWas() {
    Environment env =
        Environment.of(Map.of("COMICSHELF_APP_SECRET_ARN", "arn:app", "COMICSHELF_APP_SECRET", "leaked"));

    AuthSettings auth = AuthSettings.from(env);

    assertThat(auth.appSecretArn()).contains("arn:app");
    assertThat(auth.appSecret()).as("the plaintext secret is ignored when the ARN is set").isEmpty();
    assertThat(env.requiredInAwsNames()).containsExactly("COMICSHELF_APP_SECRET_ARN");
    assertThat(env.optionalNames()).containsExactly("COMICSHELF_SIGNED_REQUEST_MAX_AGE_SECONDS");
    assertThat(env.localOnlyNames()).containsExactly("COMICSHELF_APP_SECRET");
    assertThat(auth.toString()).doesNotContain("leaked");
  }

  @Test
  void authWithoutAnySecret_failsAtStart() {
    assertThatThrownBy(() -> AuthSettings.from(Environment.of(Map.of())))
        .hasMessageContaining("COMICSHELF_APP_SECRET_ARN");
  }
}
