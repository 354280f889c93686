package com.comicshelf.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NamedSqlTest {

  @Test
  void namedParameters_becomePositional_inOrder_includingRepeats() {
    NamedSql sql = NamedSql.parse("SELECT * FROM t WHERE a = :a AND (b > :b OR b = :b)");

    assertThat(sql.jdbcSql()).isEqualTo("SELECT * FROM t WHERE a = ? AND (b > ? OR b = ?)");
    assertThat(sql.names()).containsExactly("a", "b", "b");
  }

  @Test
  void colonsInsideQuotes_areLeftAlone() {
    NamedSql sql = NamedSql.parse("SELECT ':not', \"x:y\", `c:d` FROM t WHERE a = :a");

    assertThat(sql.jdbcSql()).isEqualTo("SELECT ':not', \"x:y\", `c:d` FROM t WHERE a = ?");
    assertThat(sql.names()).containsExactly("a");
  }

  @Test
  void aColonNotFollowedByANameStart_isNotAParameter() {
    NamedSql sql = NamedSql.parse("SELECT 1 :: 2, :9");

    assertThat(sql.names()).isEmpty();
  }
}
