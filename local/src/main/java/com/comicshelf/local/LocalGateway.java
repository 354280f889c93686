package com.comicshelf.local;

import com.comicshelf.config.DatabaseSettings;
import com.comicshelf.config.FanOutSettings;
import com.comicshelf.contract.OpenApiContract;
import com.comicshelf.di.SqlModule;
import com.comicshelf.observability.RequestLog;
import com.comicshelf.sql.SqlClient;
import com.comicshelf.sql.migration.SchemaMigrations;
import com.comicshelf.stubs.GraphApiStub;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Comic Shelf on localhost in one command: plays API Gateway over the routes declared in
 * {@code template.yaml}, runs the real handler classes in-process and, unless given
 * {@code --jdbc-url}, an embedded MariaDB that keeps its data between runs.
 *
 * <p>Each function runs in up to {@code --containers} containers, each with its own class loader, so
 * as in Lambda each reads its configuration and builds its object graph once, for itself. The settings
 * are the JVM's system properties at the moment a container is created.
 */
public final class LocalGateway implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LocalGateway.class);

  private final GatewayServer server;
  private final Optional<EmbeddedMariaDb> embedded;
  private final Optional<EmbeddedS3> s3;
  private final GraphApiStub graphApi;
  private final LocalLambdaApi lambdaApi;
  private final LocalSettings settings;
  private final LocalFunctions functions;
  private final List<Route> routes;
  private final Path template;
  private final Clock clock;
  private final long readyMillis;
  private final AtomicBoolean closed = new AtomicBoolean();

  private LocalGateway(
      GatewayServer server,
      Optional<EmbeddedMariaDb> embedded,
      Optional<EmbeddedS3> s3,
      GraphApiStub graphApi,
      LocalLambdaApi lambdaApi,
      LocalSettings settings,
      LocalFunctions functions,
      List<Route> routes,
      Path template,
      Clock clock) {
    this.server = server;
    this.embedded = embedded;
    this.s3 = s3;
    this.graphApi = graphApi;
    this.lambdaApi = lambdaApi;
    this.settings = settings;
    this.functions = functions;
    this.routes = routes;
    this.template = template;
    this.clock = clock;
    this.readyMillis = JvmUptime.millis();
  }

  public static void main(String[] args) {
    Map<String, String> env = System.getenv();
    List<String> arguments = Arrays.asList(args);
    if (arguments.contains("--help") || arguments.contains("-h")) {
      System.out.print(GatewayOptions.USAGE);
      return;
    }
    GatewayOptions options = null;
    try {
      if (!arguments.isEmpty() && arguments.get(0).equals("token")) {
        System.out.println(TokenCommand.run(Arrays.copyOfRange(args, 1, args.length), env, Clock.systemUTC()));
        return;
      }
      options = GatewayOptions.parse(args, Path.of(System.getProperty("user.home")));
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.err.print(GatewayOptions.USAGE);
      System.exit(2);
    }
    try {
      LocalGateway gateway = start(options, env);
      Runtime.getRuntime().addShutdownHook(new Thread(gateway::close, "local-gateway-shutdown"));
      System.out.println(gateway.banner());
      // The HTTP server's threads keep the JVM alive until Ctrl-C.
    } catch (RuntimeException e) {
      log.error("the local gateway could not start: {}", e.getMessage(), e);
      System.exit(1);
    }
  }

  /** Starts a gateway as the command line would, with the process environment; for tests. */
  static LocalGateway start(String... args) {
    return start(GatewayOptions.parse(args, Path.of(System.getProperty("user.home"))), System.getenv());
  }

  static LocalGateway start(GatewayOptions options, Map<String, String> env) {
    // The handlers' JSON request log is for CloudWatch; here the gateway prints a readable access log
    // line per request instead (-Dcomicshelf.requestLog=stdout shows the JSON lines too).
    System.getProperties().putIfAbsent(RequestLog.SINK_PROPERTY, "off");
    Clock clock = Clock.systemUTC();
    // Each phase is timed: start-up time is what a developer waits through on every run.
    Stopwatch phase = new Stopwatch();
    Path template = options.template().orElseGet(LocalGateway::findTemplate);
    List<Route> routes = TemplateRoutes.read(template);
    log.info("{} routes read from {} in {} ms", routes.size(), template, phase.lap());

    DatabaseSettings database = options.database();
    GraphApiStub graphApi = startGraphApi(new DemoSocialGraph(DemoData.CATALOG.size(), clock.instant()));
    URI s3Endpoint = options.s3Endpoint().orElse(EmbeddedS3.endpoint(options.s3Port()));
    LocalSettings settings = LocalSettings.of(database, env, graphApi.baseUrl(), s3Endpoint, options.dynamoDb());
    settings.applyAsSystemProperties(env);
    // The favorites function wakes the fan-out function through Lambda's API, as in AWS.
    LocalLambdaApi lambdaApi = LocalLambdaApi.start(template, options.containers());
    System.setProperty(FanOutSettings.FUNCTION, LocalLambdaApi.FAN_OUT_FUNCTION);
    System.setProperty(FanOutSettings.LAMBDA_ENDPOINT, lambdaApi.endpoint().toString());
    // Handlers open their connections on first use (see JdbcModule), so they are created while
    // MariaDB and the S3 server start; their SDK clients and Dagger graphs take seconds of their own.
    ExecutorService background = Executors.newFixedThreadPool(2);
    CompletableFuture<LocalFunctions> handlers = CompletableFuture.supplyAsync(() -> createHandlers(routes, options.containers()), background);
    CompletableFuture<Optional<EmbeddedS3>> s3 =
        options.s3Endpoint().isPresent()
            ? CompletableFuture.completedFuture(Optional.empty())
            : CompletableFuture.supplyAsync(() -> Optional.of(EmbeddedS3.start(options.home(), options.s3Port())), background);
    background.shutdown();

    Optional<EmbeddedMariaDb> embedded = Optional.empty();
    try {
      if (options.embeddedDatabase()) {
        embedded = Optional.of(EmbeddedMariaDb.start(options.home(), options.dbPort()));
      }
      embedded.ifPresent(db -> log.info(
          "embedded MariaDB up in {} ms (unpacking {} ms)", phase.lap(), db.unpackMillis()));
      prepare(database, clock);
      log.info("schema migrated and demo data seeded in {} ms", phase.lap());
      LocalFunctions functions = join(handlers);
      Optional<EmbeddedS3> startedS3 = join(s3);
      startedS3.ifPresent(server -> log.info("embedded S3 server up on {} in {} ms", server.endpoint(), server.startMillis()));
      Path widget = template.toAbsolutePath().getParent().resolve("widget");
      Path description = template.toAbsolutePath().getParent().resolve(OpenApiContract.FILE_NAME);
      Optional<OpenApiGatewayCheck> check = options.validateOpenApi().map(OpenApiGatewayCheck::load);
      check.ifPresent(c -> log.info("checking every exchange against {} (mismatches: {}... on stderr)", c.file(), OpenApiGatewayCheck.MISMATCH.strip()));
      GatewayServer server =
          GatewayServer.start(
              options.port(),
              routes,
              functions,
              clock,
              Files.isDirectory(widget) ? Optional.of(widget) : Optional.empty(),
              Files.isRegularFile(description) ? Optional.of(new ApiDocs(description)) : Optional.empty(),
              check);
      LocalGateway gateway =
          new LocalGateway(server, embedded, startedS3, graphApi, lambdaApi, settings, functions, routes, template, clock);
      log.info("ready {} ms after JVM start", gateway.readyMillis);
      return gateway;
    } catch (RuntimeException e) {
      embedded.ifPresent(EmbeddedMariaDb::close);
      s3.thenAccept(started -> started.ifPresent(EmbeddedS3::close));
      graphApi.close();
      lambdaApi.close();
      throw e;
    }
  }

  /** The Graph API as the demo network's members see it: token {@code local-<id>} is user id's. */
  private static GraphApiStub startGraphApi(DemoSocialGraph network) {
    try {
      return GraphApiStub.start(
          0,
          100,
          token ->
              token.startsWith("local-") && token.substring(6).matches("[1-9][0-9]{0,17}")
                  ? Optional.of(
                      network.friendsOf(Long.parseLong(token.substring(6))).stream()
                          .map(f -> new GraphApiStub.Friend(f.id(), f.name()))
                          .toList())
                  : Optional.empty());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the Graph API stub", e);
    }
  }

  private static LocalFunctions createHandlers(List<Route> routes, int containers) {
    long started = System.nanoTime();
    LocalFunctions functions = LocalFunctions.instantiate(routes, containers);
    log.info("handlers created in {} ms (alongside the database start)", (System.nanoTime() - started) / 1_000_000);
    return functions;
  }

  private static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  /** Milliseconds since the previous lap. */
  private static final class Stopwatch {
    private long last = System.nanoTime();

    long lap() {
      long now = System.nanoTime();
      long millis = (now - last) / 1_000_000;
      last = now;
      return millis;
    }
  }

  private static Path findTemplate() {
    Path here = Path.of("").toAbsolutePath();
    return TemplateRoutes.find(here)
        .orElseThrow(
            () -> new IllegalArgumentException(
                "no " + TemplateRoutes.FILE_NAME + " in " + here + " or above; pass --template PATH"));
  }

  /** Migrates the schema and seeds the demo data, as a deployment's migrate step would. */
  private static void prepare(DatabaseSettings database, Clock clock) {
    var migrated = SchemaMigrations.migrate(database);
    SqlClient sql = SqlModule.open(database);
    try {
      DemoData.Seeded seeded = new DemoData(sql, clock, LocalSettings.LOCAL_MATERIALIZE_MIN_FRIENDS).seed();
      log.info(
          "{} migrations applied (schema version {}), {} demo comics and {} demo users added",
          migrated.applied().size(), migrated.schemaVersion(), seeded.comics(), seeded.users());
    } finally {
      if (sql instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          log.debug("closing the seeding client failed", e);
        }
      }
    }
  }

  int port() {
    return server.port();
  }

  URI baseUri() {
    return URI.create("http://localhost:" + port());
  }

  /** A {@code signed_request} for {@code userId} that this gateway's authorizer accepts now. */
  String signedRequest(long userId) {
    return settings.signer(clock).sign(userId, clock.instant(), LocalSettings.oauthTokenOf(userId));
  }

  /** How often the function with this logical id has been invoked. */
  long invocations(String functionLogicalId) {
    return functions.get(functionLogicalId).invocations();
  }

  /** How many containers the function with this logical id has scaled out to. */
  int containers(String functionLogicalId) {
    return functions.get(functionLogicalId).containers();
  }

  String banner() {
    StringBuilder out = new StringBuilder();
    out.append("\nComic Shelf local gateway on ").append(baseUri())
        .append(" (").append(routes.size()).append(" routes from ").append(template).append(")\n");
    for (Route route : routes) {
      out.append(String.format("  %-7s %-32s %s%s%n",
          route.method(), route.path(), route.function().logicalId(),
          route.authorizer().map(a -> " [" + a.name() + "]").orElse("")));
    }
    out.append("Database: ").append(settings.describeDatabase());
    embedded.ifPresent(db -> out.append(String.format(
        " (embedded MariaDB, data in %s; unpacked in %d ms, started in %d ms)",
        db.dataDir(), db.unpackMillis(), db.startMillis())));
    String token = signedRequest(DemoData.DEMO_USER_ID);
    out.append("\n\nAs the demo reader (user ").append(DemoData.DEMO_USER_ID).append("; the token is valid for ")
        .append(settings.signedRequestMaxAge().toHours()).append(" h):\n")
        .append("  curl -H \"Authorization: Bearer ").append(token).append("\" ").append(baseUri()).append("/me/favorites\n")
        .append("  curl -H \"Authorization: Bearer ").append(token).append("\" ").append(baseUri())
        .append("/me/friends/popular\n")
        .append("  curl -X POST -H \"Authorization: Bearer ").append(token).append("\" ").append(baseUri())
        .append("/me/friends/sync\n")
        .append("A token for any user: java -jar local/target/comic-shelf-local.jar token <userId>\n")
        .append("S3: ").append(settings.s3Endpoint()).append(" (bucket ").append(EmbeddedS3.BUCKET).append(")")
        .append(s3.isPresent() ? ", embedded, data in " + s3.get().root() : "").append("\n")
        .append("Widget: ").append(baseUri()).append(StaticFiles.PREFIX).append("index.html?token=").append(token).append("\n")
        .append("API reference: ").append(baseUri()).append(ApiDocs.PATH).append(" (OpenAPI: ").append(baseUri())
        .append(ApiDocs.SPEC).append(")\n")
        .append("Ready ").append(readyMillis).append(" ms after JVM start. Ctrl-C stops.\n");
    return out.toString();
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      server.close();
      embedded.ifPresent(EmbeddedMariaDb::close);
      s3.ifPresent(EmbeddedS3::close);
      graphApi.close();
      lambdaApi.close();
      log.info("local gateway stopped");
    }
  }
}
