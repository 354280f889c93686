package com.comicshelf.sql.dataapi;

import com.comicshelf.aws.AwsClients;
import com.comicshelf.common.Deadline;
import com.comicshelf.config.DatabaseSettings;
import com.comicshelf.http.Priming;
import com.comicshelf.observability.Telemetry;
import com.comicshelf.sql.DatabaseUnavailableException;
import com.comicshelf.sql.NamedSql;
import com.comicshelf.sql.Retry;
import com.comicshelf.sql.SqlClient;
import com.comicshelf.sql.SqlException;
import com.comicshelf.sql.TransactionConflictException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.rdsdata.RdsDataClient;
import software.amazon.awssdk.services.rdsdata.model.BatchExecuteStatementRequest;
import software.amazon.awssdk.services.rdsdata.model.DecimalReturnType;
import software.amazon.awssdk.services.rdsdata.model.ExecuteStatementRequest;
import software.amazon.awssdk.services.rdsdata.model.ExecuteStatementResponse;
import software.amazon.awssdk.services.rdsdata.model.Field;
import software.amazon.awssdk.services.rdsdata.model.LongReturnType;
import software.amazon.awssdk.services.rdsdata.model.ResultSetOptions;
import software.amazon.awssdk.services.rdsdata.model.SqlParameter;

/**
 * {@link SqlClient} over the RDS Data API: every statement is one HTTPS call, so a function needs no
 * VPC, no connection pool, and leaves no half-open connection behind when it dies mid-request.
 *
 * <p>Transactions are the API's own ({@code BeginTransaction} … {@code CommitTransaction}); the
 * transaction id is kept per thread, so every statement {@code work} runs joins it, as with JDBC. A
 * paused Aurora Serverless cluster answers {@code DatabaseResumingException} for about 15 s: calls are
 * retried with backoff and jitter until the request's deadline, then {@link
 * DatabaseUnavailableException} tells the client when to come back. See {@link DataApiErrors} for how
 * the API's other errors map to {@link SqlException}s, and {@link DataApiValues} for the typing.
 */
