package com.comicshelf.local;

import com.comicshelf.sql.jdbc.Databases;
import java.util.Objects;
import javax.sql.DataSource;

/** Where the handlers' database is: a JDBC URL with its credentials. */
record DatabaseTarget(String jdbcUrl, String user, String password) {
  DatabaseTarget {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
  }

  DataSource dataSource() {
    return Databases.dataSource(jdbcUrl, user, password);
  }

  @Override
  public String toString() {
    return "DatabaseTarget[jdbcUrl=" + jdbcUrl + ", user=" + user + "]";
  }
}
