package com.comicshelf.testing.dataapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rdsdata.RdsDataClient;
import software.amazon.awssdk.services.rdsdata.model.BadRequestException;
import software.amazon.awssdk.services.rdsdata.model.BatchExecuteStatementResponse;
import software.amazon.awssdk.services.rdsdata.model.ColumnMetadata;
import software.amazon.awssdk.services.rdsdata.model.DatabaseErrorException;
import software.amazon.awssdk.services.rdsdata.model.DatabaseResumingException;
import software.amazon.awssdk.services.rdsdata.model.DecimalReturnType;
import software.amazon.awssdk.services.rdsdata.model.ExecuteStatementRequest;
import software.amazon.awssdk.services.rdsdata.model.ExecuteStatementResponse;
import software.amazon.awssdk.services.rdsdata.model.Field;
import software.amazon.awssdk.services.rdsdata.model.HttpEndpointNotEnabledException;
import software.amazon.awssdk.services.rdsdata.model.LongReturnType;
import software.amazon.awssdk.services.rdsdata.model.RdsDataException;
import software.amazon.awssdk.services.rdsdata.model.RecordsFormatType;
import software.amazon.awssdk.services.rdsdata.model.SecretsErrorException;
import software.amazon.awssdk.services.rdsdata.model.SqlParameter;
import software.amazon.awssdk.services.rdsdata.model.StatementTimeoutException;
import software.amazon.awssdk.services.rdsdata.model.TransactionNotFoundException;
import software.amazon.awssdk.services.rdsdata.model.TypeHint;
import software.amazon.awssdk.services.rdsdata.model.UnsupportedResultException;

/** Drives {@link DataApiEndpoint} with the real AWS SDK v2 {@code RdsDataClient} against the MariaDB. */
class DataApiEndpointIT {
  private static final String SERVER_URL =
      System.getenv().getOrDefault("COMICSHELF_TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/");
  private static final String USER = System.getenv().getOrDefault("COMICSHELF_TEST_MARIADB_USER", "root");
  private static final String PASSWORD = System.getenv().getOrDefault("COMICSHELF_TEST_MARIADB_PASSWORD", "");
  private static final String DB = "dataapi_endpoint_it";
  private static final List<String> TABLES = List.of("typed", "items", "accounts", "probe", "big");

  private static DataApiEndpoint endpoint;
  private static RdsDataClient client;
  private final List<AutoCloseable> extra = new ArrayList<>();

  @BeforeAll
  static void createDatabase() throws SQLException {
    try (Connection c = DriverManager.getConnection(SERVER_URL, USER, PASSWORD);
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + DB);
      s.execute("CREATE DATABASE " + DB + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
      s.execute("USE " + DB);
      s.execute("CREATE TABLE typed (id BIGINT AUTO_INCREMENT PRIMARY KEY, ub BIGINT UNSIGNED, i INT,"
          + " ti1 TINYINT(1), bo BOOLEAN, b1 BIT(1), dec2 DECIMAL(10,2), f FLOAT, d DOUBLE, vc VARCHAR(100),"
          + " dt6 DATETIME(6), dt DATETIME, da DATE, tm TIME(3), js JSON, bl BLOB, uu CHAR(36), nul VARCHAR(10))");
      s.execute("CREATE TABLE items (id BIGINT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(100) NOT NULL,"
          + " qty INT NOT NULL DEFAULT 0, UNIQUE KEY name (name))");
      s.execute("CREATE TABLE accounts (id INT PRIMARY KEY, balance INT NOT NULL)");
      s.execute("CREATE TABLE probe (v INT)");
      s.execute("CREATE TABLE big (id INT AUTO_INCREMENT PRIMARY KEY, payload VARCHAR(500))");
    }
    endpoint = DataApiEndpoint.start(DataApiEndpoint.Options.defaults(SERVER_URL, USER, PASSWORD));
    client = client(endpoint, false);
  }

  @AfterAll
  static void stop() {
    client.close();
    endpoint.close();
  }

  @BeforeEach
  void emptyTables() throws SQLException {
    jdbc(s -> {
      for (String table : TABLES) {
        s.execute("TRUNCATE TABLE " + table);
      }
    });
  }

  @AfterEach
  void cleanUp() throws Exception {
    for (AutoCloseable c : extra) {
      c.close();
    }
    if (endpoint.openTransactions() > 0) { // a failed test left a transaction (and its locks) open
      client.close();
      endpoint.close();
      endpoint = DataApiEndpoint.start(DataApiEndpoint.Options.defaults(SERVER_URL, USER, PASSWORD));
      client = client(endpoint, false);
    }
  }

  // ------------------------------------------------------------------------------------ types

