package com.comicshelf.secrets;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Secrets Manager values, cached in the container by AWS's caching library: the first use fetches,
 * later uses read memory, and a value is fetched again after an hour (so a rotation is picked up).
 * Nothing is fetched when this is built, so a SnapStart snapshot holds no secret.
 */
public final class CachedSecrets implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** What a function's role must allow on the secret: the cache describes it, then reads its value. */
  public static final List<String> IAM_ACTIONS =
      List.of("secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue");

  private final SecretCache cache;

  public CachedSecrets(SecretsManagerClient client) {
    this.cache = new SecretCache(new SecretCacheConfiguration().withClient(client));
  }

  /** The secret's string value. */
  public String string(String secretId) {
    String value = cache.getSecretString(secretId);
    if (value == null) {
      throw new IllegalStateException("secret " + secretId + " has no string value");
    }
    return value;
  }

  /** A database secret as RDS writes it: JSON with {@code username} and {@code password}. */
  public DbCredentials dbCredentials(String secretId) {
    try {
      JsonNode json = JSON.readTree(string(secretId));
      JsonNode user = json.get("username");
      JsonNode password = json.get("password");
      if (user == null || password == null || !user.isTextual() || !password.isTextual()) {
        throw new IllegalStateException("secret " + secretId + " lacks a string username and password");
      }
      return new DbCredentials(user.asText(), password.asText());
    } catch (IOException e) {
      throw new IllegalStateException("secret " + secretId + " is not JSON", e);
    }
  }

  /** Drops the cached value, e.g. after the database refused it (rotated meanwhile). */
  public void refresh(String secretId) {
    try {
      cache.refreshNow(secretId);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    cache.close();
  }

  /** A user name and password; the password never appears in {@link #toString}. */
  public record DbCredentials(String username, String password) {
    @Override
    public String toString() {
      return "DbCredentials[username=" + username + "]";
    }
  }
}
