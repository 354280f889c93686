package com.comicshelf.sql.jdbc;

import com.comicshelf.config.DatabaseSettings;
import com.comicshelf.secrets.CachedSecrets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.mariadb.jdbc.MariaDbDataSource;

/** Builds data sources and applies the Flyway migrations in {@code db/migration}. */
public final class Databases {
  /** Opening a connection gives up well before a function's 15 s timeout... */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
  /** ...and so does a statement whose server stopped answering (the longest, a friend sync, takes ~3 s). */
  static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(10);
  /** A transaction waiting for a lock gives up soon and is retried with backoff (see Retry). */
  static final Duration LOCK_WAIT_TIMEOUT = Duration.ofSeconds(5);

  private Databases() {}

  /**
   * A non-pooling data source ({@link JdbcSqlClient} keeps its own single connection) over the MariaDB
   * driver, which also takes {@code jdbc:mysql://} URLs (RDS MySQL, RDS Proxy) and speaks to MySQL 8.
   */
  public static DataSource dataSource(String jdbcUrl, String user, String password) {
    MariaDbDataSource ds = mariaDb(withDefaults(jdbcUrl, false));
    try {
      ds.setUser(user);
      ds.setPassword(password);
    } catch (SQLException e) {
      throw new IllegalArgumentException("invalid credentials for " + jdbcUrl, e);
    }
    return ds;
  }

  /** The data source the settings describe; {@code secrets} is needed for a password in Secrets Manager. */
  public static DataSource dataSource(DatabaseSettings.Jdbc settings, Optional<CachedSecrets> secrets) {
    DatabaseSettings.JdbcCredentials credentials = settings.credentials();
    if (credentials instanceof DatabaseSettings.Password password) {
      return dataSource(settings.url(), settings.user(), password.value());
    }
    if (credentials instanceof DatabaseSettings.PasswordFromSecret fromSecret) {
      return new SecretPasswordDataSource(
          mariaDb(withDefaults(settings.url(), false)),
          secrets.orElseThrow(() -> new IllegalStateException("no Secrets Manager client for " + fromSecret)),
          fromSecret.secretArn());
    }
    // IAM: the driver's AWS-IAM credential plugin mints a token per connection with the SDK's
    // RdsUtilities and the default credentials; the token is sent in clear text, so TLS is required.
    MariaDbDataSource ds = mariaDb(withDefaults(settings.url(), true));
    try {
      ds.setUser(settings.user());
    } catch (SQLException e) {
      throw new IllegalArgumentException("invalid user for " + settings.url(), e);
    }
    return ds;
  }

  /**
   * Adds what every connection needs unless the URL says otherwise: the MySQL scheme accepted, time
   * limits below the function's timeout, and for IAM authentication the credential plugin and TLS.
   */
  static String withDefaults(String jdbcUrl, boolean iamAuth) {
    StringBuilder url = new StringBuilder(jdbcUrl);
    if (jdbcUrl.startsWith("jdbc:mysql:")) {
      addOption(url, "permitMysqlScheme", null);
    }
    addOption(url, "connectTimeout", Long.toString(CONNECT_TIMEOUT.toMillis()));
    addOption(url, "socketTimeout", Long.toString(SOCKET_TIMEOUT.toMillis()));
    addOption(url, "sessionVariables", "innodb_lock_wait_timeout=" + LOCK_WAIT_TIMEOUT.toSeconds());
    if (iamAuth) {
      addOption(url, "credentialType", "AWS-IAM");
      addOption(url, "sslMode", "verify-full");
    }
    return url.toString();
  }

  private static void addOption(StringBuilder url, String name, String value) {
    int query = url.indexOf("?");
    if (query >= 0 && ("&" + url.substring(query + 1)).contains("&" + name)) {
      return;
    }
    url.append(query >= 0 ? '&' : '?').append(name);
    if (value != null) {
      url.append('=').append(value);
    }
  }

  private static MariaDbDataSource mariaDb(String url) {
    try {
      return new MariaDbDataSource(url);
    } catch (SQLException e) {
      throw new IllegalArgumentException("invalid JDBC URL " + url, e);
    }
  }

  /** Applies pending migrations; returns how many were applied. */
  public static int migrate(DataSource dataSource) {
    return flyway(dataSource).migrate().migrationsExecuted;
  }

  /** Flyway over {@code dataSource}, with the migrations in {@code db/migration}. */
  public static Flyway flyway(DataSource dataSource) {
    return Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load();
  }
}
