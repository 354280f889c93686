package com.comicshelf.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What {@code template.yaml} promises about assets: it parses with Jackson's YAML reader (as the local
 * gateway reads it; CloudFormation's short tags keep only their scalar), the upload routes exist with
 * handlers that do, and each upload function may touch only its own prefixes.
 */
class TemplateTest {
  /** What every function that uses the database may do: the Data API on the cluster, read its secret. */
  private static final List<String> DATABASE_STATEMENTS =
      List.of(
          "rds-data:ExecuteStatement,rds-data:BatchExecuteStatement,rds-data:BeginTransaction,"
              + "rds-data:CommitTransaction,rds-data:RollbackTransaction on DbCluster.DBClusterArn",
          "secretsmanager:GetSecretValue on DbCluster.MasterUserSecret.SecretArn");

  private static JsonNode resources;

  @BeforeAll
  static void read() throws IOException {
    resources = new ObjectMapper(new YAMLFactory()).readTree(Path.of("../template.yaml").toFile()).path("Resources");
  }

  @Test
  void everyRoutesHandlerClass_exists() throws ClassNotFoundException {
    List<String> routes = new ArrayList<>();
    for (var function : iterable(resources)) {
      JsonNode properties = function.getValue().path("Properties");
      for (var event : iterable(properties.path("Events"))) {
        if (!"HttpApi".equals(event.getValue().path("Type").asText())) {
          continue;
        }
        JsonNode route = event.getValue().path("Properties");
        routes.add(route.path("Method").asText() + " " + route.path("Path").asText());
        String handler = properties.path("Handler").asText();
        Class.forName(handler.substring(0, handler.indexOf("::")));
      }
    }
    assertThat(routes).contains("POST /me/uploads", "POST /me/uploads/{uploadId}/complete").doesNotHaveDuplicates();
  }

  @Test
  void uploadFunctions_holdOnlyThePermissionsTheirRouteNeeds() {
    assertThat(statements("UploadsFunction"))
        .containsExactlyInAnyOrderElementsOf(
            concat(List.of("s3:PutObject on AssetsBucket.Arn/incoming/*", GUARDS_STATEMENT), DATABASE_STATEMENTS));
    assertThat(statements("CompleteUploadFunction"))
        .containsExactlyInAnyOrderElementsOf(
            concat(
                List.of(
                    "s3:GetObject,s3:DeleteObject on AssetsBucket.Arn/incoming/*",
                    "s3:PutObject,s3:DeleteObject on AssetsBucket.Arn/public/covers/*",
                    "s3:ListBucket on AssetsBucket.Arn",
                    GUARDS_STATEMENT),
                DATABASE_STATEMENTS));
    // The other route functions reach the database (and the guards' table, where they create things)
    // and nothing else: no S3 permission at all.
    for (String creator : List.of("ComicsFunction", "FriendsFunction")) {
      assertThat(statements(creator)).as(creator).containsExactlyInAnyOrderElementsOf(concat(List.of(GUARDS_STATEMENT), DATABASE_STATEMENTS));
    }
    assertThat(statements("RankingFunction")).containsExactlyElementsOf(DATABASE_STATEMENTS);
    // The favorites function also wakes the fan-out function after a like it recorded.
    assertThat(statements("FavoritesFunction"))
        .containsExactlyInAnyOrderElementsOf(
            concat(List.of("lambda:InvokeFunction on FanOutFunction.Alias"), DATABASE_STATEMENTS));
    for (String other : List.of("ComicsFunction", "FavoritesFunction", "FriendsFunction", "RankingFunction")) {
      assertThat(statements(other)).as(other).noneMatch(statement -> statement.contains("s3:"));
    }
  }

  @Test
  void bucket_isPrivate_encrypted_andForgetsUncheckedUploadsAfterADay() {
    JsonNode bucket = resources.path("AssetsBucket").path("Properties");
    JsonNode block = bucket.path("PublicAccessBlockConfiguration");
    for (String setting : List.of("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets")) {
      assertThat(block.path(setting).asBoolean()).as(setting).isTrue();
    }
    assertThat(bucket.findValue("SSEAlgorithm").asText()).isEqualTo("AES256");
    JsonNode rule = bucket.path("LifecycleConfiguration").path("Rules").get(0);
    assertThat(rule.path("Prefix").asText()).isEqualTo("incoming/");
    assertThat(rule.path("ExpirationInDays").asInt()).isEqualTo(1);
    JsonNode cors = bucket.path("CorsConfiguration").path("CorsRules").get(0);
    assertThat(cors.path("AllowedMethods").toString()).isEqualTo("[\"PUT\"]");
    assertThat(cors.path("AllowedOrigins").get(0).asText()).isEqualTo("WidgetOrigin");
    JsonNode readers = resources.path("AssetsBucketPolicy").path("Properties").path("PolicyDocument").path("Statement").get(0);
    assertThat(readers.path("Principal").path("Service").asText()).isEqualTo("cloudfront.amazonaws.com");
    assertThat(readers.path("Resource").toString()).contains("/public/*", "/static/*").doesNotContain("incoming");
  }

  private static List<String> concat(List<String> first, List<String> second) {
    List<String> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  /** Idempotency keys and rate counters, for the functions that create things. */
  private static final String GUARDS_STATEMENT =
      "dynamodb:PutItem,dynamodb:GetItem,dynamodb:UpdateItem,dynamodb:DeleteItem on GuardsTable.Arn";

  private static List<String> statements(String function) {
    List<String> result = new ArrayList<>();
    for (JsonNode policy : resources.path(function).path("Properties").path("Policies")) {
      for (JsonNode statement : policy.path("Statement")) {
        List<String> actions = new ArrayList<>();
        statement.path("Action").forEach(a -> actions.add(a.asText()));
        if (statement.path("Action").isTextual()) {
          actions.add(statement.path("Action").asText());
        }
        result.add(String.join(",", actions) + " on " + statement.path("Resource").asText().replace("${", "").replace("}", ""));
      }
    }
    return result;
  }

  private static Iterable<java.util.Map.Entry<String, JsonNode>> iterable(JsonNode node) {
    return node::fields;
  }
}