  @Test
  void executeStatement_returnsTypedFields_withColumnMetadata() {
    // GIVEN a row written through the endpoint with one typed parameter per column
    ExecuteStatementResponse insert = execute("INSERT INTO typed (ub, i, ti1, bo, b1, dec2, f, d, vc, dt6, dt, da, tm,"
            + " js, bl, uu, nul) VALUES (:ub, :i, :ti1, :bo, :b1, :dec2, :f, :d, :vc, :dt6, :dt, :da, :tm, :js, :bl,"
            + " :uu, :nul)",
        p("ub", Field.fromLongValue(Long.MAX_VALUE - 1)),
        p("i", Field.fromLongValue(-42L)),
        p("ti1", Field.fromBooleanValue(true)),
        p("bo", Field.fromBooleanValue(false)),
        p("b1", Field.fromBooleanValue(true)),
        p("dec2", Field.fromStringValue("12345678.90"), TypeHint.DECIMAL),
        p("f", Field.fromDoubleValue(1.5)),
        p("d", Field.fromDoubleValue(0.1)),
        p("vc", Field.fromStringValue("O'Brien said \"hi\" \\ 😀")),
        p("dt6", Field.fromStringValue("2024-02-29 23:59:58.123"), TypeHint.TIMESTAMP),
        p("dt", Field.fromStringValue("2024-01-02 03:04:05"), TypeHint.TIMESTAMP),
        p("da", Field.fromStringValue("2024-02-29"), TypeHint.DATE),
        p("tm", Field.fromStringValue("10:11:12.5"), TypeHint.TIME),
        p("js", Field.fromStringValue("{\"a\": [1, 2]}"), TypeHint.JSON),
        p("bl", Field.fromBlobValue(SdkBytes.fromByteArray(new byte[] {0, 1, 2, (byte) 255}))),
        p("uu", Field.fromStringValue("123e4567-e89b-12d3-a456-426614174000"), TypeHint.UUID),
        p("nul", Field.fromIsNull(true)));
    assertThat(insert.numberOfRecordsUpdated()).isEqualTo(1L);

    // WHEN it is read back with result metadata
    ExecuteStatementResponse read = client.executeStatement(request(
        "SELECT id, ub AS big_unsigned, i, ti1, bo, b1, dec2, f, d, vc, dt6, dt, da, tm, js, bl, uu, nul FROM typed")
        .includeResultMetadata(true).build());

    // THEN every column comes back as the Field member of its type
    assertThat(read.records()).hasSize(1);
    List<Field> row = read.records().get(0);
    assertThat(row.get(0).longValue()).isEqualTo(insert.generatedFields().get(0).longValue());
    assertThat(row.get(1).longValue()).isEqualTo(Long.MAX_VALUE - 1);
    assertThat(row.get(2).longValue()).isEqualTo(-42L);
    assertThat(row.get(3).booleanValue()).isTrue(); // TINYINT(1): reported as BOOLEAN by the driver
    assertThat(row.get(4).booleanValue()).isFalse();
    assertThat(row.get(5).booleanValue()).isTrue(); // BIT(1)
    assertThat(row.get(6).stringValue()).isEqualTo("12345678.90");
    assertThat(row.get(7).doubleValue()).isEqualTo(1.5);
    assertThat(row.get(8).doubleValue()).isEqualTo(0.1);
    assertThat(row.get(9).stringValue()).isEqualTo("O'Brien said \"hi\" \\ 😀");
    assertThat(row.get(10).stringValue()).isEqualTo("2024-02-29 23:59:58.123");
    assertThat(row.get(11).stringValue()).isEqualTo("2024-01-02 03:04:05");
    assertThat(row.get(12).stringValue()).isEqualTo("2024-02-29");
    assertThat(row.get(13).stringValue()).isEqualTo("10:11:12.5");
    assertThat(row.get(14).stringValue()).isEqualTo("{\"a\": [1, 2]}");
    assertThat(row.get(15).blobValue().asByteArray()).containsExactly(0, 1, 2, 255);
    assertThat(row.get(16).stringValue()).isEqualTo("123e4567-e89b-12d3-a456-426614174000");
    assertThat(row.get(17).isNull()).isTrue();
    assertThat(row).allSatisfy(f -> assertThat(f.type()).isNotEqualTo(Field.Type.UNKNOWN_TO_SDK_VERSION));

    // AND the column metadata describes each column
    Map<String, ColumnMetadata> meta = read.columnMetadata().stream()
        .collect(Collectors.toMap(ColumnMetadata::label, m -> m));
    assertThat(read.columnMetadata()).hasSize(18);
    ColumnMetadata id = meta.get("id");
    assertThat(id.isAutoIncrement()).isTrue();
    assertThat(id.type()).isEqualTo(Types.BIGINT);
    assertThat(id.nullable()).isEqualTo(0);
    assertThat(id.tableName()).isEqualTo("typed");
    assertThat(id.schemaName()).isEqualTo(DB);
    ColumnMetadata ub = meta.get("big_unsigned");
    assertThat(ub.name()).isEqualTo("ub");
    assertThat(ub.typeName()).isEqualTo("BIGINT UNSIGNED");
    assertThat(ub.isSigned()).isFalse();
    assertThat(ub.nullable()).isEqualTo(1);
    ColumnMetadata dec = meta.get("dec2");
    assertThat(dec.type()).isEqualTo(Types.DECIMAL);
    assertThat(dec.precision()).isEqualTo(10);
    assertThat(dec.scale()).isEqualTo(2);
    assertThat(dec.isCurrency()).isFalse();
    assertThat(meta.get("dt6").type()).isEqualTo(Types.TIMESTAMP);
    assertThat(meta.get("vc").typeName()).isEqualTo("VARCHAR");
    assertThat(meta.get("vc").isCaseSensitive()).isNotNull();
    assertThat(meta.get("ti1").type()).isEqualTo(Types.BOOLEAN);
    assertThat(read.columnMetadata()).allSatisfy(m -> assertThat(m.arrayBaseColumnType()).isZero());
    assertThat(read.numberOfRecordsUpdated()).isZero();
  }

  @Test
  void executeStatement_withoutIncludeResultMetadata_hasNoColumnMetadata() {
    // GIVEN / WHEN a SELECT without includeResultMetadata
    ExecuteStatementResponse r = execute("SELECT 1 AS one");

    // THEN only the records come back
    assertThat(r.records()).hasSize(1);
    assertThat(r.records().get(0).get(0).longValue()).isEqualTo(1L);
    assertThat(r.hasColumnMetadata()).isFalse();
  }

  @Test
  void executeStatement_bindsNamedParameterInEveryPlace_butNotInsideQuotesOrComments() {
    // GIVEN SQL that uses :n twice, and ':n' inside strings, a quoted identifier and comments
    String sql = "SELECT :n AS a, :n * 2 AS b, ':n' AS c, \":n\" AS d, 7 AS `:n` /* :n */ -- :unbound\n";

    // WHEN it runs with one parameter n
    ExecuteStatementResponse r = client.executeStatement(request(sql)
        .parameters(p("n", Field.fromLongValue(21L))).includeResultMetadata(true).build());

    // THEN both markers were bound, the quoted and commented ones were left alone
    List<Field> row = r.records().get(0);
    assertThat(row.get(0).longValue()).isEqualTo(21L);
    assertThat(row.get(1).longValue()).isEqualTo(42L);
    assertThat(row.get(2).stringValue()).isEqualTo(":n");
    assertThat(row.get(3).stringValue()).isEqualTo(":n");
    assertThat(row.get(4).longValue()).isEqualTo(7L);
    assertThat(r.columnMetadata().get(4).label()).isEqualTo(":n");
  }

  @Test
  void executeStatement_parameterWithoutValue_isBadRequest() {
    // GIVEN / WHEN SQL with :missing and no parameter of that name
    Throwable thrown = catchThrowable(() -> execute("SELECT :given, :missing", p("given", Field.fromLongValue(1L))));

    // THEN BadRequestException
    assertError(thrown, BadRequestException.class, 400, "BadRequestException");
    assertThat(message(thrown)).contains("missing");
  }

  @Test
  void executeStatement_arrayValue_isBadRequest() {
    // GIVEN / WHEN an arrayValue parameter (not supported by MySQL)
    Throwable thrown = catchThrowable(() -> execute("SELECT :a",
        p("a", Field.fromArrayValue(a -> a.longValues(1L, 2L)))));

    // THEN BadRequestException
    assertError(thrown, BadRequestException.class, 400, "BadRequestException");
    assertThat(message(thrown)).contains("Array parameters are not supported");
  }

