package com.comicshelf.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.comicshelf.sql.jdbc.Databases;
import com.comicshelf.sql.jdbc.JdbcSqlClient;
import com.mysql.cj.jdbc.MysqlDataSource;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.MySQLContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The migrations must run on MySQL 8.0 (Aurora MySQL 3) as well as MariaDB. Needs a Docker engine:
 * where none runs, as on our dev and CI machines, this class is skipped, not failed.
 */
@Testcontainers(disabledWithoutDocker = true)
class MigrationsOnMySql8IT {
  @Container
  private static final MySQLContainer<?> MYSQL = new MySQLContainer<>("mysql:8.0");

  @Test
  void allMigrationsApply_andTheSchemaAcceptsAFavorite() {
    MysqlDataSource dataSource = new MysqlDataSource();
    dataSource.setURL(MYSQL.getJdbcUrl());
    dataSource.setUser(MYSQL.getUsername());
    dataSource.setPassword(MYSQL.getPassword());

    assertThat(Databases.migrate(dataSource)).isPositive();

    try (JdbcSqlClient sql = new JdbcSqlClient(dataSource)) {
      sql.update("INSERT INTO users (id, created_at) VALUES (1, NOW(6))", Map.of());
      sql.update("INSERT INTO comics (title, publisher, year, created_at) VALUES ('Maus', 'Pantheon', 1986, NOW(6))", Map.of());
      sql.update("INSERT INTO favorites (user_id, comic_id, created_at) VALUES (1, 1, NOW(6))", Map.of());
      assertThat(sql.queryOne("SELECT COUNT(*) AS n FROM favorites", Map.of(), r -> r.getLong("n"))).contains(1L);
    }
  }
}
