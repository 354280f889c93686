package com.comicshelf.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the HTTP API routes, their functions and their Lambda authorizers from a SAM
 * {@code template.yaml}, so that every route stays declared in that one file.
 *
 * <p>Jackson's YAML reader keeps only the operand of CloudFormation short tags ({@code !Ref HttpApi}
 * becomes {@code "HttpApi"}, {@code !GetAtt Fn.Arn} becomes {@code "Fn.Arn"}), which is all that
 * routing needs; intrinsics are never evaluated. Anything this gateway cannot emulate faithfully
 * (JWT authorizers, REST-style authorizer responses) fails here, at start, rather than per request.
 */
final class TemplateRoutes {
  static final String FILE_NAME = "template.yaml";
  private static final String FUNCTION_TYPE = "AWS::Serverless::Function";
  private static final String HTTP_API_TYPE = "AWS::Serverless::HttpApi";
  private static final String NO_AUTHORIZER = "NONE";
  /** Lambda's own defaults when neither the function nor Globals set them. */
  private static final int DEFAULT_TIMEOUT_SECONDS = 3;

  private static final int DEFAULT_MEMORY_MB = 128;
  private static final YAMLMapper YAML = new YAMLMapper();

  private final Path source;
  private final JsonNode resources;
  private final JsonNode globals;
  private final Map<String, FunctionSpec> functions = new HashMap<>();

  private TemplateRoutes(Path source, JsonNode root) {
    this.source = source;
    this.resources = root.path("Resources");
    this.globals = root.path("Globals");
  }

  /** The routes of every {@code HttpApi} event in the template, in template order. */
  static List<Route> read(Path template) {
    JsonNode root;
    try {
      root = YAML.readTree(template.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + template, e);
    }
    if (root == null || !root.path("Resources").isObject()) {
      throw new IllegalArgumentException(template + " has no Resources section");
    }
    return new TemplateRoutes(template, root).routes();
  }

