package com.comicshelf.contract;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API's contract, {@code openapi.yaml}, as a check of single exchanges: is this answer one the
 * contract documents for this request, and, when the API accepted the request (2xx), is the request one
 * the contract allows?
 *
 * <p>The rules, the same for the handler harness and the local gateway:
 *
 * <ul>
 *   <li><b>Every answer is checked.</b> An answer after routing is checked against the operation its
 *       method and path match (status, content type, headers, body schema); an answer to a request that
 *       matches no operation, or that the gateway gave before routing, against {@code x-gateway-responses}.
 *   <li><b>A request is checked only when its answer is a success (2xx).</b> A request the API refuses
 *       with a documented 4xx is by definition outside the contract (tests and fuzzers send such requests
 *       on purpose); one it <em>accepts</em> must be inside it, or the contract is too narrow (or the
 *       handler too lenient).
 *   <li><b>What an operation does not read is ignored</b>, as the contract's description says: query
 *       parameters it does not declare, an {@code Accept} header, a body sent to an operation that takes
 *       none. A body without {@code Content-Type} is read as the operation's one request media type.
 * </ul>
 *
 * <p>Instances are immutable and thread-safe; {@link #load} caches one per file and mode.
 */
public final class OpenApiContract {
  /** The file's name at the repository root, next to template.yaml. */
  public static final String FILE_NAME = "openapi.yaml";
  /** Synthetic operations (in the validator's copy only) whose responses are the gateway's own answers. */
  static final String GATEWAY_PATH = "/x-comicshelf/gateway";
  static final String UNDELIVERABLE_PATH = "/x-comicshelf/undeliverable";
  private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
  private static final Pattern BEARER = Pattern.compile("(?i)bearer +(\\S.*)");
  private static final ObjectMapper YAML = new YAMLMapper();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, OpenApiContract> LOADED = new ConcurrentHashMap<>();

  /** Who checked the caller's credentials before the exchange reached the checked party. */
  public enum Mode {
    /** The whole HTTP exchange, {@code Authorization} included (the local gateway). */
    GATEWAY,
    /**
     * A handler's exchange: API Gateway's authorizer has run already and its verdict is in the event's
     * context, not in an {@code Authorization} header, so security requirements are not checked here
     * (the gateway checks them).
     */
    HANDLER
  }

  /** What a check found; {@code requestChecked} tells whether the request was checked too (a 2xx). */
  public record Result(List<String> problems, boolean requestChecked) {
    public boolean conforms() {
      return problems.isEmpty();
    }
  }

  private final Path file;
  private final JsonNode document;
  private final OpenApiInteractionValidator validator;
  private final List<Operation> operations;

  private OpenApiContract(Path file, JsonNode document, OpenApiInteractionValidator validator) {
    this.file = file;
    this.document = document;
    this.validator = validator;
    this.operations = operations(document);
  }

  /** The contract in {@code file} (cached per file and mode). */
  public static OpenApiContract load(Path file, Mode mode) {
    Path absolute = file.toAbsolutePath().normalize();
    return LOADED.computeIfAbsent(absolute + "#" + mode, key -> read(absolute, mode));
  }

  /** The nearest {@code openapi.yaml} in {@code start} or a parent directory. */
  public static Optional<Path> find(Path start) {
    for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(FILE_NAME);
      if (Files.isRegularFile(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static OpenApiContract read(Path file, Mode mode) {
    JsonNode document;
    try {
      document = YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    ObjectNode forValidator = ValidatorDialect.from31(document);
    addGatewayOperations(forValidator);
    LevelResolver.Builder levels =
        LevelResolver.create()
            // The contract's "Tolerance" paragraph: what an operation does not read is ignored.
            .withLevel("validation.request.parameter.query.unexpected", ValidationReport.Level.IGNORE)
            .withLevel("validation.request.body.unexpected", ValidationReport.Level.IGNORE)
            .withLevel("validation.request.accept", ValidationReport.Level.IGNORE)
            // JSON Schema's own semantics: an object schema allows other members unless it says
            // additionalProperties: false (the contract says so wherever it means it). Left on, the
            // validator would inject "false" into every object schema, which breaks allOf refinements.
            .withLevel("validation.schema.additionalProperties", ValidationReport.Level.IGNORE);
    if (mode == Mode.HANDLER) {
      levels.withLevel("validation.request.security", ValidationReport.Level.IGNORE);
    }
    String json;
    try {
      json = JSON.writeValueAsString(forValidator);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    OpenApiInteractionValidator validator =
        OpenApiInteractionValidator.createForInlineApiSpecification(json).withLevelResolver(levels.build()).build();
    return new OpenApiContract(file, document, validator);
  }

  /**
   * Adds, to the validator's copy, operations on every method whose responses are the gateway's own
   * answers ({@code x-gateway-responses}) and a handler's answer to an undeliverable event.
   */
  private static void addGatewayOperations(ObjectNode document) {
    JsonNode gateway = document.path("x-gateway-responses");
    if (!gateway.isObject() || gateway.isEmpty()) {
      throw new IllegalArgumentException("openapi.yaml needs x-gateway-responses: the gateway's answers before routing");
    }
    ObjectNode paths = (ObjectNode) document.path("paths");
    ObjectNode gatewayPath = paths.putObject(GATEWAY_PATH);
    ObjectNode undeliverablePath = paths.putObject(UNDELIVERABLE_PATH);
    for (String method : METHODS) {
      ObjectNode operation = gatewayPath.putObject(method);
      operation.putArray("security");
      operation.set("responses", gateway.deepCopy());
      ObjectNode refused = undeliverablePath.putObject(method);
      refused.putArray("security");
      refused.putObject("responses").putObject("404").put("$ref", "#/components/responses/NotFound");
    }
  }

  public Path file() {
    return file;
  }

  /** Every operation as its route key, {@code "GET /comics/{comicId}"}, in document order. */
  public Set<String> routeKeys() {
    Set<String> keys = new LinkedHashSet<>();
    operations.forEach(op -> keys.add(op.routeKey()));
    return keys;
  }

  /** The operation's {@code security} as declared, or the document's default when it has none. */
  public JsonNode security(String routeKey) {
    Operation op = operations.stream().filter(o -> o.routeKey().equals(routeKey)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no operation " + routeKey));
    JsonNode declared = document.path("paths").path(op.template()).path(op.method().toLowerCase(Locale.ROOT)).get("security");
    return declared != null ? declared : document.path("security");
  }

  /** The operation {@code method} and the raw {@code path} select, as API Gateway selects a route. */
  public Optional<String> match(String method, String rawPath) {
    return operationFor(method, rawPath).map(Operation::routeKey);
  }

  /** Checks one exchange (see the class comment for the rules). */
  public Result check(Exchange exchange) {
    return switch (exchange.origin()) {
      case GATEWAY -> new Result(responseProblems(GATEWAY_PATH, methodOrGet(exchange.method()), exchange), false);
      case UNDELIVERABLE -> new Result(responseProblems(UNDELIVERABLE_PATH, Request.Method.GET, exchange), false);
      case ROUTED -> {
        Optional<Operation> operation =
            exchange.routeKey() != null
                ? operations.stream().filter(op -> op.routeKey().equals(exchange.routeKey())).findFirst()
                : operationFor(exchange.method(), exchange.rawPath());
        if (operation.isEmpty()) {
          List<String> problems = responseProblems(GATEWAY_PATH, methodOrGet(exchange.method()), exchange);
          if (!problems.isEmpty()) {
            // Say what is wrong in the contract's words rather than the synthetic operation's.
            problems = new ArrayList<>(problems);
            problems.add(0, "no operation in " + FILE_NAME + " has " + (exchange.routeKey() != null
                ? exchange.routeKey() : exchange.method() + " " + exchange.rawPath())
                + ", and the answer is none of the gateway's own (x-gateway-responses)");
          }
          yield new Result(List.copyOf(problems), false);
        }
        Operation op = operation.get();
        List<String> problems = new ArrayList<>(responseProblems(op.template(), Request.Method.valueOf(op.method()), exchange));
        boolean success = exchange.status() >= 200 && exchange.status() < 300;
        if (success) {
          problems.addAll(requestProblems(op, exchange));
        }
        yield new Result(List.copyOf(problems), success);
      }
    };
  }

  /** {@link #check}, counted in the {@link ContractLedger}; a mismatch is recorded there with {@code where}. */
  public Result checkAndRecord(Exchange exchange, String where) {
    Result result = check(exchange);
    ContractLedger.checked(result.requestChecked());
    if (!result.conforms()) {
      ContractLedger.mismatch(where + ": " + exchange.describe() + "\n    " + String.join("\n    ", result.problems()));
    }
    return result;
  }

  private List<String> responseProblems(String path, Request.Method method, Exchange exchange) {
    SimpleResponse.Builder response = new SimpleResponse.Builder(exchange.status());
    exchange.responseHeaders().forEach(response::withHeader);
    if (exchange.responseBody().length > 0) {
      response.withBody(exchange.responseBody());
    }
    return messages("response", validator.validateResponse(path, method, response.build()));
  }

  private List<String> requestProblems(Operation op, Exchange exchange) {
    SimpleRequest.Builder request = new SimpleRequest.Builder(op.method(), exchange.rawPath());
    JsonNode declaredBody =
        document.path("paths").path(op.template()).path(op.method().toLowerCase(Locale.ROOT)).path("requestBody");
    // A body sent to an operation that takes none is not read; nor is a Content-Type without a body.
    boolean hasBody = exchange.requestBody().length > 0 && !declaredBody.isMissingNode();
    exchange.requestHeaders().forEach((name, values) -> {
      if (name.equalsIgnoreCase("authorization")) {
        request.withHeader(name, values.stream().map(OpenApiContract::canonicalScheme).toList());
      } else if (hasBody || !name.equalsIgnoreCase("content-type")) {
        request.withHeader(name, values);
      }
    });
    // Only the parameters the operation declares, by their exact name: the validator matches query
    // names ignoring case, so an undeclared "LIMIT=" would be taken for an empty "limit".
    Set<String> declared = declaredQueryParameters(op);
    exchange.query().forEach((name, values) -> {
      if (declared.contains(name)) {
        request.withQueryParam(name, values);
      }
    });
    if (hasBody) {
      request.withBody(exchange.requestBody());
      if (exchange.requestHeader("content-type") == null) {
        // The contract: a body without Content-Type is read as the operation's one media type.
        JsonNode content = declaredBody.path("content");
        if (content.size() == 1) {
          request.withContentType(content.fieldNames().next());
        }
      }
    }
    return messages("request", validator.validateRequest(request.build()));
  }

  /**
   * "bearer x" and "Bearer  x" as "Bearer x": the scheme is case-insensitive and followed by one or more
   * spaces (RFC 9110 section 11.1), while the validator looks for "Bearer " exactly.
   */
  private static String canonicalScheme(String authorization) {
    Matcher bearer = BEARER.matcher(authorization);
    return bearer.matches() ? "Bearer " + bearer.group(1) : authorization;
  }

  /** The names of the query parameters {@code op} declares, on the operation or its path, inline or by $ref. */
  private Set<String> declaredQueryParameters(Operation op) {
    JsonNode path = document.path("paths").path(op.template());
    Set<String> names = new LinkedHashSet<>();
    for (JsonNode list : List.of(path.path("parameters"), path.path(op.method().toLowerCase(Locale.ROOT)).path("parameters"))) {
      for (JsonNode parameter : list) {
        JsonNode resolved = parameter;
        String ref = parameter.path("$ref").asText("");
        if (ref.startsWith("#/")) {
          resolved = document.at(ref.substring(1));
        }
        if (resolved.path("in").asText().equals("query")) {
          names.add(resolved.path("name").asText());
        }
      }
    }
    return names;
  }

  private static List<String> messages(String side, ValidationReport report) {
    List<String> out = new ArrayList<>();
    for (ValidationReport.Message message : report.getMessages()) {
      if (message.getLevel() == ValidationReport.Level.ERROR) {
        describe(side, message, "", out);
      }
    }
    return out;
  }

  private static void describe(String side, ValidationReport.Message message, String indent, List<String> out) {
    String text = message.getMessage().replace('\n', ' ').replace(" for path '" + GATEWAY_PATH + "'", " among the gateway's own answers");
    out.add(indent + side + ": " + text + " [" + message.getKey() + "]");
    for (ValidationReport.Message nested : message.getNestedMessages()) {
      describe(side, nested, indent + "  ", out);
    }
  }

  private static Request.Method methodOrGet(String method) {
    try {
      return Request.Method.valueOf(method);
    } catch (IllegalArgumentException notOneOfOpenApisMethods) {
      return Request.Method.GET;
    }
  }

  private Optional<Operation> operationFor(String method, String rawPath) {
    if (rawPath == null || !rawPath.startsWith("/")) {
      return Optional.empty();
    }
    List<String> segments = new ArrayList<>();
    try {
      for (String raw : rawPath.substring(1).split("/", -1)) {
        // Path segments use percent-encoding only: a '+' is a plus sign, not a space.
        segments.add(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
      }
    } catch (IllegalArgumentException malformedEscape) {
      return Optional.empty();
    }
    return operations.stream()
        .filter(op -> op.method().equals(method))
        .filter(op -> op.matches(segments))
        .min(Comparator.comparing(Operation::specificity, OpenApiContract::compareSpecificity));
  }

  private static int compareSpecificity(List<Integer> a, List<Integer> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = Integer.compare(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  private static List<Operation> operations(JsonNode document) {
    List<Operation> operations = new ArrayList<>();
    document.path("paths").fields().forEachRemaining(path -> {
      for (String method : METHODS) {
        if (path.getValue().has(method)) {
          operations.add(new Operation(method.toUpperCase(Locale.ROOT), path.getKey()));
        }
      }
    });
    return List.copyOf(operations);
  }

  /** An operation: its method and path template; a {name} segment matches any non-empty segment. */
  private record Operation(String method, String template) {
    String routeKey() {
      return method + " " + template;
    }

    List<String> segments() {
      return List.of(template.substring(1).split("/", -1));
    }

    boolean matches(List<String> request) {
      List<String> own = segments();
      if (own.size() != request.size()) {
        return false;
      }
      for (int i = 0; i < own.size(); i++) {
        String segment = own.get(i);
        boolean variable = segment.startsWith("{") && segment.endsWith("}");
        if (variable ? request.get(i).isEmpty() : !segment.equals(request.get(i))) {
          return false;
        }
      }
      return true;
    }

    /** Literal segments (0) before variables (1), segment by segment, as API Gateway ranks routes. */
    List<Integer> specificity() {
      return segments().stream().map(s -> s.startsWith("{") ? 1 : 0).toList();
    }
  }
}
