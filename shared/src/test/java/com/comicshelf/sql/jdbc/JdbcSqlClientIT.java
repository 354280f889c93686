package com.comicshelf.sql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.comicshelf.sql.DatabaseUnavailableException;
import com.comicshelf.testing.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What only the JDBC adapter has: a connection to lose and replace, URLs of two schemes, time limits. */
class JdbcSqlClientIT {
  private static TestDatabase db;

  @BeforeAll
  static void createDatabase() {
    db = TestDatabase.create("comicshelf_jdbcclient_it");
  }

  @Test
  void aKilledConnection_isReplaced_andTheNextCallSucceeds() throws Exception {
    try (JdbcSqlClient sql = db.newClient()) {
      long connectionId = connectionId(sql);
      try (Connection admin = db.dataSource().getConnection();
          Statement s = admin.createStatement()) {
        s.execute("KILL CONNECTION " + connectionId);
      }

      // The first call may fail on the dead connection; it must not poison the client.
      try {
        connectionId(sql);
      } catch (DatabaseUnavailableException expected) {
        // a broken connection is reported once (as 503 to a client), then replaced
      }

      assertThat(connectionId(sql)).isNotEqualTo(connectionId);
    }
  }

  @Test
  void jdbcMysqlUrls_andJdbcMariadbUrls_bothReachTheServer() {
    String mariadbUrl = db.jdbcUrl();
    String mysqlUrl = mariadbUrl.replace("jdbc:mariadb:", "jdbc:mysql:");

    for (String url : new String[] {mariadbUrl, mysqlUrl}) {
      try (JdbcSqlClient sql = new JdbcSqlClient(Databases.dataSource(url, db.user(), db.password()))) {
        assertThat(sql.queryOne("SELECT DATABASE() AS db", Map.of(), r -> r.getString("db")))
            .as(url)
            .contains(db.name());
      }
    }
  }

  @Test
  void everyConnection_givesUpOnLocksAndDeadServers_beforeTheFunctionTimesOut() {
    try (JdbcSqlClient sql = db.newClient()) {
      long lockWait =
          sql.queryOne("SELECT @@SESSION.innodb_lock_wait_timeout AS s", Map.of(), r -> r.getLong("s")).orElseThrow();

      assertThat(lockWait).isEqualTo(Databases.LOCK_WAIT_TIMEOUT.toSeconds());
    }
    assertThat(Databases.withDefaults("jdbc:mysql://h:3306/db?useSSL=true", false))
        .isEqualTo(
            "jdbc:mysql://h:3306/db?useSSL=true&permitMysqlScheme&connectTimeout=3000&socketTimeout=10000"
                + "&sessionVariables=innodb_lock_wait_timeout=5");
    assertThat(Databases.withDefaults("jdbc:mariadb://h/db?socketTimeout=2000", true))
        .isEqualTo(
            "jdbc:mariadb://h/db?socketTimeout=2000&connectTimeout=3000"
                + "&sessionVariables=innodb_lock_wait_timeout=5&credentialType=AWS-IAM&sslMode=verify-full");
  }

  @Test
  void anUnreachableServer_isReportedAsUnavailable_withinTheConnectTimeout() {
    // 192.0.2.1 (TEST-NET-1) is never routed: the connect attempt can only time out.
    long started = System.nanoTime();
    try (JdbcSqlClient sql =
        new JdbcSqlClient(Databases.dataSource("jdbc:mariadb://192.0.2.1:3306/x", "root", ""))) {
      Assertions.assertThatThrownBy(() -> sql.query("SELECT 1", Map.of(), r -> 1))
          .isInstanceOf(DatabaseUnavailableException.class);
    }
    long millis = (System.nanoTime() - started) / 1_000_000;

    assertThat(millis).isLessThan(Databases.CONNECT_TIMEOUT.toMillis() * 3);
  }

  private static long connectionId(JdbcSqlClient sql) {
    return sql.queryOne("SELECT CONNECTION_ID() AS id", Map.of(), r -> r.getLong("id")).orElseThrow();
  }
}
