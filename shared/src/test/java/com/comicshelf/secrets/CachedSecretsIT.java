package com.comicshelf.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import com.comicshelf.testing.MotoServer;
import com.comicshelf.testing.RecordingInterceptor;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Secrets come from Secrets Manager (moto_server here) once per container: later reads are memory
 * reads, a refresh picks up a rotated value, and every call made is one the template's IAM allows.
 */
class CachedSecretsIT {
  private SecretsManagerClient client;
  private String name;

  @BeforeEach
  void setUp() {
    client = MotoServer.shared().secretsManager();
    name = "comic-shelf/test-" + UUID.randomUUID();
  }

  @Test
  void aSecret_isFetchedOnce_thenServedFromTheCache() {
    String arn = client.createSecret(r -> r.name(name).secretString("first-value")).arn();
    CachedSecrets secrets = new CachedSecrets(client);
    int before = RecordingInterceptor.calls().size();

    String first = secrets.string(arn);
    for (int i = 0; i < 50; i++) {
      assertThat(secrets.string(arn)).isEqualTo(first);
    }

    assertThat(first).isEqualTo("first-value");
    assertThat(RecordingInterceptor.callsSince(before))
        .as("one fetch for 51 reads")
        .containsOnlyOnce("secretsmanager:GetSecretValue")
        .allMatch(CachedSecrets.IAM_ACTIONS::contains);
  }

  @Test
  void aRotatedSecret_isReadAgain_afterARefresh() {
    String arn = client.createSecret(r -> r.name(name).secretString("{\"username\":\"admin\",\"password\":\"one\"}")).arn();
    CachedSecrets secrets = new CachedSecrets(client);
    CachedSecrets.DbCredentials before = secrets.dbCredentials(arn);

    client.putSecretValue(r -> r.secretId(arn).secretString("{\"username\":\"admin\",\"password\":\"two\"}"));
    CachedSecrets.DbCredentials cached = secrets.dbCredentials(arn);
    secrets.refresh(arn);
    CachedSecrets.DbCredentials after = secrets.dbCredentials(arn);

    assertThat(before).isEqualTo(new CachedSecrets.DbCredentials("admin", "one"));
    assertThat(cached).as("still the cached value").isEqualTo(before);
    assertThat(after.password()).isEqualTo("two");
    assertThat(after.toString()).doesNotContain("two");
  }
}
