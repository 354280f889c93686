package com.comicshelf.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.comicshelf.contract.OpenApiContract;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code openapi.yaml} describes exactly the routes {@code template.yaml} declares: the same (method,
 * path) pairs, each behind the authorizer in both or in neither. The template is read with Jackson's
 * YAML reader, as the local gateway reads it (CloudFormation's short tags keep only their operand).
 */
class OpenApiRoutesTest {
  private static final String NO_AUTHORIZER = "NONE";

  /** Route key → whether the template puts it behind an authorizer. */
  private static Map<String, Boolean> templateRoutes;
  private static OpenApiContract contract;

  @BeforeAll
  static void read() throws IOException {
    JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(Path.of("../template.yaml").toFile());
    JsonNode resources = root.path("Resources");
    templateRoutes = new TreeMap<>();
    resources.fields().forEachRemaining(resource -> {
      if (!resource.getValue().path("Type").asText().equals("AWS::Serverless::Function")) {
        return;
      }
      resource.getValue().path("Properties").path("Events").fields().forEachRemaining(event -> {
        if (!event.getValue().path("Type").asText().equals("HttpApi")) {
          return;
        }
        JsonNode properties = event.getValue().path("Properties");
        JsonNode api = resources.path(properties.path("ApiId").asText()).path("Properties");
        String authorizer =
            properties.path("Auth").path("Authorizer").asText(api.path("Auth").path("DefaultAuthorizer").asText(""));
        templateRoutes.put(
            properties.path("Method").asText().toUpperCase() + " " + properties.path("Path").asText(),
            !authorizer.isEmpty() && !authorizer.equals(NO_AUTHORIZER));
      });
    });
    contract = OpenApiContract.load(Path.of("../openapi.yaml"), OpenApiContract.Mode.GATEWAY);
  }

  @Test
  void openApiAndTemplate_declareTheSameRoutes() {
    Set<String> inTemplate = new TreeSet<>(templateRoutes.keySet());
    Set<String> inOpenApi = new TreeSet<>(contract.routeKeys());
    Set<String> onlyInTemplate = new TreeSet<>(inTemplate);
    onlyInTemplate.removeAll(inOpenApi);
    Set<String> onlyInOpenApi = new TreeSet<>(inOpenApi);
    onlyInOpenApi.removeAll(inTemplate);

    assertThat(onlyInTemplate)
        .as("openapi.yaml and template.yaml must declare the same routes.%n"
                + "  In template.yaml but not in openapi.yaml: %s%n"
                + "  In openapi.yaml but not in template.yaml: %s",
            onlyInTemplate, onlyInOpenApi)
        .isEmpty();
    assertThat(onlyInOpenApi)
        .as("openapi.yaml and template.yaml must declare the same routes.%n"
                + "  In openapi.yaml but not in template.yaml: %s", onlyInOpenApi)
        .isEmpty();
  }

  @Test
  void everyRoute_needsTheBearerTokenInOpenApi_exactlyWhenTheTemplatePutsItBehindTheAuthorizer() {
    Map<String, String> disagreements = new TreeMap<>();
    templateRoutes.forEach((routeKey, authorized) -> {
      if (!contract.routeKeys().contains(routeKey)) {
        return; // reported by the test above
      }
      JsonNode security = contract.security(routeKey);
      boolean bearer = security.isArray() && security.size() == 1 && security.get(0).has("signedRequest");
      boolean open = security.isArray() && security.isEmpty();
      if (authorized ? !bearer : !open) {
        disagreements.put(routeKey, "template: " + (authorized ? "authorizer" : "no authorizer") + ", openapi.yaml security: " + security);
      }
    });

    assertThat(disagreements).isEmpty();
  }

  @Test
  void noRoute_liesUnderTheLocalGatewaysOwnPaths() {
    // The local gateway serves the widget under /static/ and the API's description under /docs.
    assertThat(templateRoutes.keySet())
        .noneMatch(key -> key.contains(" /static/") || key.endsWith(" /docs") || key.contains(" /docs/"));
  }
}
