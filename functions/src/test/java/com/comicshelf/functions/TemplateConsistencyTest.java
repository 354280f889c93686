package com.comicshelf.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.comicshelf.aws.LambdaFanOutTrigger;
import com.comicshelf.config.AuthSettings;
import com.comicshelf.config.DatabaseSettings;
import com.comicshelf.config.Environment;
import com.comicshelf.config.FanOutSettings;
import com.comicshelf.config.S3Settings;
import com.comicshelf.config.WriteGuardSettings;
import com.comicshelf.dynamodb.DynamoDbIdempotencyStore;
import com.comicshelf.dynamodb.DynamoDbRateLimiter;
import com.comicshelf.dynamodb.PrefixDeletion;
import com.comicshelf.functions.account.AccountTestAccess;
import com.comicshelf.functions.assets.UploadsTestAccess;
import com.comicshelf.functions.auth.AuthorizerTestAccess;
import com.comicshelf.functions.catalog.ComicsTestAccess;
import com.comicshelf.functions.fanout.FanOutTestAccess;
import com.comicshelf.functions.favorites.FavoritesTestAccess;
import com.comicshelf.functions.friends.FriendsTestAccess;
import com.comicshelf.functions.ranking.RankingTestAccess;
import com.comicshelf.functions.schema.SchemaTestAccess;
import com.comicshelf.observability.RequestLog;
import com.comicshelf.secrets.CachedSecrets;
import com.comicshelf.sql.dataapi.DataApiSqlClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code template.yaml} against the code: every function's object graph is built from exactly the
 * variables the template gives it (the {@link Environment} records what the code reads), and its role
 * allows the AWS actions its adapters declare, on the very resources those variables name. A new
 * setting, function or adapter cannot be forgotten in the template.
 */
class TemplateConsistencyTest {
  /** Each handler's graph, built as its container builds it. */
  private static final Map<String, Function<Environment, Object>> GRAPHS =
      Map.of(
          "com.comicshelf.functions.account.AccountHandler", AccountTestAccess::graph,
          "com.comicshelf.functions.account.DeletionSweepHandler", AccountTestAccess::graph,
          "com.comicshelf.functions.auth.AuthorizerHandler", AuthorizerTestAccess::graph,
          "com.comicshelf.functions.catalog.ComicsHandler", ComicsTestAccess::graph,
          "com.comicshelf.functions.fanout.FanOutHandler", FanOutTestAccess::graph,
          "com.comicshelf.functions.favorites.FavoritesHandler", FavoritesTestAccess::graph,
          "com.comicshelf.functions.friends.FriendsHandler", FriendsTestAccess::graph,
          "com.comicshelf.functions.ranking.RankingHandler", RankingTestAccess::graph,
          "com.comicshelf.functions.assets.UploadsHandler", UploadsTestAccess::graph,
          "com.comicshelf.functions.schema.MigrateHandler", SchemaTestAccess::graph);

  private static final String ACCOUNT_PACKAGE = "com.comicshelf.functions.account.";
  private static JsonNode template;
  private static Map<String, JsonNode> functions;

  @BeforeAll
  static void read() throws IOException {
    template = new ObjectMapper(new YAMLFactory()).readTree(Path.of("../template.yaml").toFile());
    functions = new LinkedHashMap<>();
    template.path("Resources").fields().forEachRemaining(e -> {
      if (e.getValue().path("Type").asText().equals("AWS::Serverless::Function")) {
        functions.put(e.getKey(), e.getValue().path("Properties"));
      }
    });
  }

  @Test
  void everyFunctionsHandlerClass_existsAndHasAGraphHere() throws ClassNotFoundException {
    assertThat(functions).hasSizeGreaterThanOrEqualTo(8);
    for (var function : functions.entrySet()) {
      String handlerClass = handlerClass(function.getValue());
      Class.forName(handlerClass);
      assertThat(GRAPHS).as(function.getKey() + " (add its graph to this test)").containsKey(handlerClass);
    }
  }