  @ParameterizedTest
  @ValueSource(strings = {"2024-01-02T03:04:05", "2024-01-02 03:04:05Z", "2024-01-02T03:04:05.123Z",
      "2024-01-02 03:04:05.123456", "2024-01-02 03:04:05.1234", "2024-02-30 00:00:00", "2024-01-02 03:04", ""})
  void executeStatement_timestampHintOutsideDocumentedFormat_isBadRequest(String value) {
    // GIVEN / WHEN a TIMESTAMP hint on a value not in YYYY-MM-DD HH:MM:SS[.FFF]
    Throwable thrown = catchThrowable(() -> execute("INSERT INTO typed (dt6) VALUES (:t)",
        p("t", Field.fromStringValue(value), TypeHint.TIMESTAMP)));

    // THEN BadRequestException, nothing written
    assertError(thrown, BadRequestException.class, 400, "BadRequestException");
    assertThat(count("SELECT COUNT(*) FROM typed")).isZero();
  }

  @ParameterizedTest
  @CsvSource({
      "2024-01-02 03:04:05,     2024-01-02 03:04:05.000000, 2024-01-02 03:04:05",
      "2024-01-02 03:04:05.1,   2024-01-02 03:04:05.100000, 2024-01-02 03:04:05.1",
      "2024-01-02 03:04:05.12,  2024-01-02 03:04:05.120000, 2024-01-02 03:04:05.12",
      "2024-01-02 03:04:05.123, 2024-01-02 03:04:05.123000, 2024-01-02 03:04:05.123"})
  void executeStatement_timestampHintWith0To3FractionDigits_isStoredExactly(String sent, String stored, String read) {
    // GIVEN / WHEN a TIMESTAMP-hinted value with 0 to 3 fraction digits is written to a DATETIME(6)
    execute("INSERT INTO typed (dt6) VALUES (:t)", p("t", Field.fromStringValue(sent), TypeHint.TIMESTAMP));

    // THEN the database holds exactly that instant, and it reads back in the documented format
    assertThat(string("SELECT dt6 FROM typed")).isEqualTo(stored);
    assertThat(execute("SELECT dt6 FROM typed").records().get(0).get(0).stringValue()).isEqualTo(read);
  }

  @Test
  void executeStatement_datetime6WithMicroseconds_isReadTruncatedToMillis() {
    // GIVEN DATETIME(6) values with sub-millisecond digits, written directly over JDBC
    jdbc(s -> s.execute("INSERT INTO typed (id, dt6) VALUES (1, '2024-05-06 07:08:09.123999'),"
        + " (2, '2024-05-06 07:08:09.000001'), (3, '2024-05-06 07:08:09.120456')"));

    // WHEN they are read through the endpoint
    List<List<Field>> rows = execute("SELECT dt6 FROM typed ORDER BY id").records();

    // THEN the fraction is truncated (not rounded) to milliseconds
    assertThat(rows).extracting(r -> r.get(0).stringValue())
        .containsExactly("2024-05-06 07:08:09.123", "2024-05-06 07:08:09", "2024-05-06 07:08:09.12");
  }

  @Test
  void executeStatement_decimal_isExactStringByDefault_andDoubleOrLongOnRequest() {
    // GIVEN a DECIMAL(10,2)
    execute("INSERT INTO typed (dec2) VALUES (:v)", p("v", Field.fromStringValue("12345678.91"), TypeHint.DECIMAL));
    String sql = "SELECT dec2, CAST(5 AS DECIMAL(5,0)) AS whole FROM typed";

    // WHEN read with the default options, and with decimalReturnType DOUBLE_OR_LONG
    List<Field> asString = execute(sql).records().get(0);
    List<Field> asNumber = client.executeStatement(request(sql)
        .resultSetOptions(o -> o.decimalReturnType(DecimalReturnType.DOUBLE_OR_LONG)).build()).records().get(0);

    // THEN the default is the exact string, DOUBLE_OR_LONG a double (scale 2) or a long (scale 0)
    assertThat(asString.get(0).stringValue()).isEqualTo("12345678.91");
    assertThat(asString.get(1).stringValue()).isEqualTo("5");
    assertThat(asNumber.get(0).doubleValue()).isEqualTo(12345678.91);
    assertThat(asNumber.get(1).longValue()).isEqualTo(5L);
  }

  @Test
  void executeStatement_bigintUnsigned_isLong_orStringWithLongReturnTypeString() {
    // GIVEN BIGINT UNSIGNED values at 2^63-1 and at 2^64-1
    jdbc(s -> s.execute("INSERT INTO typed (id, ub) VALUES (1, 9223372036854775807), (2, 18446744073709551615)"));

    // WHEN read as longs and as strings
    Field max = execute("SELECT ub FROM typed WHERE id = 1").records().get(0).get(0);
    Throwable tooBig = catchThrowable(() -> execute("SELECT ub FROM typed WHERE id = 2"));
    List<List<Field>> strings = client.executeStatement(request("SELECT ub, id FROM typed ORDER BY id")
        .resultSetOptions(o -> o.longReturnType(LongReturnType.STRING)).build()).records();

    // THEN 2^63-1 is a long, 2^64-1 does not fit one, and STRING gives both exactly
    assertThat(max.longValue()).isEqualTo(Long.MAX_VALUE);
    assertError(tooBig, UnsupportedResultException.class, 400, "UnsupportedResultException");
    assertThat(strings).extracting(r -> r.get(0).stringValue())
        .containsExactly("9223372036854775807", "18446744073709551615");
    assertThat(strings.get(0).get(1).stringValue()).isEqualTo("1");
  }

