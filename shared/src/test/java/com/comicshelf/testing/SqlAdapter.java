package com.comicshelf.testing;

/**
 * The two ways the application reaches its database. Integration tests of repositories and services
 * run on both ({@code @ParameterizedClass @EnumSource(SqlAdapter.class)}): JDBC straight to the test
 * MariaDB, and the real AWS SDK's Data API client through {@link TestDataApi}'s endpoint, which runs
 * the SQL on the same MariaDB.
 */
public enum SqlAdapter {
  JDBC,
  DATA_API
}