  @Test
  void everyFunction_getsEveryVariableItsCodeNeeds_andNoOther() {
    for (var function : functions.entrySet()) {
      Map<String, String> variables = variables(function.getValue());
      Environment env = Environment.of(plausibleValues(variables));

      GRAPHS.get(handlerClass(function.getValue())).apply(env);

      Set<String> read = new TreeSet<>(env.requiredInAwsNames());
      read.addAll(env.optionalNames());
      assertThat(variables.keySet()).as(function.getKey() + ": variables set").containsAll(env.requiredInAwsNames());
      assertThat(read).as(function.getKey() + ": variables read").containsAll(variables.keySet());
      assertThat(variables.keySet())
          .as(function.getKey() + ": no local-only setting (plaintext secret) in AWS")
          .noneMatch(env.localOnlyNames()::contains)
          .noneMatch(name -> name.endsWith("PASSWORD") || name.equals(AuthSettings.APP_SECRET));
    }
  }

  @Test
  void everyFunctionsRole_allowsWhatItsAdaptersCall_onTheResourcesItIsGiven_andNoMoreOfIt() {
    for (var function : functions.entrySet()) {
      Map<String, String> variables = variables(function.getValue());
      Map<String, Set<String>> allowed = allowedActionsByResource(function.getValue());
      Map<String, Set<String>> needed = new HashMap<>();
      if ("data-api".equals(variables.get(DatabaseSettings.ADAPTER))) {
        needed.put(variables.get(DatabaseSettings.CLUSTER_ARN), new HashSet<>(DataApiSqlClient.IAM_ACTIONS));
        needed.put(variables.get(DatabaseSettings.SECRET_ARN), new HashSet<>(DataApiSqlClient.SECRET_IAM_ACTIONS));
      }
      if (variables.containsKey(WriteGuardSettings.DYNAMODB_TABLE)) {
        // The variable names the table (!Ref); permissions are granted on its ARN (!GetAtt Table.Arn).
        // Functions that delete people's data only forget their items; the others claim and count.
        Set<String> actions =
            handlerClass(function.getValue()).startsWith(ACCOUNT_PACKAGE)
                ? new HashSet<>(PrefixDeletion.IAM_ACTIONS)
                : new HashSet<>(DynamoDbIdempotencyStore.IAM_ACTIONS);
        if (!handlerClass(function.getValue()).startsWith(ACCOUNT_PACKAGE)) {
          actions.addAll(DynamoDbRateLimiter.IAM_ACTIONS);
        }
        needed.put(variables.get(WriteGuardSettings.DYNAMODB_TABLE) + ".Arn", actions);
      }
      if (variables.containsKey(FanOutSettings.FUNCTION)) {
        needed.put(variables.get(FanOutSettings.FUNCTION), new HashSet<>(LambdaFanOutTrigger.IAM_ACTIONS));
      }
      if (variables.containsKey(AuthSettings.APP_SECRET_ARN)) {
        needed.put(variables.get(AuthSettings.APP_SECRET_ARN), new HashSet<>(CachedSecrets.IAM_ACTIONS));
      }
      Map<String, Set<String>> allowedOutsideS3 = new HashMap<>();
      allowed.forEach((resource, actions) -> {
        Set<String> nonS3 = new TreeSet<>(actions);
        nonS3.removeIf(action -> action.startsWith("s3:"));
        if (!nonS3.isEmpty()) {
          allowedOutsideS3.put(resource, nonS3);
        }
      });
      assertThat(allowedOutsideS3).as(function.getKey() + ": database and secret permissions").isEqualTo(needed);
    }
  }

