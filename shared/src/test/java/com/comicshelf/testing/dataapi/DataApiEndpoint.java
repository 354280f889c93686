package com.comicshelf.testing.dataapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for the AWS RDS Data API (service {@code rds-data}, REST-JSON protocol, API
 * version 2018-08-01) that runs the SQL on a real MySQL/MariaDB server over JDBC, so that the real
 * AWS SDK v2 {@code RdsDataClient} (built with {@code endpointOverride(endpoint())}) can be used in
 * tests. It follows the request/response shapes of the AWS API reference ({@code ExecuteStatement},
 * {@code BatchExecuteStatement}, {@code BeginTransaction}, {@code CommitTransaction},
 * {@code RollbackTransaction}, {@code Field}, {@code SqlParameter}, {@code ColumnMetadata},
 * {@code ResultSetOptions}, {@code UpdateResult}) and the Aurora user guide's Data API pages.
 *
 * <h2>Protocol</h2>
 * <ul>
 *   <li>{@code POST /Execute}, {@code /BatchExecute}, {@code /BeginTransaction},
 *       {@code /CommitTransaction}, {@code /RollbackTransaction} (the SDK marshallers' paths);
 *       {@code POST /ExecuteSql} answers BadRequestException "This API is deprecated and not
 *       available. Use ExecuteStatement API instead" (the operation is not supported for Serverless
 *       v2 and provisioned clusters). Any other path or method: 404 {@code UnknownOperationException}.
 *   <li>Errors: HTTP status from the SDK model, header {@code x-amzn-ErrorType: <code>} (what the SDK's
 *       {@code JsonErrorCodeParser} reads first) and body {@code {"message": "..."}};
 *       StatementTimeoutException also carries {@code dbConnectionId}. Never a stack trace.
 *   <li>SigV4 signatures are <b>not checked</b>; any credentials work.
 *   <li>Malformed JSON, a body that is not an object, a missing required member (resourceArn,
 *       secretArn, sql, transactionId) or a member of the wrong JSON type: 400 BadRequestException.
 * </ul>
 *
 * <h2>Error codes chosen (and where they come from)</h2>
 * <ul>
 *   <li>SQL error from the database: 400 {@code DatabaseErrorException} ("There was an error in
 *       processing the SQL statement"; the API reference marks BadRequestException as appearing
 *       only with Aurora Serverless v1), message {@code Database error code: <vendor code>. Message:
 *       <server message>}, e.g. {@code Database error code: 1062. Message: Duplicate entry '1' for key
 *       'PRIMARY'} (the driver's {@code (conn=N)} prefix removed).
 *   <li>Unknown, finished, aborted or expired transaction id: 404 {@code TransactionNotFoundException}
 *       ("The transaction ID wasn't found"), message {@code Transaction <id> is not found: <cause>} with
 *       the causes listed in the user guide's troubleshooting page ("Transaction may be expired", "One
 *       previous call resulted in a termination of your transaction", "Transaction has been aborted due
 *       to an error from a previous call").
 *   <li>A call on a transaction that is still running a statement: 400 {@code DatabaseErrorException}
 *       "Transaction is still running a query" (troubleshooting page).
 *   <li>Another {@code resourceArn}: 400 {@code HttpEndpointNotEnabledException} "HttpEndpoint is not
 *       enabled for cluster &lt;arn&gt;" (troubleshooting page: an ARN that doesn't precisely match the
 *       cluster's gives that error). Another {@code secretArn}: 400 {@code SecretsErrorException} (the
 *       model: "The secret provided wasn't found").
 *   <li>Response JSON larger than {@code maxResponseBytes}: 400 {@code BadRequestException}
 *       "Database returned more than the allowed response size limit (Database response exceeded size
 *       limit)" (the troubleshooting heading and the message the service is seen to send).
 *   <li>Statement longer than {@code statementTimeout}: 400 {@code StatementTimeoutException} with
 *       {@code dbConnectionId} (the server thread id of the connection).
 *   <li>Paused cluster: 400 {@code DatabaseResumingException}; {@link #failNext}: the code asked for,
 *       with the status the SDK model gives it (common AWS errors such as ThrottlingException too).
 *   <li>A value that does not fit a long (BIGINT UNSIGNED above 2^63-1, BIT(64)) or a DECIMAL with
 *       scale 0 above 2^63-1 under DOUBLE_OR_LONG: 400 {@code UnsupportedResultException}.
 * </ul>
 *
 * <h2>Types</h2>
 * Parameters: {@code isNull}, {@code booleanValue}, {@code longValue}, {@code doubleValue},
 * {@code stringValue}, {@code blobValue}; {@code arrayValue} is a BadRequestException ("Array
 * parameters are not supported"). Type hints, on a stringValue only: DECIMAL (BigDecimal), TIMESTAMP
 * ({@code YYYY-MM-DD HH:MM:SS[.FFF]}, 0–3 fraction digits; an ISO {@code T}/{@code Z} or more digits is
 * a BadRequestException since the documentation promises only that format), DATE ({@code YYYY-MM-DD}),
 * TIME ({@code HH:MM:SS[.FFF]}), JSON (bound as text), UUID (checked, bound as text). Results: NULL →
 * {@code isNull}; integer types → {@code longValue} ({@code stringValue} with longReturnType STRING);
 * FLOAT/DOUBLE → {@code doubleValue}; DECIMAL → {@code stringValue} (DOUBLE_OR_LONG: longValue when the
 * column's scale is 0, else doubleValue); BOOLEAN/BIT(1) → {@code booleanValue}; DATETIME/TIMESTAMP/TIME
 * → {@code stringValue} with the fraction truncated to milliseconds; DATE/YEAR and everything else →
 * {@code stringValue}; BINARY/VARBINARY/BLOB → {@code blobValue}.
 *
 * <h2>Assumed, not documented</h2>
 * <ul>
 *   <li>{@code database} is required for a call outside a transaction (the JDBC server URL has no
 *       database); a call in a transaction runs on the transaction's connection, switching to
 *       {@code database} when given. A non-empty {@code schema} is a BadRequestException (the user
 *       guide: "Schema parameter isn't supported"). Database names: letters, digits, {@code _}, {@code $}.
 *   <li>TINYINT(1): MariaDB Connector/J reports it as {@code BOOLEAN} (java.sql.Types 16, tinyInt1isBit),
 *       as MySQL Connector/J does, so it is returned as {@code booleanValue} (the user guide lists
 *       "TINYINT(1), BOOLEAN, BOOL" together). BIT(n&gt;1) → {@code longValue}. YEAR → stringValue "2024".
 *   <li>Timestamps and times: trailing zeros of the (truncated) fraction are dropped and a zero fraction
 *       is left out: {@code .123456} → {@code .123}, {@code .100} → {@code .1}, {@code .000} → none.
 *   <li>FLOAT goes through its shortest decimal form (FLOAT 0.1 → 0.1, not 0.10000000149...).
 *   <li>{@code longReturnType STRING} applies to every integer column. A parameter sent but not used
 *       by the SQL is ignored; a parameter without a name, a name given twice, {@code ?} markers, a
 *       typeHint on a non-string value, or a Field with zero or several members is a BadRequestException.
 *   <li>{@code :name} inside quotes ({@code '..'}, {@code ".."}, {@code `..`}) or comments is not a
 *       parameter. A parameter used twice is bound in both places.
 *   <li>{@code generatedFields}: the JDBC generated keys of the statement, left out when there are none.
 *       {@code numberOfRecordsUpdated}: the JDBC update count (matched rows), 0 for a SELECT.
 *   <li>BatchExecuteStatement outside a transaction runs all parameter sets in one transaction of its
 *       own (all or nothing); each set gives one {@code UpdateResult} (empty generatedFields if none).
 *   <li>Deadlock (1213) or lock-wait timeout (1205) inside a transaction: MySQL rolled it back (1213)
 *       or may have left it half done (1205), so the endpoint rolls it back, answers the SQL error and
 *       forgets the id (next call: TransactionNotFoundException, "Transaction has been aborted due to an
 *       error from a previous call"). Likewise for a too-large response inside a transaction (the service
 *       is seen to end the transaction then). Other SQL errors leave the transaction usable.
 *   <li>Statement timeout: the statement is stopped with {@code KILL QUERY} and the timeout answered
 *       once it has stopped; its transaction stays usable. With {@code continueAfterTimeout} it keeps
 *       running: its transaction answers "Transaction is still running a query" until it ends, then is
 *       usable again. The timeout applies to ExecuteStatement and BatchExecuteStatement.
 *   <li>{@link #pauseCluster}: rolls back every open transaction (an auto-paused instance has no
 *       connections) and closes idle connections. The pause check comes after the request and ARN checks.
 *   <li>Requests larger than 4 MiB (the documented request limit): BadRequestException.
 *   <li>formatRecordsAs JSON: an array of objects keyed by column label; a NULL is JSON null, a blob its
 *       base64 text; two columns with the same label are a BadRequestException. records and
 *       columnMetadata are then left out.
 *   <li>Transaction ids: 128 characters of base64 from 96 random bytes.
 * </ul>
 * Not emulated: the 64 KB row limit, the 24-hour transaction limit, throttling, IAM.
 */
public final class DataApiEndpoint implements AutoCloseable {
  private static final int MAX_REQUEST_BYTES = 4 * 1024 * 1024;
  private static final Map<String, String> OPERATIONS = Map.of(
      "/Execute", "ExecuteStatement",
      "/BatchExecute", "BatchExecuteStatement",
      "/BeginTransaction", "BeginTransaction",
      "/CommitTransaction", "CommitTransaction",
      "/RollbackTransaction", "RollbackTransaction",
      "/ExecuteSql", "ExecuteSql");

  /**
   * How to reach the database and how the endpoint behaves.
   *
   * @param jdbcServerUrl JDBC URL of the server without a database, e.g.
   *     {@code jdbc:mariadb://127.0.0.1:3306/}; the request's {@code database} is appended
   * @param port 0 picks a free port
   * @param statementTimeout the Data API's is 45 s
   * @param maxResponseBytes the Data API's is 1 MiB
   * @param transactionIdleTimeout the Data API's is 3 min
   */
  public record Options(String jdbcServerUrl, String user, String password, String resourceArn,
      String secretArn, int port, Duration statementTimeout, int maxResponseBytes,
      Duration transactionIdleTimeout) {
    public static final String DEFAULT_RESOURCE_ARN =
        "arn:aws:rds:us-east-1:123456789012:cluster:local-data-api";
    public static final String DEFAULT_SECRET_ARN =
        "arn:aws:secretsmanager:us-east-1:123456789012:secret:local-data-api-AbCdEf";

    public Options {
      Objects.requireNonNull(jdbcServerUrl, "jdbcServerUrl");
      Objects.requireNonNull(user, "user");
      password = password == null ? "" : password;
      Objects.requireNonNull(resourceArn, "resourceArn");
      Objects.requireNonNull(secretArn, "secretArn");
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port: " + port);
      }
      if (statementTimeout.isNegative() || statementTimeout.isZero()) {
        throw new IllegalArgumentException("statementTimeout: " + statementTimeout);
      }
      if (maxResponseBytes <= 0) {
        throw new IllegalArgumentException("maxResponseBytes: " + maxResponseBytes);
      }
      if (transactionIdleTimeout.isNegative() || transactionIdleTimeout.isZero()) {
        throw new IllegalArgumentException("transactionIdleTimeout: " + transactionIdleTimeout);
      }
    }

    /** Free port, 45 s statement timeout, 1 MiB responses, 3 min idle transactions, default ARNs. */
    public static Options defaults(String jdbcServerUrl, String user, String password) {
      return new Options(jdbcServerUrl, user, password, DEFAULT_RESOURCE_ARN, DEFAULT_SECRET_ARN, 0,
          Duration.ofSeconds(45), 1_048_576, Duration.ofMinutes(3));
    }

    public Options withPort(int port) {
      return new Options(jdbcServerUrl, user, password, resourceArn, secretArn, port, statementTimeout,
          maxResponseBytes, transactionIdleTimeout);
    }

    public Options withStatementTimeout(Duration statementTimeout) {
      return new Options(jdbcServerUrl, user, password, resourceArn, secretArn, port, statementTimeout,
          maxResponseBytes, transactionIdleTimeout);
    }

    public Options withMaxResponseBytes(int maxResponseBytes) {
      return new Options(jdbcServerUrl, user, password, resourceArn, secretArn, port, statementTimeout,
          maxResponseBytes, transactionIdleTimeout);
    }

    public Options withTransactionIdleTimeout(Duration transactionIdleTimeout) {
      return new Options(jdbcServerUrl, user, password, resourceArn, secretArn, port, statementTimeout,
          maxResponseBytes, transactionIdleTimeout);
    }
  }

  /** The SQL work of one call, run on a worker thread against one connection. */
  private interface Work {
    ObjectNode run(DbConnection connection) throws SQLException;
  }

  private final Options options;
  private final ObjectMapper json =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private final HttpServer server;
  private final ExecutorService httpThreads;
  private final ExecutorService sqlThreads;
  private final ScheduledExecutorService reaper;
  private final ConnectionPool pool;
  private final Transactions transactions = new Transactions();
  private final List<String> operations = new ArrayList<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private volatile String failureCode;
  private final Object pauseLock = new Object();
  private Duration resumeTime; // non-null while paused
  private long resumeStartedNanos;
  private boolean resuming;

  private DataApiEndpoint(Options options) throws IOException {
    this.options = options;
    this.pool = new ConnectionPool(options.jdbcServerUrl(), options.user(), options.password());
    System.setProperty("sun.net.httpserver.nodelay", "true");
    this.server = HttpServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), 64);
    // Enough for every client to wait on a lock at once (a Lambda fleet hammering one cluster).
    this.httpThreads = Executors.newFixedThreadPool(64, daemon("data-api-http"));
    this.sqlThreads = Executors.newCachedThreadPool(daemon("data-api-sql"));
    this.reaper = Executors.newSingleThreadScheduledExecutor(daemon("data-api-reaper"));
    server.setExecutor(httpThreads);
    server.createContext("/", this::handle);
  }

  /** Starts an endpoint on 127.0.0.1 ({@code options.port()}, 0 = a free port). */
  public static DataApiEndpoint start(Options options) {
    try {
      DataApiEndpoint endpoint = new DataApiEndpoint(options);
      endpoint.server.start();
      long period = Math.max(20, Math.min(1000, options.transactionIdleTimeout().toMillis() / 10));
      endpoint.reaper.scheduleWithFixedDelay(
          () -> endpoint.transactions.expireIdle(options.transactionIdleTimeout()),
          period, period, TimeUnit.MILLISECONDS);
      return endpoint;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the Data API endpoint", e);
    }
  }

  /** {@code http://127.0.0.1:<port>}, for the SDK's {@code endpointOverride}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public String resourceArn() {
    return options.resourceArn();
  }

  public String secretArn() {
    return options.secretArn();
  }

  /**
   * Auto-pauses the cluster: the next call starts a resume, and every call until {@code resumeTime}
   * has passed since then answers DatabaseResumingException. Open transactions are rolled back.
   */
  public void pauseCluster(Duration resumeTime) {
    synchronized (pauseLock) {
      this.resumeTime = Objects.requireNonNull(resumeTime);
      this.resuming = false;
    }
    transactions.endAll(Transactions.EXPIRED);
    pool.clear(false);
  }

  /** The next {@code calls} calls answer {@code errorCode} with the HTTP status the SDK model gives it. */
  public void failNext(int calls, String errorCode) {
    if (!ApiException.STATUS_BY_CODE.containsKey(errorCode)) {
      throw new IllegalArgumentException("not an RDS Data API error code: " + errorCode);
    }
    failureCode = errorCode;
    failuresLeft.set(calls);
  }

  /** Operation names received so far, in order ("ExecuteStatement", "BeginTransaction", ...). */
  public List<String> operations() {
    synchronized (operations) {
      return List.copyOf(operations);
    }
  }

  public int openTransactions() {
    return transactions.count();
  }

  /** Stops the server, rolls back and closes every open transaction's connection. */
  @Override
  public void close() {
    server.stop(0);
    reaper.shutdownNow();
    transactions.endAll(Transactions.EXPIRED);
    pool.clear(true);
    httpThreads.shutdownNow();
    sqlThreads.shutdownNow();
  }

  // ---------------------------------------------------------------------------------- HTTP

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String operation = OPERATIONS.get(exchange.getRequestURI().getPath());
      if (operation == null || !exchange.getRequestMethod().equals("POST")) {
        sendError(exchange, ApiException.of("UnknownOperationException",
            "Unknown operation " + exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath()));
        return;
      }
      synchronized (operations) {
        operations.add(operation);
      }
      try {
        ObjectNode response = dispatch(operation, exchange.getRequestBody());
        send(exchange, 200, json.writeValueAsBytes(response), null);
      } catch (ApiException e) {
        sendError(exchange, e);
      } catch (RuntimeException e) {
        System.err.println("DataApiEndpoint: internal error in " + operation + ": " + e);
        sendError(exchange, ApiException.of("InternalServerErrorException", "An internal error occurred"));
      }
    }
  }

  private ObjectNode dispatch(String operation, InputStream body) throws IOException {
    injectedFailure();
    JsonNode request = parse(body);
    if (operation.equals("ExecuteSql")) {
      throw ApiException.badRequest("This API is deprecated and not available. Use ExecuteStatement API instead");
    }
    checkArns(request);
    if (!text(request, "schema", false).isEmpty()) {
      throw ApiException.badRequest("The schema parameter isn't supported");
    }
    checkPaused();
    return switch (operation) {
      case "ExecuteStatement" -> executeStatement(request);
      case "BatchExecuteStatement" -> batchExecuteStatement(request);
      case "BeginTransaction" -> beginTransaction(request);
      case "CommitTransaction" -> endTransaction(request, true);
      case "RollbackTransaction" -> endTransaction(request, false);
      default -> throw new IllegalStateException(operation);
    };
  }

  private void injectedFailure() {
    String code = failureCode;
    if (code != null && failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw ApiException.of(code, code + " (injected by DataApiEndpoint.failNext)");
    }
  }

  private JsonNode parse(InputStream body) throws IOException {
    byte[] bytes = body.readNBytes(MAX_REQUEST_BYTES + 1);
    if (bytes.length > MAX_REQUEST_BYTES) {
      throw ApiException.badRequest("The request is larger than the 4 MiB limit");
    }
    JsonNode request;
    try {
      request = json.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("The request body is not valid JSON: " + e.getOriginalMessage());
    }
    if (request == null || !request.isObject()) {
      throw ApiException.badRequest("The request body must be a JSON object");
    }
    return request;
  }

  private void checkArns(JsonNode request) {
    String resourceArn = text(request, "resourceArn", true);
    String secretArn = text(request, "secretArn", true);
    if (!resourceArn.equals(options.resourceArn())) {
      throw ApiException.of("HttpEndpointNotEnabledException", "HttpEndpoint is not enabled for cluster " + resourceArn);
    }
    if (!secretArn.equals(options.secretArn())) {
      throw ApiException.of("SecretsErrorException", "The secret provided wasn't found: " + secretArn);
    }
  }

  private void checkPaused() {
    synchronized (pauseLock) {
      if (resumeTime == null) {
        return;
      }
      if (!resuming) {
        resuming = true;
        resumeStartedNanos = System.nanoTime();
      } else if (System.nanoTime() - resumeStartedNanos >= resumeTime.toNanos()) {
        resumeTime = null;
        resuming = false;
        return;
      }
    }
    throw ApiException.of("DatabaseResumingException", "The Aurora DB instance " + options.resourceArn()
        + " is resuming after being auto-paused. Please wait a few seconds and try again.");
  }

  private void send(HttpExchange exchange, int status, byte[] body, String errorCode) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
    if (errorCode != null) {
      exchange.getResponseHeaders().set("x-amzn-ErrorType", errorCode);
    }
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private void sendError(HttpExchange exchange, ApiException e) throws IOException {
    ObjectNode body = json.createObjectNode().put("message", e.getMessage());
    if (e.dbConnectionId() != null) {
      body.put("dbConnectionId", e.dbConnectionId());
    }
    send(exchange, e.status(), json.writeValueAsBytes(body), e.errorCode());
  }

  // ---------------------------------------------------------------------------------- operations

  private ObjectNode executeStatement(JsonNode request) {
    String sql = sql(request);
    String database = database(request);
    String transactionId = text(request, "transactionId", false);
    boolean includeMetadata = bool(request, "includeResultMetadata");
    boolean continueAfterTimeout = bool(request, "continueAfterTimeout");
    String format = text(request, "formatRecordsAs", false);
    if (!format.isEmpty() && !format.equals("NONE") && !format.equals("JSON")) {
      throw ApiException.badRequest("Invalid formatRecordsAs: " + format);
    }
    boolean formatJson = format.equals("JSON");
    NamedSql named = NamedSql.parse(sql);
    ParameterBinder parameters = ParameterBinder.of(request.get("parameters"));
    parameters.check(named);
    ResultConverter converter = new ResultConverter(json, request.get("resultSetOptions"));
    int max = options.maxResponseBytes();
    return run(transactionId, database, continueAfterTimeout, connection -> {
      try (PreparedStatement ps = connection.jdbc.prepareStatement(named.jdbcSql(), Statement.RETURN_GENERATED_KEYS)) {
        parameters.bind(ps, named);
        ObjectNode response = json.createObjectNode();
        if (ps.execute()) {
          try (ResultSet rs = ps.getResultSet()) {
            if (formatJson) {
              response.put("formattedRecords", converter.formattedRecords(rs, max));
            } else {
              response.set("records", converter.records(rs, max));
              if (includeMetadata) {
                response.set("columnMetadata", converter.columnMetadata(rs.getMetaData()));
              }
            }
          }
          response.put("numberOfRecordsUpdated", 0);
        } else {
          response.put("numberOfRecordsUpdated", Math.max(0, ps.getUpdateCount()));
          try (ResultSet keys = ps.getGeneratedKeys()) {
            ArrayNode generated = converter.generatedFields(keys);
            if (!generated.isEmpty()) {
              response.set("generatedFields", generated);
            }
          }
        }
        return checkSize(response);
      }
    });
  }

  private ObjectNode batchExecuteStatement(JsonNode request) {
    String sql = sql(request);
    String database = database(request);
    String transactionId = text(request, "transactionId", false);
    NamedSql named = NamedSql.parse(sql);
    JsonNode sets = request.get("parameterSets");
    List<ParameterBinder> binders = new ArrayList<>();
    if (sets != null && !sets.isNull()) {
      if (!sets.isArray()) {
        throw ApiException.badRequest("parameterSets must be a list of lists of SqlParameter");
      }
      for (JsonNode set : sets) {
        ParameterBinder binder = ParameterBinder.of(set);
        binder.check(named);
        binders.add(binder);
      }
    }
    ResultConverter converter = new ResultConverter(json, null);
    boolean inTransaction = !transactionId.isEmpty();
    return run(transactionId, database, false, connection -> {
      if (!inTransaction) {
        connection.jdbc.setAutoCommit(false);
      }
      try (PreparedStatement ps = connection.jdbc.prepareStatement(named.jdbcSql(), Statement.RETURN_GENERATED_KEYS)) {
        ArrayNode updateResults = json.createArrayNode();
        for (ParameterBinder binder : binders) {
          ps.clearParameters();
          binder.bind(ps, named);
          ps.execute();
          try (ResultSet keys = ps.getGeneratedKeys()) {
            updateResults.addObject().set("generatedFields", converter.generatedFields(keys));
          }
        }
        if (!inTransaction) {
          connection.jdbc.commit();
        }
        ObjectNode response = json.createObjectNode();
        response.set("updateResults", updateResults);
        return checkSize(response);
      } catch (SQLException | RuntimeException e) {
        if (!inTransaction) {
          connection.jdbc.rollback();
        }
        throw e;
      } finally {
        if (!inTransaction) {
          connection.jdbc.setAutoCommit(true);
        }
      }
    });
  }

  private ObjectNode beginTransaction(JsonNode request) {
    String database = text(request, "database", false);
    checkDatabaseName(database);
    try {
      // A pooled connection, as the real service keeps a pool to the cluster: a new one per transaction
      // would dominate every transaction's time.
      DbConnection connection =
          database.isEmpty()
              ? DbConnection.open(options.jdbcServerUrl(), options.user(), options.password(), null)
              : pool.borrow(database);
      try {
        connection.jdbc.setAutoCommit(false);
      } catch (SQLException e) {
        connection.close();
        throw e;
      }
      return json.createObjectNode().put("transactionId", transactions.add(connection));
    } catch (SQLException e) {
      throw databaseError(e);
    }
  }

  private ObjectNode endTransaction(JsonNode request, boolean commit) {
    String id = text(request, "transactionId", true);
    Transactions.Tx tx = transactions.acquire(id);
    try {
      if (commit) {
        tx.connection.jdbc.commit();
      } else {
        tx.connection.jdbc.rollback();
      }
    } catch (SQLException e) {
      transactions.abort(tx, Transactions.ABORTED);
      throw databaseError(e);
    }
    transactions.finish(tx, Transactions.TERMINATED);
    try {
      tx.connection.jdbc.setAutoCommit(true);
    } catch (SQLException e) {
      tx.connection.close();
      return json.createObjectNode().put("transactionStatus", commit ? "Transaction Committed" : "Rollback Complete");
    }
    pool.giveBack(tx.connection);
    return json.createObjectNode().put("transactionStatus", commit ? "Transaction Committed" : "Rollback Complete");
  }

  // ---------------------------------------------------------------------------------- running SQL

  /**
   * Runs {@code work} on the transaction's connection (or a pooled auto-commit one) on a worker
   * thread, and answers StatementTimeoutException when it takes longer than the statement timeout.
   */
  private ObjectNode run(String transactionId, String database, boolean continueAfterTimeout, Work work) {
    Transactions.Tx tx;
    DbConnection connection;
    if (!transactionId.isEmpty()) {
      tx = transactions.acquire(transactionId);
      connection = tx.connection;
    } else {
      if (database.isEmpty()) {
        throw ApiException.badRequest("database is required for a call outside a transaction");
      }
      tx = null;
      try {
        connection = pool.borrow(database);
      } catch (SQLException e) {
        throw databaseError(e);
      }
    }
    Callable<ObjectNode> task = () -> {
      try {
        if (tx != null && !database.isEmpty() && !database.equals(connection.jdbc.getCatalog())) {
          connection.jdbc.setCatalog(database);
        }
        return work.run(connection);
      } catch (SQLException e) {
        if (tx != null && (e.getErrorCode() == 1213 || e.getErrorCode() == 1205 || !connection.isUsable())) {
          transactions.abort(tx, Transactions.ABORTED);
        }
        throw e;
      } catch (ApiException e) {
        if (tx != null && e.getMessage().equals(ResultConverter.TOO_LARGE)) {
          transactions.abort(tx, Transactions.ABORTED);
        }
        throw e;
      } finally {
        if (tx != null) {
          transactions.release(tx);
        } else {
          pool.giveBack(connection);
        }
      }
    };
    Future<ObjectNode> future;
    try {
      future = sqlThreads.submit(task);
    } catch (RuntimeException e) { // shutting down
      if (tx != null) {
        transactions.release(tx);
      } else {
        pool.giveBack(connection);
      }
      throw ApiException.of("ServiceUnavailableError", "The endpoint is shutting down");
    }
    long timeoutMillis = options.statementTimeout().toMillis();
    try {
      return future.get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      String seconds = timeoutMillis % 1000 == 0 ? (timeoutMillis / 1000) + " seconds" : timeoutMillis + " ms";
      if (continueAfterTimeout) {
        throw ApiException.statementTimeout("The statement timed out after " + seconds
            + " and continues to run (continueAfterTimeout)", connection.threadId);
      }
      DbConnection.killQuery(options.jdbcServerUrl(), options.user(), options.password(), connection.threadId);
      try {
        future.get(10, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException ignored) {
        // stopped with an error, or still stopping: the caller gets the timeout either way
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
      }
      throw ApiException.statementTimeout("The statement timed out after " + seconds
          + " and was cancelled", connection.threadId);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof ApiException api) {
        throw api;
      }
      if (cause instanceof SQLException sql) {
        throw databaseError(sql);
      }
      throw new IllegalStateException(cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApiException.of("ServiceUnavailableError", "The endpoint is shutting down");
    }
  }

  private ObjectNode checkSize(ObjectNode response) {
    try {
      if (json.writeValueAsBytes(response).length > options.maxResponseBytes()) {
        throw ApiException.badRequest(ResultConverter.TOO_LARGE);
      }
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return response;
  }

  private static ApiException databaseError(SQLException e) {
    String message = e.getMessage() == null ? "" : e.getMessage().replaceFirst("^\\(conn=\\d+\\) ", "");
    return ApiException.databaseError(e.getErrorCode(), message);
  }

  // ---------------------------------------------------------------------------------- request members

  private static String sql(JsonNode request) {
    String sql = text(request, "sql", true);
    if (sql.length() > 65_536) {
      throw ApiException.badRequest("sql is longer than 65536 characters");
    }
    return sql;
  }

  private static String database(JsonNode request) {
    String database = text(request, "database", false);
    checkDatabaseName(database);
    return database;
  }

  private static void checkDatabaseName(String database) {
    if (!database.isEmpty() && !database.matches("[A-Za-z0-9_$]{1,64}")) {
      throw ApiException.badRequest("Invalid database name: " + database);
    }
  }

  /** A string member; absent or JSON null is "" unless required (then BadRequestException). */
  private static String text(JsonNode request, String name, boolean required) {
    JsonNode v = request.get(name);
    if (v == null || v.isNull()) {
      if (required) {
        throw ApiException.badRequest(name + " is required");
      }
      return "";
    }
    if (!v.isTextual()) {
      throw ApiException.badRequest(name + " must be a string");
    }
    if (required && v.asText().isEmpty()) {
      throw ApiException.badRequest(name + " is required");
    }
    return v.asText();
  }

  private static boolean bool(JsonNode request, String name) {
    JsonNode v = request.get(name);
    if (v == null || v.isNull()) {
      return false;
    }
    if (!v.isBoolean()) {
      throw ApiException.badRequest(name + " must be a boolean");
    }
    return v.booleanValue();
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  // ---------------------------------------------------------------------------------- standalone

  /** The options that {@link #main} reads from its arguments. */
  static Options optionsFromArgs(String[] args) {
    String url = null;
    String user = "root";
    String password = "";
    String resourceArn = Options.DEFAULT_RESOURCE_ARN;
    String secretArn = Options.DEFAULT_SECRET_ARN;
    int port = 0;
    for (int i = 0; i < args.length; i++) {
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value after " + args[i]);
      }
      String value = args[++i];
      switch (args[i - 1]) {
        case "--port" -> port = Integer.parseInt(value);
        case "--jdbc-url" -> url = value;
        case "--user" -> user = value;
        case "--password" -> password = value;
        case "--resource-arn" -> resourceArn = value;
        case "--secret-arn" -> secretArn = value;
        default -> throw new IllegalArgumentException("unknown option " + args[i - 1]);
      }
    }
    if (url == null) {
      throw new IllegalArgumentException("--jdbc-url is required");
    }
    Options d = Options.defaults(url, user, password);
    return new Options(url, user, password, resourceArn, secretArn, port, d.statementTimeout(),
        d.maxResponseBytes(), d.transactionIdleTimeout());
  }

  /**
   * Standalone: {@code --port N --jdbc-url URL --user U --password P [--resource-arn A --secret-arn S]};
   * prints the endpoint URL and the ARNs, runs until killed.
   */
  public static void main(String[] args) throws InterruptedException {
    Options options;
    try {
      options = optionsFromArgs(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println("usage: DataApiEndpoint --port N --jdbc-url URL --user U --password P"
          + " [--resource-arn A --secret-arn S]");
      System.exit(2);
      return;
    }
    DataApiEndpoint endpoint = start(options);
    Runtime.getRuntime().addShutdownHook(new Thread(endpoint::close));
    System.out.println("endpoint:     " + endpoint.endpoint());
    System.out.println("resourceArn:  " + endpoint.resourceArn());
    System.out.println("secretArn:    " + endpoint.secretArn());
    System.out.flush();
    Thread.currentThread().join();
  }
}
