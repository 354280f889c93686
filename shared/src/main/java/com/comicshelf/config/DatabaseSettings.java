package com.comicshelf.config;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Which relational store a function uses and how it reaches it: the RDS Data API (Aurora, the AWS
 * deployment) or JDBC (the local gateway, tests, RDS MySQL / RDS Proxy). Repositories do not know.
 */
public sealed interface DatabaseSettings {
  /** {@code data-api} or {@code jdbc}. */
  String ADAPTER = "COMICSHELF_DB_ADAPTER";
  String CLUSTER_ARN = "COMICSHELF_DB_CLUSTER_ARN";
  /** Secrets Manager secret with {@code username} and {@code password} (what RDS manages). */
  String SECRET_ARN = "COMICSHELF_DB_SECRET_ARN";
  String NAME = "COMICSHELF_DB_NAME";
  /** A Data-API-compatible endpoint instead of AWS's own (the SDK also honours AWS_ENDPOINT_URL_RDS_DATA). */
  String DATA_API_ENDPOINT = "COMICSHELF_DATA_API_ENDPOINT";
  String JDBC_URL = "COMICSHELF_JDBC_URL";
  String USER = "COMICSHELF_DB_USER";
  /** Local only: deployed functions take the password from {@link #SECRET_ARN} or IAM. */
  String PASSWORD = "COMICSHELF_DB_PASSWORD";
  /** {@code true}: sign in with an IAM authentication token instead of a password. */
  String IAM_AUTH = "COMICSHELF_DB_IAM_AUTH";

  String DEFAULT_DATABASE = "comicshelf";
  String LOCAL_JDBC_URL = "jdbc:mariadb://127.0.0.1:3306/" + DEFAULT_DATABASE;

  /** Aurora through the RDS Data API: HTTPS calls, no VPC, no connection to lose. */
  record DataApi(String clusterArn, String secretArn, String database, Optional<URI> endpoint)
      implements DatabaseSettings {
    public DataApi {
      Objects.requireNonNull(clusterArn, CLUSTER_ARN);
      Objects.requireNonNull(secretArn, SECRET_ARN);
      Objects.requireNonNull(database, NAME);
      Objects.requireNonNull(endpoint, "endpoint");
    }
  }

  /** A MySQL-compatible server over JDBC ({@code jdbc:mariadb://} or {@code jdbc:mysql://}). */
  record Jdbc(String url, String user, JdbcCredentials credentials) implements DatabaseSettings {
    public Jdbc {
      Objects.requireNonNull(url, JDBC_URL);
      Objects.requireNonNull(user, USER);
      Objects.requireNonNull(credentials, "credentials");
      if (!url.startsWith("jdbc:mariadb:") && !url.startsWith("jdbc:mysql:")) {
        throw new IllegalArgumentException(JDBC_URL + " must start with jdbc:mariadb: or jdbc:mysql:, got " + url);
      }
    }

    @Override
    public String toString() {
      return "Jdbc[url=" + url + ", user=" + user + ", credentials=" + credentials.getClass().getSimpleName() + "]";
    }
  }

  /** How a JDBC connection signs in. */
  sealed interface JdbcCredentials {}

  /** A plaintext password: developer machines and tests only. */
  record Password(String value) implements JdbcCredentials {
    @Override
    public String toString() {
      return "Password[***]";
    }
  }

  /** The password in a Secrets Manager secret, read when a connection opens (cached, rotation-safe). */
  record PasswordFromSecret(String secretArn) implements JdbcCredentials {}

  /** An IAM database authentication token, minted when a connection opens (needs TLS). */
  record IamToken() implements JdbcCredentials {}

  static DatabaseSettings from(Environment env) {
    String adapter = env.requiredInAws(ADAPTER, "jdbc").toLowerCase(Locale.ROOT);
    return switch (adapter) {
      case "data-api" ->
          new DataApi(
              require(env, CLUSTER_ARN),
              require(env, SECRET_ARN),
              env.requiredInAws(NAME, DEFAULT_DATABASE),
              env.optional(DATA_API_ENDPOINT).map(URI::create));
      case "jdbc" -> jdbc(env);
      default -> throw new IllegalArgumentException(ADAPTER + " must be data-api or jdbc, got '" + adapter + "'");
    };
  }

  private static Jdbc jdbc(Environment env) {
    String url = env.requiredInAws(JDBC_URL, LOCAL_JDBC_URL);
    String user = env.requiredInAws(USER, "root");
    Optional<String> secret = env.optional(SECRET_ARN);
    boolean iam = env.optional(IAM_AUTH).map(Boolean::parseBoolean).orElse(false);
    Optional<String> password = env.localOnly(PASSWORD);
    JdbcCredentials credentials;
    if (iam) {
      credentials = new IamToken();
    } else if (secret.isPresent()) {
      credentials = new PasswordFromSecret(secret.get());
    } else {
      credentials = new Password(password.orElse(""));
    }
    return new Jdbc(url, user, credentials);
  }

  private static String require(Environment env, String name) {
    String value = env.requiredInAws(name, null);
    if (value == null) {
      throw new IllegalArgumentException(name + " must be set when " + ADAPTER + " is data-api");
    }
    return value;
  }
}
