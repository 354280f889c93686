package com.comicshelf.sql.jdbc;

import com.comicshelf.secrets.CachedSecrets;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.mariadb.jdbc.MariaDbDataSource;

/**
 * Signs in with the user name and password of a Secrets Manager secret, read from the container's
 * cache when a connection opens. If the server refuses them (the secret was rotated since it was
 * cached), the secret is fetched again once.
 */
final class SecretPasswordDataSource implements DataSource {
  private static final int ACCESS_DENIED = 1045;

  private final MariaDbDataSource target;
  private final CachedSecrets secrets;
  private final String secretArn;

  SecretPasswordDataSource(MariaDbDataSource target, CachedSecrets secrets, String secretArn) {
    this.target = target;
    this.secrets = secrets;
    this.secretArn = secretArn;
  }

  @Override
  public Connection getConnection() throws SQLException {
    try {
      return connect();
    } catch (SQLException e) {
      if (e.getErrorCode() != ACCESS_DENIED) {
        throw e;
      }
      secrets.refresh(secretArn);
      return connect();
    }
  }

  private Connection connect() throws SQLException {
    CachedSecrets.DbCredentials credentials = secrets.dbCredentials(secretArn);
    return target.getConnection(credentials.username(), credentials.password());
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return target.getConnection(username, password);
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return target.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    target.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    target.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return target.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    return target.unwrap(type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) throws SQLException {
    return type.isInstance(this) || target.isWrapperFor(type);
  }
}