  @Test
  void executeStatement_formatRecordsAsJson_returnsFormattedRecords() throws Exception {
    // GIVEN two items
    jdbc(s -> s.execute("INSERT INTO items (id, name, qty) VALUES (1, 'a', 3), (2, 'b', 0)"));

    // WHEN selected with formatRecordsAs JSON
    ExecuteStatementResponse r = client.executeStatement(request(
        "SELECT id, name AS label, NULL AS nothing FROM items ORDER BY id")
        .formatRecordsAs(RecordsFormatType.JSON).build());

    // THEN formattedRecords is a JSON array of objects keyed by label, and no records
    JsonNode rows = new ObjectMapper().readTree(r.formattedRecords());
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).get("id").asLong()).isEqualTo(1L);
    assertThat(rows.get(1).get("label").asText()).isEqualTo("b");
    assertThat(rows.get(0).get("nothing").isNull()).isTrue();
    assertThat(r.hasRecords()).isFalse();
  }

  // ------------------------------------------------------------------------------------ updates

  @Test
  void executeStatement_insert_returnsGeneratedKey_andUpdateCounts() {
    // GIVEN an existing item, so the next auto-increment id is not 1
    jdbc(s -> s.execute("INSERT INTO items (id, name) VALUES (41, 'first')"));

    // WHEN another is inserted, then both updated, then selected
    ExecuteStatementResponse insert = execute("INSERT INTO items (name) VALUES (:n)", p("n", Field.fromStringValue("second")));
    ExecuteStatementResponse update = execute("UPDATE items SET qty = qty + 1");
    ExecuteStatementResponse select = execute("SELECT * FROM items");

    // THEN the insert returns the generated key, and the update counts are the JDBC ones
    assertThat(insert.generatedFields()).extracting(Field::longValue).containsExactly(42L);
    assertThat(insert.numberOfRecordsUpdated()).isEqualTo(1L);
    assertThat(update.numberOfRecordsUpdated()).isEqualTo(2L);
    assertThat(update.hasGeneratedFields()).isFalse();
    assertThat(select.numberOfRecordsUpdated()).isZero();
    assertThat(count("SELECT id FROM items WHERE name = 'second'")).isEqualTo(42L);
  }

  @Test
  void batchExecuteStatement_returnsOneUpdateResultPerSet_withGeneratedKeys() {
    // GIVEN three parameter sets
    List<List<SqlParameter>> sets = List.of(
        List.of(p("n", Field.fromStringValue("x")), p("q", Field.fromLongValue(1L))),
        List.of(p("n", Field.fromStringValue("y")), p("q", Field.fromLongValue(2L))),
        List.of(p("n", Field.fromStringValue("z")), p("q", Field.fromIsNull(true))));

    // WHEN they run as one batch (the last one with a NULL qty, replaced by COALESCE)
    BatchExecuteStatementResponse r = client.batchExecuteStatement(b -> b.resourceArn(endpoint.resourceArn())
        .secretArn(endpoint.secretArn()).database(DB)
        .sql("INSERT INTO items (name, qty) VALUES (:n, COALESCE(:q, 0))").parameterSets(sets));

    // THEN there is one update result per set, each with its generated key
    assertThat(r.updateResults()).hasSize(3);
    List<Long> ids = r.updateResults().stream().map(u -> u.generatedFields().get(0).longValue()).toList();
    assertThat(ids).containsExactly(1L, 2L, 3L);
    assertThat(count("SELECT SUM(qty) FROM items")).isEqualTo(3L);
  }

  @Test
  void batchExecuteStatement_failingSet_rollsBackTheWholeBatch() {
    // GIVEN a batch whose second set violates the unique name
    List<List<SqlParameter>> sets = List.of(
        List.of(p("n", Field.fromStringValue("dup"))),
        List.of(p("n", Field.fromStringValue("dup"))));

    // WHEN it runs outside a transaction
    Throwable thrown = catchThrowable(() -> client.batchExecuteStatement(b -> b.resourceArn(endpoint.resourceArn())
        .secretArn(endpoint.secretArn()).database(DB).sql("INSERT INTO items (name) VALUES (:n)").parameterSets(sets)));

    // THEN the duplicate key is reported and no set was kept
    assertError(thrown, DatabaseErrorException.class, 400, "DatabaseErrorException");
    assertThat(message(thrown)).startsWith("Database error code: 1062. Message: Duplicate entry 'dup'");
    assertThat(count("SELECT COUNT(*) FROM items")).isZero();
  }

  // ------------------------------------------------------------------------------------ transactions

  @Test
  void transaction_commit_makesRowsVisible_andUncommittedRowsStayInvisible() {
    // GIVEN an open transaction that inserted a row
    String tx = begin();
    assertThat(tx).hasSizeGreaterThan(32);
    inTx(tx, "INSERT INTO items (name) VALUES ('pending')");

    // WHEN another connection looks before the commit, and after it
    long before = count("SELECT COUNT(*) FROM items");
    long insideTx = inTx(tx, "SELECT COUNT(*) FROM items").records().get(0).get(0).longValue();
    int openBefore = endpoint.openTransactions();
    String status = client.commitTransaction(b -> b.resourceArn(endpoint.resourceArn())
        .secretArn(endpoint.secretArn()).transactionId(tx)).transactionStatus();

    // THEN the row is seen inside the transaction only, until the commit
    assertThat(before).isZero();
    assertThat(insideTx).isEqualTo(1L);
    assertThat(status).isEqualTo("Transaction Committed");
    assertThat(count("SELECT COUNT(*) FROM items")).isEqualTo(1L);
    assertThat(openBefore).isEqualTo(1);
    assertThat(endpoint.openTransactions()).isZero();
  }

  @Test
  void transaction_rollback_discardsRows() {
    // GIVEN an open transaction that inserted a row through a batch
    String tx = begin();
    client.batchExecuteStatement(b -> b.resourceArn(endpoint.resourceArn()).secretArn(endpoint.secretArn())
        .transactionId(tx).sql("INSERT INTO items (name) VALUES (:n)")
        .parameterSets(List.of(List.of(p("n", Field.fromStringValue("gone"))))));

    // WHEN it is rolled back
    String status = rollback(tx);

    // THEN nothing was kept
    assertThat(status).isEqualTo("Rollback Complete");
    assertThat(count("SELECT COUNT(*) FROM items")).isZero();
    assertThat(endpoint.openTransactions()).isZero();
  }

  @Test
  void transaction_unknownOrFinishedId_isTransactionNotFound() {
    // GIVEN a transaction that was committed, and an id never handed out
    String finished = begin();
    client.commitTransaction(b -> b.resourceArn(endpoint.resourceArn()).secretArn(endpoint.secretArn())
        .transactionId(finished));

    // WHEN either is used
    Throwable unknown = catchThrowable(() -> inTx("no-such-transaction", "SELECT 1"));
    Throwable reused = catchThrowable(() -> inTx(finished, "SELECT 1"));
    Throwable recommit = catchThrowable(() -> client.commitTransaction(b -> b.resourceArn(endpoint.resourceArn())
        .secretArn(endpoint.secretArn()).transactionId(finished)));

    // THEN TransactionNotFoundException (404) with the documented message
    assertError(unknown, TransactionNotFoundException.class, 404, "TransactionNotFoundException");
    assertThat(message(unknown)).isEqualTo("Transaction no-such-transaction is not found: Transaction may be expired");
    assertError(reused, TransactionNotFoundException.class, 404, "TransactionNotFoundException");
    assertThat(message(reused)).contains("is not found: One previous call resulted in a termination");
    assertError(recommit, TransactionNotFoundException.class, 404, "TransactionNotFoundException");
  }

  @Test
  void transaction_idleLongerThanTimeout_isRolledBackAndForgotten() throws Exception {
    // GIVEN an endpoint whose transactions expire after 300 ms, and a transaction with an insert
    DataApiEndpoint shortIdle = extraEndpoint(o -> o.withTransactionIdleTimeout(Duration.ofMillis(300)));
    RdsDataClient c = extraClient(shortIdle);
    String tx = c.beginTransaction(b -> b.resourceArn(shortIdle.resourceArn()).secretArn(shortIdle.secretArn())
        .database(DB)).transactionId();
    c.executeStatement(b -> b.resourceArn(shortIdle.resourceArn()).secretArn(shortIdle.secretArn())
        .transactionId(tx).sql("INSERT INTO items (name) VALUES ('idle')"));

    // WHEN it stays unused for longer than that
    Thread.sleep(1200);
    Throwable thrown = catchThrowable(() -> c.executeStatement(b -> b.resourceArn(shortIdle.resourceArn())
        .secretArn(shortIdle.secretArn()).transactionId(tx).sql("SELECT 1")));

    // THEN it was rolled back and its id is not found any more
    assertError(thrown, TransactionNotFoundException.class, 404, "TransactionNotFoundException");
    assertThat(message(thrown)).contains("Transaction may be expired");
    assertThat(shortIdle.openTransactions()).isZero();
    assertThat(count("SELECT COUNT(*) FROM items")).isZero();
  }

  @Test
  void transaction_deadlock_answersError1213_andAbortsTheVictim() throws Exception {
    // GIVEN two transactions, each holding the lock of one account row
    jdbc(s -> s.execute("INSERT INTO accounts VALUES (1, 100), (2, 100)"));
    String a = begin();
    String b = begin();
    inTx(a, "UPDATE accounts SET balance = balance - 1 WHERE id = 1");
    inTx(b, "UPDATE accounts SET balance = balance - 1 WHERE id = 2");

    // WHEN each then asks for the other's row (A waits, B closes the cycle)
    ExecutorService background = Executors.newSingleThreadExecutor();
    extra.add(background::shutdownNow);
    String aSql = "UPDATE accounts SET balance = balance - 1 WHERE id = 2";
    Future<ExecuteStatementResponse> aWaits = background.submit(() -> inTx(a, aSql));
    awaitBlocked(aSql, aWaits);
    Throwable bOutcome = catchThrowable(() -> inTx(b, "UPDATE accounts SET balance = balance - 1 WHERE id = 1"));
    Throwable aOutcome = catchThrowable(() -> aWaits.get(20, TimeUnit.SECONDS));
    if (aOutcome != null && aOutcome.getCause() != null) {
      aOutcome = aOutcome.getCause();
    }

    // THEN exactly one of them is the deadlock victim, answered with error 1213
    assertThat(aOutcome == null ^ bOutcome == null).as("exactly one victim: A=%s B=%s", aOutcome, bOutcome).isTrue();
    Throwable deadlock = aOutcome != null ? aOutcome : bOutcome;
    String victim = aOutcome != null ? a : b;
    String survivor = aOutcome != null ? b : a;
    assertError(deadlock, DatabaseErrorException.class, 400, "DatabaseErrorException");
    assertThat(message(deadlock)).startsWith("Database error code: 1213. Message: Deadlock found");

    // AND the victim's transaction id is aborted, while the survivor commits both of its updates
    Throwable afterwards = catchThrowable(() -> inTx(victim, "SELECT 1"));
    assertError(afterwards, TransactionNotFoundException.class, 404, "TransactionNotFoundException");
    assertThat(message(afterwards)).contains("Transaction has been aborted due to an error from a previous call");
    client.commitTransaction(r -> r.resourceArn(endpoint.resourceArn()).secretArn(endpoint.secretArn())
        .transactionId(survivor));
    assertThat(count("SELECT SUM(balance) FROM accounts")).isEqualTo(198L);
    assertThat(endpoint.openTransactions()).isZero();
  }

  @Test
  void transaction_lockWaitTimeout_answersError1205_andAbortsTheTransaction() {
    // GIVEN transaction A holding a row lock, and transaction B with a 1 s lock wait timeout
    jdbc(s -> s.execute("INSERT INTO accounts VALUES (1, 100)"));
    String a = begin();
    String b = begin();
    inTx(a, "UPDATE accounts SET balance = 50 WHERE id = 1");
    inTx(b, "INSERT INTO items (name) VALUES ('from b')");
    inTx(b, "SET SESSION innodb_lock_wait_timeout = 1");

    // WHEN B waits for A's row longer than that
    Throwable thrown = catchThrowable(() -> inTx(b, "UPDATE accounts SET balance = 0 WHERE id = 1"));

    // THEN B gets error 1205, is rolled back and forgotten; A still commits
    assertError(thrown, DatabaseErrorException.class, 400, "DatabaseErrorException");
    assertThat(message(thrown)).startsWith("Database error code: 1205. Message: Lock wait timeout exceeded");
    assertError(catchThrowable(() -> inTx(b, "SELECT 1")), TransactionNotFoundException.class, 404,
        "TransactionNotFoundException");
    client.commitTransaction(r -> r.resourceArn(endpoint.resourceArn()).secretArn(endpoint.secretArn()).transactionId(a));
    assertThat(count("SELECT balance FROM accounts WHERE id = 1")).isEqualTo(50L);
    assertThat(count("SELECT COUNT(*) FROM items")).isZero();
  }

  // ------------------------------------------------------------------------------------ SQL errors

  @Test
  void executeStatement_syntaxError_isDatabaseError1064() {
    // GIVEN / WHEN SQL that does not parse
    Throwable thrown = catchThrowable(() -> execute("SELEC 1"));

    // THEN DatabaseErrorException with the vendor code readable in the message
    assertError(thrown, DatabaseErrorException.class, 400, "DatabaseErrorException");
    assertThat(message(thrown)).startsWith("Database error code: 1064. Message: You have an error in your SQL syntax");
    assertThat(message(thrown)).doesNotContain("conn=");
  }

  @Test
  void executeStatement_duplicateKey_isDatabaseError1062_andTheTransactionStaysUsable() {
    // GIVEN a transaction that inserted item 'A'
    String tx = begin();
    inTx(tx, "INSERT INTO items (name) VALUES ('A')");

    // WHEN it inserts 'A' again
    Throwable thrown = catchThrowable(() -> inTx(tx, "INSERT INTO items (name) VALUES ('A')"));

    // THEN the duplicate key is reported in the documented form, and the transaction can still commit
    assertError(thrown, DatabaseErrorException.class, 400, "DatabaseErrorException");
    assertThat(message(thrown)).isEqualTo("Database error code: 1062. Message: Duplicate entry 'A' for key 'name'");
    client.commitTransaction(r -> r.resourceArn(endpoint.resourceArn()).secretArn(endpoint.secretArn()).transactionId(tx));
    assertThat(count("SELECT COUNT(*) FROM items")).isEqualTo(1L);
  }

  // ------------------------------------------------------------------------------------ limits

  @Test
  void executeStatement_resultLargerThanMaxResponseBytes_isBadRequest() {
    // GIVEN an endpoint with a 10 000 byte response limit and 100 rows of 200 characters
    DataApiEndpoint small = extraEndpoint(o -> o.withMaxResponseBytes(10_000));
    RdsDataClient c = extraClient(small);
    jdbc(s -> s.execute("INSERT INTO big (payload) SELECT REPEAT('x', 200) FROM seq_1_to_100"));

    // WHEN all of them are selected, and then only ten
    Throwable thrown = catchThrowable(() -> c.executeStatement(b -> b.resourceArn(small.resourceArn())
        .secretArn(small.secretArn()).database(DB).sql("SELECT payload FROM big")));
    ExecuteStatementResponse ten = c.executeStatement(b -> b.resourceArn(small.resourceArn())
        .secretArn(small.secretArn()).database(DB).sql("SELECT payload FROM big LIMIT 10"));

    // THEN the large result is refused, the small one served
    assertError(thrown, BadRequestException.class, 400, "BadRequestException");
    assertThat(message(thrown)).contains("Database returned more than the allowed response size limit");
    assertThat(ten.records()).hasSize(10);
  }

  @Test
  void executeStatement_longerThanStatementTimeout_isCancelled() throws Exception {
    // GIVEN an endpoint with a 1 s statement timeout
    DataApiEndpoint quick = extraEndpoint(o -> o.withStatementTimeout(Duration.ofSeconds(1)));
    RdsDataClient c = extraClient(quick);

    // WHEN a SELECT SLEEP(3), and an INSERT that sleeps 3 s, run on it
    long start = System.nanoTime();
    Throwable select = catchThrowable(() -> c.executeStatement(b -> b.resourceArn(quick.resourceArn())
        .secretArn(quick.secretArn()).database(DB).sql("SELECT SLEEP(3)")));
    Throwable insert = catchThrowable(() -> c.executeStatement(b -> b.resourceArn(quick.resourceArn())
        .secretArn(quick.secretArn()).database(DB).sql("INSERT INTO probe (v) SELECT SLEEP(3)")));
    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

    // THEN both answer StatementTimeoutException after about 1 s, and the insert was cancelled
    assertError(select, StatementTimeoutException.class, 400, "StatementTimeoutException");
    assertError(insert, StatementTimeoutException.class, 400, "StatementTimeoutException");
    assertThat(((StatementTimeoutException) insert).dbConnectionId()).isPositive();
    assertThat(elapsedMillis).isLessThan(5000);
    Thread.sleep(3000);
    assertThat(count("SELECT COUNT(*) FROM probe")).isZero();
  }

  @Test
  void executeStatement_continueAfterTimeout_keepsRunning_andTheTransactionStaysUsable() throws Exception {
    // GIVEN an endpoint with a 1 s statement timeout and an open transaction on it
    DataApiEndpoint quick = extraEndpoint(o -> o.withStatementTimeout(Duration.ofSeconds(1)));
    RdsDataClient c = extraClient(quick);
    String tx = c.beginTransaction(b -> b.resourceArn(quick.resourceArn()).secretArn(quick.secretArn())
        .database(DB)).transactionId();

    // WHEN a 2 s insert runs in it with continueAfterTimeout
    Throwable timeout = catchThrowable(() -> c.executeStatement(b -> b.resourceArn(quick.resourceArn())
        .secretArn(quick.secretArn()).transactionId(tx).continueAfterTimeout(true)
        .sql("INSERT INTO probe (v) SELECT SLEEP(2)")));
    Throwable busy = catchThrowable(() -> c.executeStatement(b -> b.resourceArn(quick.resourceArn())
        .secretArn(quick.secretArn()).transactionId(tx).sql("SELECT 1")));

    // THEN the call times out, the transaction is busy while the statement still runs ...
    assertError(timeout, StatementTimeoutException.class, 400, "StatementTimeoutException");
    assertError(busy, DatabaseErrorException.class, 400, "DatabaseErrorException");
    assertThat(message(busy)).isEqualTo("Transaction is still running a query");

    // ... and usable again once it finished, with its row
    ExecuteStatementResponse seen = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (seen == null && System.nanoTime() < deadline) {
      try {
        seen = c.executeStatement(b -> b.resourceArn(quick.resourceArn()).secretArn(quick.secretArn())
            .transactionId(tx).sql("SELECT COUNT(*) FROM probe"));
      } catch (DatabaseErrorException stillRunning) {
        Thread.sleep(100);
      }
    }
    assertThat(seen).isNotNull();
    assertThat(seen.records().get(0).get(0).longValue()).isEqualTo(1L);
    assertThat(count("SELECT COUNT(*) FROM probe")).isZero();
    c.commitTransaction(b -> b.resourceArn(quick.resourceArn()).secretArn(quick.secretArn()).transactionId(tx));
    assertThat(count("SELECT COUNT(*) FROM probe")).isEqualTo(1L);
  }

  // ------------------------------------------------------------------------------------ availability

  @Test
  void pauseCluster_answersDatabaseResuming_untilTheResumeTimePassed_thenSucceeds() throws Exception {
    // GIVEN a paused cluster that needs 1.5 s to resume
    endpoint.pauseCluster(Duration.ofMillis(1500));

    // WHEN calls arrive right away, and after the resume time
    long first = System.nanoTime();
    Throwable starting = catchThrowable(() -> execute("SELECT 1"));
    Throwable stillResuming = catchThrowable(() -> execute("SELECT 1"));
    Thread.sleep(Math.max(0, 1600 - (System.nanoTime() - first) / 1_000_000));
    ExecuteStatementResponse resumed = execute("SELECT 1");

    // THEN the first calls answer DatabaseResumingException, the later one succeeds
    assertError(starting, DatabaseResumingException.class, 400, "DatabaseResumingException");
    assertError(stillResuming, DatabaseResumingException.class, 400, "DatabaseResumingException");
    assertThat(resumed.records().get(0).get(0).longValue()).isEqualTo(1L);
  }

  @ParameterizedTest
  @CsvSource({
      "DatabaseUnavailableException, 504, DatabaseUnavailableException",
      "ServiceUnavailableError,      503, ServiceUnavailableErrorException",
      "InternalServerErrorException, 500, InternalServerErrorException",
      "ForbiddenException,           403, ForbiddenException",
      "BadRequestException,          400, BadRequestException",
      "ThrottlingException,          400, RdsDataException"})
  void failNext_answersTheErrorWithTheStatusOfTheSdkModel(String code, int status, String sdkClass) {
    // GIVEN the next two calls are to fail with the code
    endpoint.failNext(2, code);

    // WHEN three calls are made (with a client that does not retry)
    Throwable first = catchThrowable(() -> execute("SELECT 1"));
    Throwable second = catchThrowable(() -> execute("SELECT 1"));
    ExecuteStatementResponse third = execute("SELECT 1");

    // THEN the first two fail with that code and status, as the SDK's class for it; the third works
    for (Throwable t : Arrays.asList(first, second)) {
      assertThat(t).isInstanceOf(RdsDataException.class);
      assertThat(t.getClass().getSimpleName()).isEqualTo(sdkClass); // ThrottlingException: common, not modeled
      RdsDataException e = (RdsDataException) t;
      assertThat(e.statusCode()).isEqualTo(status);
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
    }
    assertThat(third.records()).hasSize(1);
  }

  @Test
  void failNext_serverError_isRetriedByTheSdkDefaultRetryStrategy() {
    // GIVEN a client with the SDK's default retries, and the next call failing with a 503
    RdsDataClient retrying = client(endpoint, true);
    extra.add(retrying);
    int before = endpoint.operations().size();
    endpoint.failNext(1, "ServiceUnavailableError");

    // WHEN one statement is executed
    ExecuteStatementResponse r = retrying.executeStatement(request("SELECT 1").build());

    // THEN the SDK retried it once and succeeded
    assertThat(r.records()).hasSize(1);
    assertThat(endpoint.operations().subList(before, endpoint.operations().size()))
        .containsExactly("ExecuteStatement", "ExecuteStatement");
  }

  @Test
  void concurrentClients_areServedInParallel() throws Exception {
    // GIVEN four calls that each sleep 1 s
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      long start = System.nanoTime();

      // WHEN they are sent at the same time
      List<Future<ExecuteStatementResponse>> calls = IntStream.range(0, 4)
          .mapToObj(i -> pool.submit(() -> execute("SELECT SLEEP(1)"))).toList();
      for (Future<ExecuteStatementResponse> call : calls) {
        assertThat(call.get(20, TimeUnit.SECONDS).records().get(0).get(0).longValue()).isZero();
      }

      // THEN they ran side by side
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3500);
    } finally {
      pool.shutdownNow();
    }
  }

  // ------------------------------------------------------------------------------------ requests

  @Test
  void wrongResourceArn_isHttpEndpointNotEnabled_andWrongSecretArn_isSecretsError() {
    // GIVEN / WHEN calls with another cluster ARN, and another secret ARN
    Throwable wrongCluster = catchThrowable(() -> client.executeStatement(b -> b.database(DB).sql("SELECT 1")
        .resourceArn("arn:aws:rds:us-east-1:123456789012:cluster:other").secretArn(endpoint.secretArn())));
    Throwable wrongSecret = catchThrowable(() -> client.beginTransaction(b -> b.database(DB)
        .resourceArn(endpoint.resourceArn()).secretArn("arn:aws:secretsmanager:us-east-1:123456789012:secret:x")));

    // THEN the documented errors, and no transaction was started
    assertError(wrongCluster, HttpEndpointNotEnabledException.class, 400, "HttpEndpointNotEnabledException");
    assertError(wrongSecret, SecretsErrorException.class, 400, "SecretsErrorException");
    assertThat(endpoint.openTransactions()).isZero();
  }

  @Test
  void missingDatabase_orSchema_isBadRequest() {
    // GIVEN / WHEN a call outside a transaction without database, and one with a schema
    Throwable noDatabase = catchThrowable(() -> client.executeStatement(b -> b.sql("SELECT 1")
        .resourceArn(endpoint.resourceArn()).secretArn(endpoint.secretArn())));
    Throwable schema = catchThrowable(() -> client.executeStatement(request("SELECT 1").schema("public").build()));

    // THEN BadRequestException
    assertError(noDatabase, BadRequestException.class, 400, "BadRequestException");
    assertError(schema, BadRequestException.class, 400, "BadRequestException");
  }

  @Test
  void executeSql_isDeprecated_andNotAvailable() {
    // GIVEN / WHEN the deprecated ExecuteSql operation is called
    @SuppressWarnings("deprecation")
    Throwable thrown = catchThrowable(() -> client.executeSql(b -> b.dbClusterOrInstanceArn(endpoint.resourceArn())
        .awsSecretStoreArn(endpoint.secretArn()).database(DB).sqlStatements("SELECT 1")));

    // THEN BadRequestException, as the service answers
    assertError(thrown, BadRequestException.class, 400, "BadRequestException");
    assertThat(message(thrown)).contains("Use ExecuteStatement API instead");
  }

  @Test
  void malformedJsonOrMissingSql_isBadRequest_withoutStackTrace() throws Exception {
    // GIVEN a plain HTTP client
    HttpClient http = HttpClient.newHttpClient();
    String arns = "\"resourceArn\":\"" + endpoint.resourceArn() + "\",\"secretArn\":\"" + endpoint.secretArn() + "\"";

    // WHEN it posts broken JSON, a request without sql, and to an unknown path
    HttpResponse<String> broken = post(http, "/Execute", "{\"sql\": \"SELECT 1\", " + arns);
    HttpResponse<String> noSql = post(http, "/Execute", "{" + arns + ",\"database\":\"" + DB + "\"}");
    HttpResponse<String> notJsonObject = post(http, "/BeginTransaction", "[1, 2]");
    HttpResponse<String> unknown = post(http, "/Nope", "{}");

    // THEN 400 BadRequestException in the REST-JSON error format, never a stack trace
    for (HttpResponse<String> r : List.of(broken, noSql, notJsonObject)) {
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.headers().firstValue("x-amzn-ErrorType")).contains("BadRequestException");
      assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
      JsonNode body = new ObjectMapper().readTree(r.body());
      assertThat(body.get("message").asText()).isNotBlank();
      assertThat(r.body()).doesNotContain("\tat ").doesNotContain("Exception:");
    }
    assertThat(new ObjectMapper().readTree(noSql.body()).get("message").asText()).isEqualTo("sql is required");
    assertThat(unknown.statusCode()).isEqualTo(404);
  }

  @Test
  void operations_areRecordedInOrder_andOpenTransactionsCounted() {
    // GIVEN a fresh endpoint
    DataApiEndpoint fresh = extraEndpoint(o -> o);
    RdsDataClient c = extraClient(fresh);

    // WHEN a transaction is begun, used and committed
    String tx = c.beginTransaction(b -> b.resourceArn(fresh.resourceArn()).secretArn(fresh.secretArn())
        .database(DB)).transactionId();
    int open = fresh.openTransactions();
    c.executeStatement(b -> b.resourceArn(fresh.resourceArn()).secretArn(fresh.secretArn())
        .transactionId(tx).sql("SELECT 1"));
    c.commitTransaction(b -> b.resourceArn(fresh.resourceArn()).secretArn(fresh.secretArn()).transactionId(tx));

    // THEN the operations are listed in order and the transaction counted while open
    assertThat(fresh.operations()).containsExactly("BeginTransaction", "ExecuteStatement", "CommitTransaction");
    assertThat(open).isEqualTo(1);
    assertThat(fresh.openTransactions()).isZero();
  }

  @Test
  void close_rollsBackOpenTransactions() {
    // GIVEN an endpoint with an open transaction that inserted a row
    DataApiEndpoint closing = DataApiEndpoint.start(DataApiEndpoint.Options.defaults(SERVER_URL, USER, PASSWORD));
    RdsDataClient c = extraClient(closing);
    String tx = c.beginTransaction(b -> b.resourceArn(closing.resourceArn()).secretArn(closing.secretArn())
        .database(DB)).transactionId();
    c.executeStatement(b -> b.resourceArn(closing.resourceArn()).secretArn(closing.secretArn())
        .transactionId(tx).sql("INSERT INTO items (name) VALUES ('left open')"));

    // WHEN the endpoint is closed
    closing.close();

    // THEN the transaction was rolled back and its row lock released
    assertThat(closing.openTransactions()).isZero();
    assertThat(count("SELECT COUNT(*) FROM items")).isZero();
    jdbc(s -> {
      s.execute("SET SESSION innodb_lock_wait_timeout = 1");
      s.execute("INSERT INTO items (name) VALUES ('left open')");
    });
    assertThat(count("SELECT COUNT(*) FROM items")).isEqualTo(1L);
  }

  @Test
  void optionsFromArgs_readsTheStandaloneArguments() {
    // GIVEN / WHEN the documented command line
    DataApiEndpoint.Options o = DataApiEndpoint.optionsFromArgs(new String[] {"--port", "8081", "--jdbc-url",
        SERVER_URL, "--user", "u", "--password", "p", "--resource-arn", "arn:aws:rds:x:1:cluster:c",
        "--secret-arn", "arn:aws:secretsmanager:x:1:secret:s"});

    // THEN every option is taken, the rest are the Data API defaults
    assertThat(o.port()).isEqualTo(8081);
    assertThat(o.jdbcServerUrl()).isEqualTo(SERVER_URL);
    assertThat(o.user()).isEqualTo("u");
    assertThat(o.password()).isEqualTo("p");
    assertThat(o.resourceArn()).isEqualTo("arn:aws:rds:x:1:cluster:c");
    assertThat(o.secretArn()).isEqualTo("arn:aws:secretsmanager:x:1:secret:s");
    assertThat(o.statementTimeout()).isEqualTo(Duration.ofSeconds(45));
    assertThat(o.maxResponseBytes()).isEqualTo(1_048_576);
    assertThat(o.transactionIdleTimeout()).isEqualTo(Duration.ofMinutes(3));
    assertThatThrownBy(() -> DataApiEndpoint.optionsFromArgs(new String[] {"--port", "1"}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ------------------------------------------------------------------------------------ helpers

  private static RdsDataClient client(DataApiEndpoint e, boolean sdkRetries) {
    var builder = RdsDataClient.builder()
        .endpointOverride(e.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClient(UrlConnectionHttpClient.create());
    if (!sdkRetries) {
      builder.overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
    }
    return builder.build();
  }

  private DataApiEndpoint extraEndpoint(UnaryOperator<DataApiEndpoint.Options> options) {
    DataApiEndpoint e = DataApiEndpoint.start(options.apply(DataApiEndpoint.Options.defaults(SERVER_URL, USER, PASSWORD)));
    extra.add(e);
    return e;
  }

  private RdsDataClient extraClient(DataApiEndpoint e) {
    RdsDataClient c = client(e, false);
    extra.add(0, c);
    return c;
  }

  private static ExecuteStatementRequest.Builder request(String sql) {
    return ExecuteStatementRequest.builder().resourceArn(endpoint.resourceArn()).secretArn(endpoint.secretArn())
        .database(DB).sql(sql);
  }

  private static ExecuteStatementResponse execute(String sql, SqlParameter... parameters) {
    return client.executeStatement(request(sql).parameters(parameters).build());
  }

  private static String begin() {
    return client.beginTransaction(b -> b.resourceArn(endpoint.resourceArn()).secretArn(endpoint.secretArn())
        .database(DB)).transactionId();
  }

  private static String rollback(String tx) {
    return client.rollbackTransaction(b -> b.resourceArn(endpoint.resourceArn()).secretArn(endpoint.secretArn())
        .transactionId(tx)).transactionStatus();
  }

  private static ExecuteStatementResponse inTx(String tx, String sql) {
    return client.executeStatement(ExecuteStatementRequest.builder().resourceArn(endpoint.resourceArn())
        .secretArn(endpoint.secretArn()).transactionId(tx).sql(sql).build());
  }

  private static SqlParameter p(String name, Field value) {
    return SqlParameter.builder().name(name).value(value).build();
  }

  private static SqlParameter p(String name, Field value, TypeHint hint) {
    return SqlParameter.builder().name(name).value(value).typeHint(hint).build();
  }

  private static void assertError(Throwable thrown, Class<? extends RdsDataException> type, int status, String code) {
    assertThat(thrown).isInstanceOf(type);
    RdsDataException e = (RdsDataException) thrown;
    assertThat(e.statusCode()).isEqualTo(status);
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
  }

  private static String message(Throwable thrown) {
    return ((RdsDataException) thrown).awsErrorDetails().errorMessage();
  }

  private static HttpResponse<String> post(HttpClient http, String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(endpoint.endpoint() + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Waits until {@code sql} has been running for 300 ms (it waits for a lock), or ended. */
  private static void awaitBlocked(String sql, Future<?> waiter) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (count("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE COMMAND = 'Query' AND TIME_MS > 300"
        + " AND INFO = '" + sql.replace("'", "''") + "'") == 0) {
      if (waiter.isDone()) {
        waiter.get(); // ended instead of waiting: show why
        throw new AssertionError("the statement that should wait for a lock did not: " + sql);
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the statement did not start waiting for a lock: " + sql);
      }
      Thread.sleep(20);
    }
  }

  private interface SqlWork {
    void run(Statement s) throws SQLException;
  }

  private static void jdbc(SqlWork work) {
    try (Connection c = DriverManager.getConnection(SERVER_URL + DB, USER, PASSWORD);
        Statement s = c.createStatement()) {
      work.run(s);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The first column of the first row as a number (NULL: 0), over a connection of its own. */
  private static long count(String sql) {
    String value = string(sql);
    return value == null ? 0 : Long.parseLong(value);
  }

  /** The first column of the first row, over a connection of its own (sees committed rows only). */
  private static String string(String sql) {
    String[] value = new String[1];
    jdbc(s -> {
      try (ResultSet rs = s.executeQuery(sql)) {
        if (!rs.next()) {
          throw new AssertionError("no row: " + sql);
        }
        value[0] = rs.getString(1);
      }
    });
    return value[0];
  }
}
