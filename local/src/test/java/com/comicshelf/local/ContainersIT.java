package com.comicshelf.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.comicshelf.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Like Lambda, the gateway runs concurrent requests to one function in separate containers, up to
 * {@code --containers}, each with its own object graph and so its own database connection; a container
 * never serves two requests at once.
 */
class ContainersIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void concurrentRequests_runInSeveralContainers_eachWithItsOwnConnection() throws Exception {
    TestDatabase db = TestDatabase.create("comicshelf_containers_it");
    try (LocalGateway gateway =
        LocalGateway.start(
            "--port", "0", "--jdbc-url", db.jdbcUrl(), "--db-user", db.user(), "--db-password", db.password(),
            "--s3-endpoint", "http://127.0.0.1:9", "--containers", "3")) {
      String token = gateway.signedRequest(DemoData.DEMO_USER_ID);
      assertThat(gateway.containers("RankingFunction")).as("one container until a request finds it busy").isEqualTo(1);

      List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        answers.add(
            HTTP.sendAsync(
                HttpRequest.newBuilder(URI.create(gateway.baseUri() + "/me/friends/popular?limit=100"))
                    .header("authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(30))
                    .build(),
                HttpResponse.BodyHandlers.ofString()));
      }
      for (var answer : answers) {
        assertThat(answer.get().statusCode()).isEqualTo(200);
      }

      assertThat(gateway.containers("RankingFunction")).isBetween(2, 3);
      assertThat(gateway.invocations("RankingFunction")).isEqualTo(24);
      assertThat(connectionsTo(db)).as("database connections, one per container").isGreaterThanOrEqualTo(2);
    }
  }

  private static int connectionsTo(TestDatabase db) throws Exception {
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE DB = '" + db.name() + "' AND ID <> CONNECTION_ID()")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
