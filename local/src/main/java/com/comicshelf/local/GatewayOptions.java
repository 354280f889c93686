package com.comicshelf.local;

import com.comicshelf.config.DatabaseSettings;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The gateway's command line.
 *
 * @param port HTTP port on localhost; 0 picks a free one
 * @param template the SAM template; empty means the nearest {@code template.yaml} upwards
 * @param home where the embedded MariaDB keeps its binaries and data
 * @param dbPort port of the embedded MariaDB
 * @param jdbcUrl an existing database to use instead of the embedded one
 * @param dataApi an Aurora cluster (or a Data-API-compatible endpoint) to use instead of the embedded one
 * @param s3Port port of the embedded S3 server
 * @param s3Endpoint an existing S3-compatible endpoint to use instead of the embedded one
 * @param containers how many containers each function may scale out to (Lambda runs many at once)
 * @param dynamoDb a DynamoDB-compatible endpoint and table for idempotency keys and rate counters (moto,
 *     LocalStack); empty means the relational database keeps them
 * @param validateOpenApi an OpenAPI description to check every exchange against (mismatches on stderr);
 *     the system property {@code comicshelf.openapi.validate} gives the default, which the tests set
 */
record GatewayOptions(
    int port,
    Optional<Path> template,
    Path home,
    int dbPort,
    Optional<String> jdbcUrl,
    String dbUser,
    String dbPassword,
    Optional<DatabaseSettings.DataApi> dataApi,
    int s3Port,
    Optional<URI> s3Endpoint,
    int containers,
    Optional<DynamoDbTarget> dynamoDb,
    Optional<Path> validateOpenApi) {

  /** A DynamoDB endpoint and the table on it. */
  record DynamoDbTarget(URI endpoint, String table) {}

  static final int DEFAULT_PORT = 3000;
  static final int DEFAULT_DB_PORT = 3307;
  static final int DEFAULT_S3_PORT = 9090;
  /** More than one, so requests run side by side in separate containers, as in Lambda. */
  static final int DEFAULT_CONTAINERS = 2;

  static final String USAGE =
      """
      Usage: java -jar local/target/comic-shelf-local.jar [options]
             java -jar local/target/comic-shelf-local.jar token <userId> [--secret S]

        --port N            HTTP port on localhost (default 3000; 0 = any free port)
        --template PATH     SAM template with the routes (default: nearest template.yaml upwards)
        --home DIR          embedded MariaDB binaries and data (default ~/.comic-shelf)
        --db-port N         embedded MariaDB port (default 3307)
        --jdbc-url URL      use this database instead of the embedded MariaDB
        --db-user USER      user for --jdbc-url (default root)
        --db-password PW    password for --jdbc-url (default empty)
        --data-api-endpoint URL
                            use the RDS Data API at URL (with --resource-arn and --secret-arn), e.g. the
                            test sources' Data API endpoint; without it, --resource-arn and --secret-arn
                            reach AWS's own endpoint (or AWS_ENDPOINT_URL_RDS_DATA / AWS_ENDPOINT_URL)
        --resource-arn ARN  the Aurora cluster for the Data API
        --secret-arn ARN    the Secrets Manager secret the Data API signs in with
        --database NAME     the database on the cluster (default comicshelf)
        --s3-port N         embedded S3 server port (default 9090)
        --s3-endpoint URL   use this S3-compatible endpoint (e.g. LocalStack) instead of the embedded one
        --dynamodb-endpoint URL --dynamodb-table NAME
                            keep idempotency keys and rate counters in that DynamoDB table (moto_server,
                            LocalStack) instead of the database
        --containers N      containers per function, each with its own object graph and database
                            connection, created as concurrent requests need them (default 2)
        --validate-openapi FILE
                            check every request and answer against this OpenAPI description (e.g.
                            openapi.yaml) and print each mismatch on stderr (OPENAPI-MISMATCH ...)
      """;

  /** Parses {@code args}; {@code userHome} is the default parent of {@code .comic-shelf}. */
  static GatewayOptions parse(String[] args, Path userHome) {
    int port = DEFAULT_PORT;
    Optional<Path> template = Optional.empty();
    Path home = userHome.resolve(".comic-shelf");
    int dbPort = DEFAULT_DB_PORT;
    Optional<String> jdbcUrl = Optional.empty();
    String dbUser = "root";
    String dbPassword = "";
    int s3Port = DEFAULT_S3_PORT;
    Optional<URI> s3Endpoint = Optional.empty();
    Optional<URI> dataApiEndpoint = Optional.empty();
    String resourceArn = null;
    String secretArn = null;
    String database = DatabaseSettings.DEFAULT_DATABASE;
    int containers = DEFAULT_CONTAINERS;
    Optional<URI> dynamoDbEndpoint = Optional.empty();
    Optional<String> dynamoDbTable = Optional.empty();
    Optional<Path> validateOpenApi =
        Optional.ofNullable(System.getProperty(OpenApiGatewayCheck.VALIDATE_PROPERTY)).filter(p -> !p.isBlank()).map(Path::of);
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      switch (option) {
        case "--port" -> port = port(value(args, ++i, option), option);
        case "--template" -> template = Optional.of(Path.of(value(args, ++i, option)));
        case "--home" -> home = Path.of(value(args, ++i, option));
        case "--db-port" -> dbPort = port(value(args, ++i, option), option);
        case "--jdbc-url" -> jdbcUrl = Optional.of(value(args, ++i, option));
        case "--db-user" -> dbUser = value(args, ++i, option);
        case "--db-password" -> dbPassword = value(args, ++i, option);
        case "--s3-port" -> s3Port = port(value(args, ++i, option), option);
        case "--s3-endpoint" -> s3Endpoint = Optional.of(URI.create(value(args, ++i, option)));
        case "--data-api-endpoint" -> dataApiEndpoint = Optional.of(URI.create(value(args, ++i, option)));
        case "--resource-arn" -> resourceArn = value(args, ++i, option);
        case "--secret-arn" -> secretArn = value(args, ++i, option);
        case "--database" -> database = value(args, ++i, option);
        case "--containers" -> containers = positive(value(args, ++i, option), option);
        case "--dynamodb-endpoint" -> dynamoDbEndpoint = Optional.of(URI.create(value(args, ++i, option)));
        case "--dynamodb-table" -> dynamoDbTable = Optional.of(value(args, ++i, option));
        case "--validate-openapi" -> validateOpenApi = Optional.of(Path.of(value(args, ++i, option)));
        default -> throw new IllegalArgumentException("unknown option " + option);
      }
    }
    Optional<DatabaseSettings.DataApi> dataApi = Optional.empty();
    if (dataApiEndpoint.isPresent() || resourceArn != null || secretArn != null) {
      if (resourceArn == null || secretArn == null) {
        throw new IllegalArgumentException("the Data API needs both --resource-arn and --secret-arn");
      }
      if (jdbcUrl.isPresent()) {
        throw new IllegalArgumentException("--jdbc-url and the Data API options exclude each other");
      }
      dataApi = Optional.of(new DatabaseSettings.DataApi(resourceArn, secretArn, database, dataApiEndpoint));
    }
    if (dynamoDbEndpoint.isPresent() != dynamoDbTable.isPresent()) {
      throw new IllegalArgumentException("--dynamodb-endpoint and --dynamodb-table go together");
    }
    Optional<DynamoDbTarget> dynamoDb =
        dynamoDbEndpoint.isPresent()
            ? Optional.of(new DynamoDbTarget(dynamoDbEndpoint.get(), dynamoDbTable.get()))
            : Optional.empty();
    return new GatewayOptions(
        port, template, home, dbPort, jdbcUrl, dbUser, dbPassword, dataApi, s3Port, s3Endpoint, containers, dynamoDb,
        validateOpenApi);
  }

  /** Whether the gateway starts its own MariaDB: only when pointed at no other database. */
  boolean embeddedDatabase() {
    return jdbcUrl.isEmpty() && dataApi.isEmpty();
  }

  /** The database the handlers use; the embedded one unless another was named. */
  DatabaseSettings database() {
    if (dataApi.isPresent()) {
      return dataApi.get();
    }
    return jdbcUrl
        .<DatabaseSettings>map(url -> new DatabaseSettings.Jdbc(url, dbUser, new DatabaseSettings.Password(dbPassword)))
        .orElseGet(() -> EmbeddedMariaDb.target(dbPort));
  }

  static String value(String[] args, int index, String option) {
    if (index >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[index];
  }

  private static int positive(String value, String option) {
    try {
      int n = Integer.parseInt(value);
      if (n < 1 || n > 64) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " must be a whole number from 1 to 64, got '" + value + "'");
    }
  }

  private static int port(String value, String option) {
    try {
      int port = Integer.parseInt(value);
      if (port < 0 || port > 65_535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " must be a port number, got '" + value + "'");
    }
  }

  @Override
  public String toString() {
    return "GatewayOptions[port=" + port + ", template=" + template + ", home=" + home + ", dbPort=" + dbPort
        + ", jdbcUrl=" + jdbcUrl + ", dbUser=" + dbUser + ", dataApi=" + dataApi + ", s3Port=" + s3Port
        + ", s3Endpoint=" + s3Endpoint + ", containers=" + containers + ", dynamoDb=" + dynamoDb
        + ", validateOpenApi=" + validateOpenApi + "]";
  }
}
