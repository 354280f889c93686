package com.comicshelf.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.comicshelf.auth.SignedRequestVerifier;
import com.comicshelf.sql.jdbc.JdbcSqlClient;
import com.comicshelf.testing.TestDataApi;
import com.comicshelf.testing.TestDatabase;
import com.comicshelf.testing.dataapi.DataApiEndpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The gateway on each database it can be pointed at, started as a developer would: a
 * {@code jdbc:mysql://} URL (what RDS and RDS Proxy hand out), and the RDS Data API
 * ({@code --data-api-endpoint} with the cluster and secret ARNs, here the test endpoint). Each run adds,
 * lists and removes a favorite over HTTP, and the rows are checked in the database itself.
 */
class GatewayDatabasesIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final long READER = 4343;
  private static final Duration START = Duration.ofSeconds(90);

  @Test
  void aJdbcMysqlUrl_worksEndToEnd() throws Exception {
    TestDatabase db = TestDatabase.create("comicshelf_local_mysql_url_it");
    String mysqlUrl = db.jdbcUrl().replace("jdbc:mariadb:", "jdbc:mysql:");

    try (GatewayProcess gateway =
        GatewayProcess.start(
            "mysql-url", START, "--port", "0", "--jdbc-url", mysqlUrl, "--db-user", db.user(), "--db-password",
            db.password(), "--s3-endpoint", "http://127.0.0.1:9")) {
      addListAndRemoveAFavorite(gateway.baseUri(), db);
    }
  }

  @Test
  void theDataApiAdapter_worksEndToEnd_migratingAndSeedingThroughTheApi() throws Exception {
    TestDatabase db = TestDatabase.create("comicshelf_local_data_api_it");
    dropEverything(db);
    DataApiEndpoint endpoint = TestDataApi.endpoint();
    int callsBefore = endpoint.operations().size();

    try (GatewayProcess gateway =
        GatewayProcess.start(
            "data-api", START, "--port", "0", "--data-api-endpoint", endpoint.endpoint().toString(),
            "--resource-arn", endpoint.resourceArn(), "--secret-arn", endpoint.secretArn(), "--database", db.name(),
            "--s3-endpoint", "http://127.0.0.1:9")) {
      addListAndRemoveAFavorite(gateway.baseUri(), db);
    }

    assertThat(endpoint.operations().size() - callsBefore).as("calls that reached the Data API").isGreaterThan(20);
    try (JdbcSqlClient sql = db.newClient()) {
      assertThat(sql.queryOne("SELECT COUNT(*) AS n FROM flyway_schema_history WHERE success = 1", Map.of(), r -> r.getLong("n")))
          .as("migrated through the Data API")
          .hasValueSatisfying(n -> assertThat(n).isGreaterThanOrEqualTo(3));
    }
  }

  /** The database empty, so the gateway's own migration (through the adapter under test) creates the schema. */
  private static void dropEverything(TestDatabase db) throws Exception {
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE " + db.name());
      s.execute("CREATE DATABASE " + db.name() + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
    }
  }

  private static void addListAndRemoveAFavorite(URI base, TestDatabase db) throws Exception {
    String token =
        new SignedRequestVerifier(LocalSettings.DEV_SECRET, Duration.ofHours(1), Clock.systemUTC())
            .sign(READER, Instant.now(), null);
    long comic;
    try (JdbcSqlClient sql = db.newClient()) {
      comic = sql.queryOne("SELECT MIN(id) AS id FROM comics", Map.of(), r -> r.getLong("id")).orElseThrow();
    }

    HttpResponse<String> put =
        send(
            HttpRequest.newBuilder(base.resolve("/me/favorites/" + comic))
                .header("authorization", "Bearer " + token)
                .header("content-type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"note\":\"via the gateway\"}")));
    HttpResponse<String> list =
        send(HttpRequest.newBuilder(base.resolve("/me/favorites")).header("authorization", "Bearer " + token));
    long stored;
    try (JdbcSqlClient sql = db.newClient()) {
      stored =
          sql.queryOne(
                  "SELECT COUNT(*) AS n FROM favorites WHERE user_id = :u AND note = 'via the gateway'",
                  Map.of("u", READER),
                  r -> r.getLong("n"))
              .orElseThrow();
    }
    HttpResponse<String> delete =
        send(HttpRequest.newBuilder(base.resolve("/me/favorites/" + comic)).header("authorization", "Bearer " + token).DELETE());

    assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).contains("via the gateway");
    assertThat(stored).isEqualTo(1);
    assertThat(delete.statusCode()).isEqualTo(204);
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