  /**
   * A function is deployed from the jar its {@code CodeUri} names, and some jars are built without
   * AWS clients (functions/pom.xml): a function given the guards' table, the bucket or the fan-out
   * function to wake must come from a jar that holds DynamoDB, S3 or Lambda, and the migrations'
   * function from one with Flyway.
   */
  @Test
  void everyFunctionsJar_holdsTheClientsItsSettingsMakeItBuild() throws Exception {
    Map<String, Set<String>> excludedByJar = shadedJars();
    assertThat(excludedByJar).hasSizeGreaterThanOrEqualTo(2);
    String fallback = template.path("Globals").path("Function").path("CodeUri").asText();
    for (var function : functions.entrySet()) {
      String jar = function.getValue().path("CodeUri").asText(fallback);
      assertThat(excludedByJar).as(function.getKey() + ": a jar functions/pom.xml builds").containsKey(jar);
      Set<String> excluded = excludedByJar.get(jar);
      Map<String, String> variables = variables(function.getValue());
      Map<String, String> needs = new LinkedHashMap<>();
      needs.put(WriteGuardSettings.DYNAMODB_TABLE, "software.amazon.awssdk:dynamodb");
      needs.put(S3Settings.BUCKET, "software.amazon.awssdk:s3");
      needs.put(FanOutSettings.FUNCTION, "software.amazon.awssdk:lambda");
      needs.forEach((variable, artifact) -> {
        if (variables.containsKey(variable)) {
          assertThat(excluded).as(function.getKey() + " (" + variable + ") from " + jar).doesNotContain(artifact);
        }
      });
      if (handlerClass(function.getValue()).endsWith(".MigrateHandler")) {
        assertThat(excluded).as(function.getKey() + " from " + jar).doesNotContain("org.flywaydb:*");
      }
    }
  }

  /** Each jar the shade plugin writes (as a template path), with the artifacts it leaves out. */
  private static Map<String, Set<String>> shadedJars() throws Exception {
    var pom = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
    Map<String, Set<String>> jars = new LinkedHashMap<>();
    var executions = pom.getElementsByTagName("execution");
    for (int i = 0; i < executions.getLength(); i++) {
      var execution = (org.w3c.dom.Element) executions.item(i);
      String output = text(execution, "outputFile");
      String jar =
          output != null
              ? output.replace("${project.build.directory}", "functions/target")
              : "functions/target/" + text(execution, "finalName") + ".jar";
      Set<String> excluded = new TreeSet<>();
      var artifactSets = execution.getElementsByTagName("artifactSet");
      for (int a = 0; a < artifactSets.getLength(); a++) {
        var excludes = ((org.w3c.dom.Element) artifactSets.item(a)).getElementsByTagName("exclude");
        for (int e = 0; e < excludes.getLength(); e++) {
          excluded.add(excludes.item(e).getTextContent().strip());
        }
      }
      jars.put(jar, excluded);
    }
    return jars;
  }

  private static String text(org.w3c.dom.Element parent, String tag) {
    var nodes = parent.getElementsByTagName(tag);
    return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().strip();
  }

  @Test
  void dashboardAndAlarms_readOnlyMetricsTheHandlersWrite_withTheirDimension() {
    List<String> read = new ArrayList<>();
    template.path("Resources").fields().forEachRemaining(resource -> {
      JsonNode properties = resource.getValue().path("Properties");
      if (properties.path("Namespace").asText().equals(RequestLog.NAMESPACE)) {
        read.add(properties.path("MetricName").asText() + " (alarm " + resource.getKey() + ")");
        assertThat(RequestLog.METRICS).as(resource.getKey()).contains(properties.path("MetricName").asText());
      }
    });
    String dashboard = template.path("Resources").path("Dashboard").path("Properties").path("DashboardBody").asText();
    Matcher search = Pattern.compile("SEARCH\\('\\{(\\w+),(\\w+)} MetricName=\\\\\"(\\w+)\\\\\"").matcher(dashboard);
    while (search.find()) {
      String metric = search.group(3);
      read.add(metric + " by " + search.group(2));
      assertThat(search.group(1)).isEqualTo(RequestLog.NAMESPACE);
      assertThat(RequestLog.METRICS).contains(metric);
      assertThat(search.group(2)).as("the dimension of " + metric).isEqualTo(RequestLog.DIMENSION_OF.get(metric));
    }
    Matcher plain = Pattern.compile("\\[\"" + RequestLog.NAMESPACE + "\", \"(\\w+)\"").matcher(dashboard);
    while (plain.find()) {
      read.add(plain.group(1));
      assertThat(RequestLog.METRICS).contains(plain.group(1));
    }
    assertThat(read).as("what the dashboard and alarms read").hasSizeGreaterThanOrEqualTo(10);
  }

