package com.comicshelf.functions.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.comicshelf.config.DatabaseSettings;
import com.comicshelf.sql.migration.SchemaMigrations;
import com.comicshelf.testing.TestContext;
import com.comicshelf.testing.TestDataApi;
import com.comicshelf.testing.TestDatabase;
import com.comicshelf.testing.dataapi.DataApiEndpoint;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The migration function as CloudFormation drives it on every deploy: a custom resource event in, the
 * migrations applied over the Data API, the answer PUT to the event's response URL (a local server
 * here), failures answered too, and a stack deletion leaving the schema alone.
 */
class MigrateHandlerIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** V1 … Vn, numbered without gaps: a fresh database gets them all. */
  private static final int MIGRATIONS = countMigrations();
  private final List<JsonNode> answers = new CopyOnWriteArrayList<>();
  private HttpServer cloudFormation;
  private TestDatabase db;
  private DataApiEndpoint endpoint;

  @BeforeEach
  void setUp() throws Exception {
    cloudFormation = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    cloudFormation.createContext(
        "/",
        exchange -> {
          answers.add(JSON.readTree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    cloudFormation.start();
    db = TestDatabase.create("comicshelf_migrate_handler_it");
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE " + db.name());
      s.execute("CREATE DATABASE " + db.name());
    }
    endpoint = TestDataApi.endpoint();
  }

  @AfterEach
  void tearDown() {
    cloudFormation.stop(0);
  }

  @Test
  void create_migratesOverTheDataApi_andTellsCloudFormation() {
    Map<String, Object> returned = handler(settings(endpoint.secretArn())).handleRequest(event("Create"), new TestContext("migrate"));

    JsonNode answer = answers.get(0);
    assertThat(answer.path("Status").asText()).isEqualTo("SUCCESS");
    assertThat(answer.path("Data").path("MigrationsApplied").asInt()).isEqualTo(MIGRATIONS);
    assertThat(answer.path("Data").path("SchemaVersion").asText()).isEqualTo(Integer.toString(MIGRATIONS));
    assertThat(answer.path("PhysicalResourceId").asText()).isEqualTo(CustomResourceResponder.PHYSICAL_ID);
    assertThat(answer.path("RequestId").asText()).isEqualTo("request-1");
    assertThat(returned).containsEntry("MigrationsApplied", MIGRATIONS);
  }

  @Test
  void update_appliesOnlyWhatIsNew_andKeepsThePhysicalId() {
    handler(settings(endpoint.secretArn())).handleRequest(event("Create"), new TestContext("migrate"));
    Map<String, Object> update = event("Update");
    update.put("PhysicalResourceId", "kept-id");

    handler(settings(endpoint.secretArn())).handleRequest(update, new TestContext("migrate"));

    assertThat(answers.get(1).path("Status").asText()).isEqualTo("SUCCESS");
    assertThat(answers.get(1).path("Data").path("MigrationsApplied").asInt()).isZero();
    assertThat(answers.get(1).path("PhysicalResourceId").asText()).isEqualTo("kept-id");
  }

  @Test
  void delete_answersSuccess_andLeavesTheSchemaAlone() throws Exception {
    handler(settings(endpoint.secretArn())).handleRequest(event("Create"), new TestContext("migrate"));

    handler(settings(endpoint.secretArn())).handleRequest(event("Delete"), new TestContext("migrate"));

    assertThat(answers.get(1).path("Status").asText()).isEqualTo("SUCCESS");
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement();
        var rs = s.executeQuery("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '" + db.name() + "'")) {
      rs.next();
      assertThat(rs.getInt(1)).isGreaterThanOrEqualTo(8);
    }
  }

  @Test
  void aFailure_isAnsweredAsFailed_withAReason_insteadOfLeavingTheStackWaiting() {
    String unknownSecret = "arn:aws:secretsmanager:us-east-1:123456789012:secret:nobody";

    handler(settings(unknownSecret)).handleRequest(event("Create"), new TestContext("migrate"));

    assertThat(answers).hasSize(1);
    assertThat(answers.get(0).path("Status").asText()).isEqualTo("FAILED");
    assertThat(answers.get(0).path("Reason").asText()).startsWith("migration failed");
  }

  @Test
  void aDirectInvocation_migratesAndReturnsWhatItDid_withoutAnsweringAnyone() {
    Map<String, Object> returned = handler(settings(endpoint.secretArn())).handleRequest(Map.of(), new TestContext("migrate"));

    assertThat(returned).containsEntry("MigrationsApplied", MIGRATIONS).containsEntry("SchemaVersion", Integer.toString(MIGRATIONS));
    assertThat(answers).isEmpty();
  }

  private static int countMigrations() {
    try (var files = java.nio.file.Files.list(java.nio.file.Path.of("../shared/src/main/resources/db/migration"))) {
      return (int) files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private MigrateHandler handler(DatabaseSettings settings) {
    return new MigrateHandler(SchemaMigrations::migrate, settings, new CustomResourceResponder());
  }

  private DatabaseSettings settings(String secretArn) {
    return new DatabaseSettings.DataApi(endpoint.resourceArn(), secretArn, db.name(), Optional.of(endpoint.endpoint()));
  }

  private Map<String, Object> event(String type) {
    Map<String, Object> event = new HashMap<>();
    event.put("RequestType", type);
    event.put("ResponseURL", "http://127.0.0.1:" + cloudFormation.getAddress().getPort() + "/response?signed=1");
    event.put("StackId", "arn:aws:cloudformation:us-east-1:123456789012:stack/comic-shelf/1");
    event.put("RequestId", "request-" + (answers.size() + 1));
    event.put("LogicalResourceId", "DatabaseSchema");
    event.put("ResourceType", "Custom::DatabaseSchema");
    return event;
  }
}