public final class DataApiSqlClient implements SqlClient, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DataApiSqlClient.class);
  /** The API cancels a statement after 45 s; the HTTP call may take a little longer to say so. */
  static final Duration API_CALL_LIMIT = Duration.ofSeconds(50);
  /** Parameter sets per BatchExecuteStatement call, to stay far below the request size limit. */
  static final int BATCH_SIZE = 500;
  private static final int MAX_CACHED_STATEMENTS = 512;
  /** What a function's role must allow on the cluster (template.yaml is checked against it). */
  public static final List<String> IAM_ACTIONS =
      List.of(
          "rds-data:ExecuteStatement",
          "rds-data:BatchExecuteStatement",
          "rds-data:BeginTransaction",
          "rds-data:CommitTransaction",
          "rds-data:RollbackTransaction");
  /** The Data API signs in with the cluster's secret as the caller: the role must be able to read it. */
  public static final List<String> SECRET_IAM_ACTIONS = List.of("secretsmanager:GetSecretValue");

  private final RdsDataClient client;
  private final String resourceArn;
  private final String secretArn;
  private final String database;
  private final ThreadLocal<String> transactionId = new ThreadLocal<>();
  private final Map<String, List<String>> parameterNames = new ConcurrentHashMap<>();
  private final boolean ownsClient;

  public DataApiSqlClient(RdsDataClient client, String resourceArn, String secretArn, String database) {
    this(client, resourceArn, secretArn, database, false);
  }

  private DataApiSqlClient(
      RdsDataClient client, String resourceArn, String secretArn, String database, boolean ownsClient) {
    this.ownsClient = ownsClient;
    this.client = Objects.requireNonNull(client, "client");
    this.resourceArn = Objects.requireNonNull(resourceArn, "resourceArn");
    this.secretArn = Objects.requireNonNull(secretArn, "secretArn");
    this.database = Objects.requireNonNull(database, "database");
  }

  /** A client for the settings' cluster, through AWS's endpoint or the one the settings name. */
  public static DataApiSqlClient create(DatabaseSettings.DataApi settings) {
    Priming.register("Data API values", DataApiValues::prime);
    return new DataApiSqlClient(
        newRdsDataClient(settings), settings.clusterArn(), settings.secretArn(), settings.database(), true);
  }

  /**
   * The SDK client. Its own retries are off: a statement the API may have run must not run twice;
   * resuming (which runs nothing) is retried here, against the request's deadline.
   */
  static RdsDataClient newRdsDataClient(DatabaseSettings.DataApi settings) {
    var builder =
        RdsDataClient.builder()
            .region(AwsClients.region())
            .httpClient(AwsClients.httpClient(Duration.ofSeconds(3), API_CALL_LIMIT))
            .overrideConfiguration(o -> o.apiCallTimeout(API_CALL_LIMIT).retryStrategy(AwsRetryStrategy.doNotRetry()));
    settings.endpoint().ifPresent(builder::endpointOverride);
    return builder.build();
  }

  /** Closes the SDK client if this client built it ({@link #create}). */
  @Override
  public void close() {
    if (ownsClient) {
      client.close();
    }
  }

  @Override
  public <T> List<T> query(String sql, Map<String, ?> params, RowMapper<T> mapper) {
    ExecuteStatementResponse response = execute(sql, params, true);
    List<T> rows = new ArrayList<>(response.records().size());
    DataApiRow.Columns columns = DataApiRow.Columns.of(response.columnMetadata());
    for (List<Field> record : response.records()) {
      rows.add(mapper.map(new DataApiRow(columns, record)));
    }
    return rows;
  }

  @Override
  public int update(String sql, Map<String, ?> params) {
    return Math.toIntExact(execute(sql, params, false).numberOfRecordsUpdated());
  }

  @Override
  public long insertReturningKey(String sql, Map<String, ?> params) {
    List<Field> generated = execute(sql, params, false).generatedFields();
    if (generated.isEmpty()) {
      throw new SqlException("no generated key returned", null);
    }
    return DataApiValues.toLong(generated.get(0));
  }

  @Override
  public void batchUpdate(String sql, List<? extends Map<String, ?>> rows) {
    List<String> names = names(sql);
    for (int from = 0; from < rows.size(); from += BATCH_SIZE) {
      List<List<SqlParameter>> sets = new ArrayList<>();
      for (Map<String, ?> row : rows.subList(from, Math.min(rows.size(), from + BATCH_SIZE))) {
        sets.add(DataApiValues.parameters(names, row));
      }
      call(
          "BatchExecuteStatement",
          () ->
              client.batchExecuteStatement(
                  BatchExecuteStatementRequest.builder()
                      .resourceArn(resourceArn)
                      .secretArn(secretArn)
                      .database(database)
                      .sql(sql)
                      .parameterSets(sets)
                      .transactionId(transactionId.get())
                      .overrideConfiguration(withinDeadline())
                      .build()));
    }
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    if (transactionId.get() != null) {
      return work.get();
    }
    return Retry.CONFLICTS.run(
        "transaction",
        () -> runTransaction(work),
        e -> e instanceof TransactionConflictException,
        DatabaseUnavailableException::busy);
  }

  private <T> T runTransaction(Supplier<T> work) {
    String id =
        call(
                "BeginTransaction",
                () ->
                    client.beginTransaction(
                        b ->
                            b.resourceArn(resourceArn)
                                .secretArn(secretArn)
                                .database(database)
                                .overrideConfiguration(withinDeadline())))
            .transactionId();
    transactionId.set(id);
    try {
      T result = work.get();
      call(
          "CommitTransaction",
          () ->
              client.commitTransaction(
                  b -> b.resourceArn(resourceArn).secretArn(secretArn).transactionId(id)
                      .overrideConfiguration(withinDeadline())));
      return result;
    } catch (RuntimeException e) {
      rollbackQuietly(id);
      throw e;
    } finally {
      transactionId.remove();
    }
  }

  private void rollbackQuietly(String id) {
    try {
      client.rollbackTransaction(
          b -> b.resourceArn(resourceArn).secretArn(secretArn).transactionId(id).overrideConfiguration(withinDeadline()));
    } catch (SdkException e) {
      // An aborted transaction is already gone (a deadlock rolls it back); an idle one times out.
      log.debug("rollback of a Data API transaction failed: {}", e.getMessage());
    }
  }

  private ExecuteStatementResponse execute(String sql, Map<String, ?> params, boolean withMetadata) {
    List<SqlParameter> parameters = DataApiValues.parameters(names(sql), params);
    return call(
        "ExecuteStatement",
        () ->
            client.executeStatement(
                ExecuteStatementRequest.builder()
                    .resourceArn(resourceArn)
                    .secretArn(secretArn)
                    .database(database)
                    .sql(sql)
                    .parameters(parameters.isEmpty() ? null : parameters)
                    .transactionId(transactionId.get())
                    .includeResultMetadata(withMetadata)
                    .resultSetOptions(RESULT_OPTIONS)
                    .overrideConfiguration(withinDeadline())
                    .build()));
  }

  /** Decimals as exact strings, whole numbers as numbers. */
  private static final ResultSetOptions RESULT_OPTIONS =
      ResultSetOptions.builder()
          .decimalReturnType(DecimalReturnType.STRING)
          .longReturnType(LongReturnType.LONG)
          .build();

  /**
   * One API call: its errors translated; a resuming cluster waited for, with backoff and jitter, until
   * the request's deadline; then the client is told to come back when the resume should be done.
   */
  private <R> R call(String operation, Supplier<R> request) {
    return Retry.RESUMING.run(
        operation,
        () -> {
          try {
            return request.get();
          } catch (SdkException e) {
            throw DataApiErrors.translate(operation, e);
          }
        },
        e -> {
          boolean resuming = DataApiErrors.isResuming(e);
          if (resuming) {
            Telemetry.databaseResuming();
          }
          return resuming;
        },
        DataApiErrors::resumeTakingTooLong);
  }

  /** The HTTP call may not outlive the request (nor the API's own limit). */
  private static AwsRequestOverrideConfiguration withinDeadline() {
    Duration remaining = Deadline.remaining();
    Duration limit = remaining.compareTo(API_CALL_LIMIT) < 0 ? remaining : API_CALL_LIMIT;
    if (limit.compareTo(Duration.ofSeconds(1)) < 0) {
      limit = Duration.ofSeconds(1);
    }
    return AwsRequestOverrideConfiguration.builder().apiCallTimeout(limit).build();
  }

  private List<String> names(String sql) {
    List<String> names = parameterNames.get(sql);
    if (names == null) {
      names = NamedSql.parse(sql).names().stream().distinct().toList();
      if (parameterNames.size() < MAX_CACHED_STATEMENTS) {
        parameterNames.put(sql, names);
      }
    }
    return names;
  }
}