  @Test
  void noParameter_carriesASecret() {
    template.path("Parameters").fields().forEachRemaining(p ->
        assertThat(p.getKey().toLowerCase()).as("parameter " + p.getKey()).doesNotContain("password", "secret"));
    assertThat(template.path("Globals").path("Function").has("Environment")).as("Globals reach the authorizer too").isFalse();
  }

  @Test
  void everyRoute_hasItsSampleEvent() throws IOException {
    List<String> routes = new ArrayList<>();
    for (JsonNode function : functions.values()) {
      function.path("Events").forEach(event -> {
        if (event.path("Type").asText().equals("HttpApi")) {
          JsonNode route = event.path("Properties");
          routes.add(route.path("Method").asText() + " " + route.path("Path").asText());
        }
      });
    }
    ObjectMapper json = new ObjectMapper();
    Set<String> sampled = new HashSet<>();
    try (var files = Files.list(Path.of("../events"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
        String routeKey = json.readTree(file.toFile()).path("routeKey").asText();
        if (!routeKey.isEmpty()) {
          sampled.add(routeKey);
        }
      }
    }
    assertThat(sampled).containsAll(routes);
  }

  private static String handlerClass(JsonNode function) {
    String handler = function.path("Handler").asText();
    return handler.substring(0, handler.indexOf("::"));
  }

  /** The variable names and their template expressions ({@code !GetAtt X.Y} read as "X.Y"). */
  private static Map<String, String> variables(JsonNode function) {
    Map<String, String> variables = new LinkedHashMap<>();
    function.path("Environment").path("Variables").fields().forEachRemaining(v -> variables.put(v.getKey(), v.getValue().asText()));
    return variables;
  }

  /** What the deployed values look like: references become ARNs, URLs and numbers of the right shape. */
  private static Map<String, String> plausibleValues(Map<String, String> variables) {
    Map<String, String> values = new HashMap<>();
    variables.forEach((name, expression) -> {
      String value;
      if (name.endsWith("_ARN")) {
        value = "arn:aws:service:eu-west-1:123456789012:thing:" + expression;
      } else if (name.endsWith("_URL")) {
        value = "https://example.test";
      } else if (name.equals(WriteGuardSettings.DYNAMODB_TABLE)) {
        value = "comic-shelf-guards";
      } else if (name.endsWith("_BYTES") || name.endsWith("_SECONDS") || name.endsWith("_FRIENDS")) {
        value = "300";
      } else {
        value = expression;
      }
      values.put(name, value);
    });
    return values;
  }

  private static Map<String, Set<String>> allowedActionsByResource(JsonNode function) {
    Map<String, Set<String>> allowed = new HashMap<>();
    for (JsonNode policy : function.path("Policies")) {
      for (JsonNode statement : policy.path("Statement")) {
        assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
        List<String> actions = new ArrayList<>();
        JsonNode action = statement.path("Action");
        if (action.isArray()) {
          action.forEach(a -> actions.add(a.asText()));
        } else {
          actions.add(action.asText());
        }
        JsonNode resource = statement.path("Resource");
        List<String> resources = new ArrayList<>();
        if (resource.isArray()) {
          resource.forEach(r -> resources.add(r.asText()));
        } else {
          resources.add(resource.asText());
        }
        for (String r : resources) {
          allowed.computeIfAbsent(r, k -> new TreeSet<>()).addAll(actions);
        }
      }
    }
    return allowed;
  }
}