  /** The function {@code logicalId} of the template (one no route needs, say). */
  static FunctionSpec function(Path template, String logicalId) {
    try {
      return new TemplateRoutes(template, YAML.readTree(template.toFile())).function(logicalId);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + template, e);
    }
  }

  /** The nearest {@code template.yaml} in {@code start} or one of its parent directories. */
  static Optional<Path> find(Path start) {
    for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(FILE_NAME);
      if (Files.isRegularFile(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private List<Route> routes() {
    List<Route> routes = new ArrayList<>();
    Set<String> routeKeys = new HashSet<>();
    for (Map.Entry<String, JsonNode> resource : resources.properties()) {
      if (!FUNCTION_TYPE.equals(resource.getValue().path("Type").asText())) {
        continue;
      }
      JsonNode events = resource.getValue().path("Properties").path("Events");
      for (Map.Entry<String, JsonNode> event : events.properties()) {
        if (!"HttpApi".equals(event.getValue().path("Type").asText())) {
          continue;
        }
        Route route = route(resource.getKey(), event.getKey(), event.getValue().path("Properties"));
        if (!routeKeys.add(route.routeKey())) {
          throw invalid("route " + route.routeKey() + " is declared twice");
        }
        routes.add(route);
      }
    }
    return List.copyOf(routes);
  }

  private Route route(String functionId, String eventName, JsonNode properties) {
    String method = properties.path("Method").asText("");
    String path = properties.path("Path").asText("");
    if (method.isEmpty() || !path.startsWith("/")) {
      throw invalid(functionId + "." + eventName + " needs a Method and a Path starting with /");
    }
    JsonNode api = httpApi(properties.path("ApiId").asText(""));
    String authorizerName =
        properties.path("Auth").path("Authorizer").asText(api.path("Auth").path("DefaultAuthorizer").asText(""));
    Optional<AuthorizerSpec> authorizer =
        authorizerName.isEmpty() || NO_AUTHORIZER.equals(authorizerName)
            ? Optional.empty()
            : Optional.of(authorizer(api, authorizerName));
    return new Route(method.toUpperCase(Locale.ROOT), path, function(functionId), authorizer);
  }

  /**
   * The properties of the HTTP API an event belongs to; an event without {@code ApiId} belongs to
   * SAM's implicit API, configured under {@code Globals.HttpApi}.
   */
  private JsonNode httpApi(String apiId) {
    if (apiId.isEmpty()) {
      return globals.path("HttpApi");
    }
    JsonNode api = resources.path(apiId);
    if (!HTTP_API_TYPE.equals(api.path("Type").asText())) {
      throw invalid("ApiId " + apiId + " is not an " + HTTP_API_TYPE);
    }
    return api.path("Properties");
  }

  private AuthorizerSpec authorizer(JsonNode api, String name) {
    JsonNode authorizer = api.path("Auth").path("Authorizers").path(name);
    if (authorizer.isMissingNode()) {
      throw invalid("authorizer " + name + " is not declared under Auth.Authorizers");
    }
    if (authorizer.has("JwtConfiguration")) {
      throw invalid("authorizer " + name + " is a JWT authorizer; the local gateway emulates Lambda authorizers only");
    }
    if (!"2.0".equals(authorizer.path("AuthorizerPayloadFormatVersion").asText())
        || !authorizer.path("EnableSimpleResponses").asBoolean(false)) {
      throw invalid("authorizer " + name + " must use payload 2.0 with simple responses to run locally");
    }
    List<String> headers = new ArrayList<>();
    authorizer.path("Identity").path("Headers").forEach(h -> headers.add(h.asText()));
    return new AuthorizerSpec(name, function(functionOfArn(authorizer.path("FunctionArn"), name)), headers);
  }

  /**
   * The function an authorizer's {@code FunctionArn} names: {@code !Ref Fn.Alias} (its SnapStart
   * alias) arrives as {@code "Fn.Alias"}, {@code !GetAtt Fn.Arn} as {@code "Fn.Arn"}, {@code !GetAtt
   * [Fn, Arn]} as a list.
   */
  private String functionOfArn(JsonNode arn, String authorizerName) {
    JsonNode reference = arn.has("Fn::GetAtt") ? arn.get("Fn::GetAtt") : arn.has("Ref") ? arn.get("Ref") : arn;
    String target = reference.isArray() ? reference.path(0).asText("") : reference.asText("");
    for (String suffix : List.of(".Arn", ".Alias")) {
      if (target.endsWith(suffix)) {
        target = target.substring(0, target.length() - suffix.length());
      }
    }
    if (target.isEmpty()) {
      throw invalid("authorizer " + authorizerName + " needs FunctionArn: !Ref <Function>.Alias or !GetAtt <Function>.Arn");
    }
    return target;
  }

  private FunctionSpec function(String logicalId) {
    return functions.computeIfAbsent(logicalId, this::readFunction);
  }

  private FunctionSpec readFunction(String logicalId) {
    JsonNode resource = resources.path(logicalId);
    if (!FUNCTION_TYPE.equals(resource.path("Type").asText())) {
      throw invalid(logicalId + " is not an " + FUNCTION_TYPE);
    }
    JsonNode properties = resource.path("Properties");
    JsonNode defaults = globals.path("Function");
    String handler = properties.path("Handler").asText(defaults.path("Handler").asText(""));
    int separator = handler.indexOf("::");
    String handlerClass = separator < 0 ? handler : handler.substring(0, separator);
    String method = separator < 0 ? "handleRequest" : handler.substring(separator + 2);
    if (handlerClass.isEmpty() || !"handleRequest".equals(method)) {
      throw invalid(logicalId + " needs Handler: <class>::handleRequest (a RequestHandler), got '" + handler + "'");
    }
    int timeout = properties.path("Timeout").asInt(defaults.path("Timeout").asInt(DEFAULT_TIMEOUT_SECONDS));
    int memory = properties.path("MemorySize").asInt(defaults.path("MemorySize").asInt(DEFAULT_MEMORY_MB));
    return new FunctionSpec(logicalId, handlerClass, timeout, memory);
  }

  private IllegalArgumentException invalid(String problem) {
    return new IllegalArgumentException(source + ": " + problem);
  }
}
