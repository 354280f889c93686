package com.comicshelf.bench;

import com.comicshelf.assets.CoverUrls;
import com.comicshelf.config.DatabaseSettings;
import com.comicshelf.favorites.Favorite;
import com.comicshelf.favorites.FavoriteRepository;
import com.comicshelf.sql.Params;
import com.comicshelf.sql.SqlClient;
import com.comicshelf.sql.dataapi.DataApiSqlClient;
import com.comicshelf.sql.jdbc.JdbcSqlClient;
import com.comicshelf.testing.TestDatabase;
import com.comicshelf.testing.dataapi.DataApiEndpoint;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Per-call cost of the RDS Data API adapter against the JDBC adapter: the same statements on the same
 * MariaDB database through both {@link SqlClient}s, alternated sample by sample so the machine's noise
 * hits both alike.
 *
 * <p>What the Data API column holds here: the AWS SDK v2's marshalling and signing, HTTP on loopback
 * (no TLS) to {@link DataApiEndpoint} in this JVM, the endpoint's JSON parsing and answer, its hop to a
 * worker thread and its own JDBC call on the same server. Not AWS's service: the real Data API adds
 * the round trip to the regional HTTPS endpoint and its fleet's work in front of Aurora.
 *
 * <p>Before anything is timed, every statement is run through both adapters and the results are
 * compared; during the timed runs each sample's two results are compared again. Any difference is
 * printed and the program exits with status 2 (1 for any other failure).
 *
 * <pre>
 * java -cp bench/target/comic-shelf-bench.jar:bench/target/lib/* com.comicshelf.bench.DataApiOverheadBenchmark
 *     [--samples 2000] [--batch-samples 300] [--warmup 500] [--quick]
 * </pre>
 * The server is {@code COMICSHELF_TEST_MARIADB_URL} (default {@code jdbc:mariadb://127.0.0.1:3306/}),
 * user/password {@code COMICSHELF_TEST_MARIADB_USER}/{@code _PASSWORD} (root, empty), as for the tests.
 */
public final class DataApiOverheadBenchmark {
  static final String DATABASE = "bench_data_api_overhead";
  private static final String SERVER_URL =
      System.getenv().getOrDefault("COMICSHELF_TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/");
  private static final String USER = System.getenv().getOrDefault("COMICSHELF_TEST_MARIADB_USER", "root");
  private static final String PASSWORD = System.getenv().getOrDefault("COMICSHELF_TEST_MARIADB_PASSWORD", "");

  private static final int USERS = 1000;
  private static final int LOOKUP_USERS = 800; // ids 1..800 are only read
  private static final long PAGE_USER = 1; // 30 favorites, read only
  private static final long PAIR_USER = 3; // INSERT + DELETE of one favorite
  private static final long TX_USER = 4; // the 3-statement transaction
  private static final int BATCH_FIRST_USER = 901; // 901..950 renamed by the batch
  private static final int BATCH_ROWS = 50;
  private static final int COMICS = 200;
  private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00.123Z");
  static final URI COVERS = URI.create("https://covers.example");
  private static final String BATCH = "batch-50";
  private static final String BATCH_TX = "batch-50-tx";
  private static final String PAGE = "favorites-page";

  /** One user row, as the lookup reads it. */
  record UserRow(long id, String name, Instant createdAt, int friendCount, boolean materialized) {}

  private static final String LOOKUP_SQL =
      "SELECT id, name, created_at, friend_count, ranking_materialized FROM users WHERE id = :id";
  /** FavoriteRepository's insert, delete and find statements. */
  private static final String INSERT_FAVORITE_SQL =
      """
      INSERT INTO favorites (user_id, comic_id, created_at, note)
      VALUES (:userId, :comicId, :now, :note)
      """;
  private static final String DELETE_FAVORITE_SQL =
      "DELETE FROM favorites WHERE user_id = :userId AND comic_id = :comicId";
  private static final String FIND_FAVORITE_SQL =
      """
      SELECT c.id, c.title, c.publisher, c.year, c.cover_key, f.created_at, f.note
      FROM favorites f JOIN comics c ON c.id = f.comic_id
      WHERE f.user_id = :userId AND f.comic_id = :comicId
      """;
  /** UserRepository.upsertNamed: what friend sync sends as one batch. */
  private static final String UPSERT_USER_SQL =
      """
      INSERT INTO users (id, name, created_at) VALUES (:id, :name, :now)
      ON DUPLICATE KEY UPDATE name = VALUES(name)
      """;

  /** A statement (or group of statements) timed as one sample; returns what it read, to compare. */
  @FunctionalInterface
  interface Work {
    Object run(Side side, int i);
  }

  /** One adapter with what it needs for the statements. */
  record Side(String name, SqlClient sql, FavoriteRepository favorites) {}

  /**
   * A measured operation.
   *
   * @param dataApiCalls HTTP calls the Data API adapter makes for one sample
   * @param jdbcRoundTrips round trips the JDBC adapter makes for one sample (MariaDB Connector/J; a
   *     transaction adds autocommit off, commit, autocommit on)
   */
  record Operation(
      String name, String label, int dataApiCalls, String jdbcRoundTrips, int samples, int warmup, Work work) {}

  /** The result of one operation. */
  record Row(Operation op, Samples.Stats jdbc, Samples.Stats dataApi) {}

  private DataApiOverheadBenchmark() {}

  public static void main(String[] args) {
    int samples = 2000;
    int batchSamples = 300;
    int warmup = 500;
    for (int a = 0; a < args.length; a++) {
      switch (args[a]) {
        case "--samples" -> samples = Integer.parseInt(args[++a]);
        case "--batch-samples" -> batchSamples = Integer.parseInt(args[++a]);
        case "--warmup" -> warmup = Integer.parseInt(args[++a]);
        case "--quick" -> {
          samples = 200;
          batchSamples = 40;
          warmup = 100;
        }
        default -> {
          System.err.println(
              "usage: DataApiOverheadBenchmark [--samples N] [--batch-samples N] [--warmup N] [--quick]");
          System.exit(64);
        }
      }
    }
    try {
      System.exit(run(samples, batchSamples, warmup));
    } catch (RuntimeException | SQLException e) {
      e.printStackTrace();
      System.err.println("BENCHMARK FAILED: " + e);
      System.exit(1);
    }
  }

  static int run(int samples, int batchSamples, int warmup) throws SQLException {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    // The SDK signs every request; the local endpoint checks no signature.
    System.setProperty("aws.accessKeyId", "bench");
    System.setProperty("aws.secretAccessKey", "bench");
    System.setProperty("aws.region", "us-east-1");
    long started = System.nanoTime();

    System.out.println("Data API vs JDBC per-call overhead");
    TestDatabase db = TestDatabase.create(DATABASE);
    try (Connection server = db.dataSource().getConnection()) {
      System.out.println(Machine.describe(server).summary());
      System.out.println("load average at the start (1, 5, 15 min): " + LoadAverage.now());
      System.out.println(serverDurability(server));
    }
    JdbcSqlClient jdbc = db.newClient();
    seed(jdbc);
    System.out.println("database " + DATABASE + ": " + USERS + " users, " + COMICS + " comics, user "
        + PAGE_USER + " has 30 favorites");

    DataApiEndpoint endpoint =
        DataApiEndpoint.start(DataApiEndpoint.Options.defaults(SERVER_URL, USER, PASSWORD));
    // The production client (URL-connection HTTP client, no SDK retries, per-call timeout), pointed at
    // the local endpoint as COMICSHELF_DATA_API_ENDPOINT would.
    DataApiSqlClient dataApi =
        DataApiSqlClient.create(
            new DatabaseSettings.DataApi(
                endpoint.resourceArn(), endpoint.secretArn(), DATABASE, Optional.of(endpoint.endpoint())));
    System.out.println("Data API endpoint " + endpoint.endpoint() + " (in this JVM, plain HTTP on loopback)");

    CoverUrls covers = new CoverUrls(COVERS);
    Side jdbcSide = new Side("JDBC", jdbc, new FavoriteRepository(jdbc, covers));
    Side dataSide = new Side("Data API", dataApi, new FavoriteRepository(dataApi, covers));
    List<Operation> ops = operations(samples, batchSamples, warmup, jdbc);

    try {
      System.out.println();
      System.out.println("Checking that both adapters return the same results...");
      List<String> differences = check(ops, jdbcSide, dataSide);
      if (!differences.isEmpty()) {
        differences.forEach(d -> System.out.println("  DIFFERENT: " + d));
        System.out.println("The adapters disagree: nothing timed.");
        return 2;
      }
      System.out.println("  same results for all " + ops.size() + " operations");

      List<Row> rows = new ArrayList<>();
      List<String> mismatches = new ArrayList<>();
      for (Operation op : ops) {
        rows.add(measure(op, jdbcSide, dataSide, mismatches));
        if (!mismatches.isEmpty()) {
          mismatches.forEach(d -> System.out.println("  DIFFERENT: " + d));
          System.out.println("The adapters disagreed during the timed runs.");
          return 2;
        }
      }
      Breakdown breakdown = breakdown(samples / 2, warmup, jdbc, dataApi, endpoint);
      System.out.println();
      printReport(rows);
      System.out.println();
      System.out.println(breakdown.table());
      System.out.printf(Locale.ROOT, "%ntotal time %.0f s%n", (System.nanoTime() - started) / 1e9);
      System.out.println("load average at the end (1, 5, 15 min): " + LoadAverage.now());
      return 0;
    } finally {
      dataApi.close();
      endpoint.close();
      jdbc.close();
    }
  }

  static List<Operation> operations(int samples, int batchSamples, int warmup, SqlClient truth) {
    List<Operation> ops = new ArrayList<>();
    ops.add(
        new Operation(
            "pk-lookup", "(a) PK lookup of one user row", 1, "1", samples, warmup,
            (side, i) -> lookup(side.sql(), 1 + (int) ((i * 7919L) % LOOKUP_USERS))));
    ops.add(
        new Operation(
            "insert-delete", "(b) INSERT + DELETE of a favorite", 2, "2", samples, warmup,
            (side, i) -> {
              Map<String, Object> p = favoriteParams(PAIR_USER, 101 + (i % 100), "pair " + i);
              int inserted = side.sql().update(INSERT_FAVORITE_SQL, p);
              int deleted = side.sql().update(DELETE_FAVORITE_SQL, p);
              return List.of(inserted, deleted);
            }));
    ops.add(
        new Operation(
            "transaction", "(c) transaction: insert, select, delete", 5, "~6", samples, warmup,
            (side, i) ->
                side.sql()
                    .inTransaction(
                        () -> {
                          long comicId = 101 + (i % 100);
                          Map<String, Object> p = favoriteParams(TX_USER, comicId, "tx " + i);
                          side.sql().update(INSERT_FAVORITE_SQL, p);
                          Optional<Favorite> read = side.favorites().find(TX_USER, comicId);
                          side.sql().update(DELETE_FAVORITE_SQL, p);
                          return read;
                        })));
    ops.add(
        new Operation(
            BATCH, "(d) batchUpdate of 50 rows (upsert)", 1, "1 batch", batchSamples, Math.max(20, warmup / 10),
            (side, i) -> {
              List<Map<String, Object>> rows = new ArrayList<>();
              for (int k = 0; k < BATCH_ROWS; k++) {
                rows.add(Params.with("id", (long) BATCH_FIRST_USER + k).and("name", batchName(side, i, k)).and("now", BASE).map());
              }
              side.sql().batchUpdate(UPSERT_USER_SQL, rows);
              // What the batch left, read back through JDBC (outside the timer, see measure).
              return (Supplier<Object>) () -> batchNamesVia(truth);
            }));
    ops.add(
        new Operation(
            BATCH_TX, "(d2) the same batch inside inTransaction", 3, "~3 + 1 batch", batchSamples, Math.max(20, warmup / 10),
            (side, i) -> {
              List<Map<String, Object>> rows = new ArrayList<>();
              for (int k = 0; k < BATCH_ROWS; k++) {
                rows.add(Params.with("id", (long) BATCH_FIRST_USER + k).and("name", batchName(side, i, k)).and("now", BASE).map());
              }
              side.sql().inTransaction(() -> {
                side.sql().batchUpdate(UPSERT_USER_SQL, rows);
                return null;
              });
              return (Supplier<Object>) () -> batchNamesVia(truth);
            }));
    ops.add(
        new Operation(
            PAGE, "(e) favorites page (join, 20 rows)", 1, "1", samples, warmup,
            (side, i) -> side.favorites().newestFirst(PAGE_USER, Optional.empty(), 20)));
    return ops;
  }

  /**
   * Runs every operation through both adapters a few times and returns what differed. The batch is
   * checked through what it leaves in the table, read back by both adapters.
   */
  static List<String> check(List<Operation> ops, Side jdbc, Side data) {
    List<String> differences = new ArrayList<>();
    for (int id = 1; id <= LOOKUP_USERS; id++) {
      Object a = lookup(jdbc.sql(), id);
      Object b = lookup(data.sql(), id);
      if (!Objects.equals(a, b)) {
        differences.add("user " + id + ": JDBC " + a + ", Data API " + b);
      }
    }
    for (Operation op : ops) {
      for (int i = 0; i < 20; i++) {
        Object a = resolve(op.work().run(jdbc, i));
        Object b = resolve(op.work().run(data, i));
        if (isBatch(op)) {
          // Each side renamed the users its own way: compare what both adapters read back.
          List<String> expectA = expectedBatchNames(jdbc, i);
          List<String> expectB = expectedBatchNames(data, i);
          if (!expectA.equals(a) || !expectB.equals(b)) {
            differences.add(op.name() + " #" + i + ": the batch did not leave the rows it was given");
          }
          Object viaData = batchNamesVia(data.sql());
          Object viaJdbc = batchNamesVia(jdbc.sql());
          if (!viaData.equals(viaJdbc)) {
            differences.add(op.name() + " #" + i + ": JDBC reads " + viaJdbc + ", Data API reads " + viaData);
          }
        } else if (!Objects.equals(a, b)) {
          differences.add(op.name() + " #" + i + ": JDBC " + a + ", Data API " + b);
        }
      }
    }
    for (Operation op : ops) {
      if (op.name().equals(PAGE) && resolve(op.work().run(jdbc, 0)) instanceof List<?> page && page.size() != 20) {
        differences.add("favorites page has " + page.size() + " rows, expected 20");
      }
    }
    return differences;
  }

  /** Warms both adapters up, then times them alternately, the first one changing every sample. */
  static Row measure(Operation op, Side jdbc, Side data, List<String> mismatches) {
    System.out.println();
    System.out.printf(Locale.ROOT, "%s: warm-up %d, then %d samples per adapter%n", op.label(), op.warmup(), op.samples());
    for (int w = 0; w < op.warmup(); w++) {
      resolve(op.work().run(jdbc, w));
      resolve(op.work().run(data, w));
    }
    Samples jdbcSamples = new Samples();
    Samples dataSamples = new Samples();
    Progress progress = new Progress(op.name(), op.samples());
    for (int n = 0; n < op.samples(); n++) {
      int i = op.warmup() + n;
      Side first = n % 2 == 0 ? jdbc : data;
      Side second = first == jdbc ? data : jdbc;
      long t0 = System.nanoTime();
      Object r1 = op.work().run(first, i);
      long t1 = System.nanoTime();
      Object v1 = resolve(r1);
      long t2 = System.nanoTime();
      Object r2 = op.work().run(second, i);
      long t3 = System.nanoTime();
      Object v2 = resolve(r2);
      (first == jdbc ? jdbcSamples : dataSamples).add((t1 - t0) / 1e6);
      (second == jdbc ? jdbcSamples : dataSamples).add((t3 - t2) / 1e6);
      boolean same =
          isBatch(op)
              // each side's read-back (taken before the other side's batch) shows exactly its own rows
              ? v1.equals(expectedBatchNames(first, i)) && v2.equals(expectedBatchNames(second, i))
              : Objects.equals(v1, v2);
      if (!same) {
        mismatches.add(op.name() + " sample " + n + ": " + first.name() + " " + v1 + ", " + second.name() + " " + v2);
        break;
      }
      progress.update(n + 1);
    }
    progress.finish(op.samples());
    return new Row(op, jdbcSamples.stats(), dataSamples.stats());
  }

  private static boolean isBatch(Operation op) {
    return op.name().equals(BATCH) || op.name().equals(BATCH_TX);
  }

  /** The batch returns a reader of what it left; everything else returns its result. */
  private static Object resolve(Object result) {
    if (result instanceof Supplier<?> reader) {
      return reader.get();
    }
    return result;
  }

  static void printReport(List<Row> rows) {
    System.out.println(describeMeasurement());
    System.out.println();
    System.out.println(table(rows));
  }

  static String describeMeasurement() {
    return """
        What this measures: per operation, the latency through each SqlClient adapter on one machine.
        JDBC = JdbcSqlClient on its one MariaDB connection. Data API = DataApiSqlClient (the production
        SDK client: AWS SDK v2 marshalling and SigV4 signing, URL-connection HTTP, no retries) calling a
        Data-API-protocol endpoint on loopback, plain HTTP, in the same JVM, which parses the JSON, hops to a
        worker thread, runs the statement over its own pooled JDBC connection to the same server and writes
        the JSON answer. So "added" = SDK + loopback HTTP + the endpoint's JSON and thread hop. It is NOT the
        AWS service's latency: the real Data API adds a TLS round trip to the regional endpoint and the
        service's own processing in front of Aurora, which this cannot see.""";
  }

  static String table(List<Row> rows) {
    StringBuilder out = new StringBuilder();
    out.append("| operation | Data API calls | JDBC round trips | n | JDBC p50 | JDBC p99 | Data API p50 | Data API p99 "
        + "| added p50 | ratio p50 | added p99 | ratio p99 | added p50 per Data API call |\n");
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Row r : rows) {
      double dp50 = r.dataApi().p50() - r.jdbc().p50();
      double dp99 = r.dataApi().p99() - r.jdbc().p99();
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %s | %d | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %+.2f ms | %.1f× | %+.2f ms | %.1f× | %+.2f ms |%n",
              r.op().label(),
              r.op().dataApiCalls(),
              r.op().jdbcRoundTrips(),
              r.jdbc().n(),
              r.jdbc().p50(),
              r.jdbc().p99(),
              r.dataApi().p50(),
              r.dataApi().p99(),
              dp50,
              r.dataApi().p50() / r.jdbc().p50(),
              dp99,
              r.dataApi().p99() / r.jdbc().p99(),
              dp50 / r.op().dataApiCalls()));
    }
    return out.toString();
  }

  /** The PK lookup three ways, to split the Data API column into the endpoint's share and the SDK's. */
  record Breakdown(
      Samples.Stats jdbc, Samples.Stats rawHttp, Samples.Stats sdk,
      Samples.Stats jdbcCpu, Samples.Stats rawHttpCpu, Samples.Stats sdkCpu) {
    String table() {
      return String.format(
          Locale.ROOT,
          """
          Where the Data API time goes, (a) PK lookup, %d samples per path, rotated. "caller CPU" is the CPU time
          of the calling thread only (ThreadMXBean), i.e. the client-side work, not the endpoint's threads.
          | path | p50 | p99 | caller CPU p50 |
          |---|---:|---:|---:|
          | JdbcSqlClient (JDBC round trip + mapping) | %.2f ms | %.2f ms | %.2f ms |
          | bare HTTP/1.1 POST of the same ExecuteStatement JSON to the endpoint (no SDK) | %.2f ms | %.2f ms | %.2f ms |
          | DataApiSqlClient (SDK marshalling, signing, URL-connection HTTP + the same endpoint) | %.2f ms | %.2f ms | %.2f ms |
          | => endpoint + loopback HTTP, beyond the JDBC call | %+.2f ms | | |
          | => SDK + adapter, beyond the bare HTTP call | %+.2f ms | | %+.2f ms |
          """,
          jdbc.n(), jdbc.p50(), jdbc.p99(), jdbcCpu.p50(), rawHttp.p50(), rawHttp.p99(), rawHttpCpu.p50(),
          sdk.p50(), sdk.p99(), sdkCpu.p50(),
          rawHttp.p50() - jdbc.p50(), sdk.p50() - rawHttp.p50(), sdkCpu.p50() - rawHttpCpu.p50());
    }
  }

  static Breakdown breakdown(int samples, int warmup, SqlClient jdbc, SqlClient dataApi, DataApiEndpoint endpoint) {
    System.out.println();
    System.out.printf(Locale.ROOT, "Breakdown of (a): warm-up %d, then %d samples per path%n", warmup, samples);
    ObjectMapper json = new ObjectMapper();
    Samples[] paths = {new Samples(), new Samples(), new Samples()};
    Samples[] cpu = {new Samples(), new Samples(), new Samples()};
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Progress progress = new Progress("breakdown", samples);
    try (LoopbackHttp http = new LoopbackHttp(endpoint.endpoint())) {
      for (int n = -warmup; n < samples; n++) {
        long id = 1 + (int) ((Math.abs(n) * 7919L) % LOOKUP_USERS);
        UserRow expected = null;
        for (int k = 0; k < 3; k++) {
          int path = Math.floorMod(n + k, 3);
          long c0 = threads.getCurrentThreadCpuTime();
          long t0 = System.nanoTime();
          Object got;
          if (path == 0) {
            got = lookup(jdbc, id);
          } else if (path == 1) {
            got = http.post("/Execute", executeStatementJson(endpoint, id));
          } else {
            got = lookup(dataApi, id);
          }
          long t1 = System.nanoTime();
          long c1 = threads.getCurrentThreadCpuTime();
          if (n >= 0) {
            paths[path].add((t1 - t0) / 1e6);
            cpu[path].add((c1 - c0) / 1e6);
          }
          if (got instanceof UserRow row) {
            if (expected != null && !expected.equals(row)) {
              throw new IllegalStateException("adapters disagree on user " + id + ": " + expected + " / " + row);
            }
            expected = row;
          } else {
            checkRawAnswer(json, (LoopbackHttp.Response) got, id);
          }
        }
        if (n >= 0) {
          progress.update(n + 1);
        }
      }
    }
    progress.finish(samples);
    return new Breakdown(
        paths[0].stats(), paths[1].stats(), paths[2].stats(), cpu[0].stats(), cpu[1].stats(), cpu[2].stats());
  }

  /** What DataApiSqlClient sends for the lookup (minus the SDK's own headers and signature). */
  private static String executeStatementJson(DataApiEndpoint endpoint, long id) {
    return "{\"resourceArn\":\"" + endpoint.resourceArn() + "\",\"secretArn\":\"" + endpoint.secretArn()
        + "\",\"database\":\"" + DATABASE + "\",\"sql\":\"" + LOOKUP_SQL + "\","
        + "\"parameters\":[{\"name\":\"id\",\"value\":{\"longValue\":" + id + "}}],"
        + "\"includeResultMetadata\":true,"
        + "\"resultSetOptions\":{\"decimalReturnType\":\"STRING\",\"longReturnType\":\"LONG\"}}";
  }

  private static void checkRawAnswer(ObjectMapper json, LoopbackHttp.Response response, long id) {
    try {
      JsonNode records = json.readTree(response.body()).path("records");
      if (response.status() != 200 || records.size() != 1 || records.get(0).get(0).path("longValue").asLong() != id) {
        throw new IllegalStateException("unexpected answer for user " + id + ": " + response);
      }
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unparsable answer for user " + id + ": " + response, e);
    }
  }

  // ------------------------------------------------------------------------------------ statements

  static UserRow lookup(SqlClient sql, long id) {
    return sql.queryOne(
            LOOKUP_SQL,
            Map.of("id", id),
            r ->
                new UserRow(
                    r.getLong("id"),
                    r.getString("name"),
                    r.getInstant("created_at"),
                    r.getInt("friend_count"),
                    r.getBoolean("ranking_materialized")))
        .orElse(null);
  }

  private static Map<String, Object> favoriteParams(long userId, long comicId, String note) {
    return Params.with("userId", userId).and("comicId", comicId).and("now", NOW).and("note", note).map();
  }

  private static String batchName(Side side, int i, int k) {
    return side.name() + " #" + i + " row " + k;
  }

  private static List<String> expectedBatchNames(Side side, int i) {
    List<String> names = new ArrayList<>();
    for (int k = 0; k < BATCH_ROWS; k++) {
      names.add(batchName(side, i, k));
    }
    return names;
  }

  private static List<String> batchNamesVia(SqlClient sql) {
    return sql.query(
        "SELECT name FROM users WHERE id BETWEEN :from AND :to ORDER BY id",
        Map.of("from", (long) BATCH_FIRST_USER, "to", (long) BATCH_FIRST_USER + BATCH_ROWS - 1),
        r -> r.getString("name"));
  }

  // ------------------------------------------------------------------------------------ data

  /** Users 1..1000 (friend counts vary), comics 1..200, 30 favorites of user 1 with distinct times. */
  static void seed(SqlClient sql) {
    List<Map<String, Object>> users = new ArrayList<>();
    for (long id = 1; id <= USERS; id++) {
      users.add(
          Params.with("id", id)
              .and("name", id % 10 == 0 ? null : "Reader " + id)
              .and("now", BASE.plusSeconds(id * 61).plusMillis(id % 1000))
              .and("n", (int) (id % 37))
              .and("m", id % 97 == 0)
              .map());
    }
    sql.batchUpdate(
        "INSERT INTO users (id, name, created_at, friend_count, ranking_materialized) VALUES (:id, :name, :now, :n, :m)",
        users);
    List<Map<String, Object>> comics = new ArrayList<>();
    for (long id = 1; id <= COMICS; id++) {
      comics.add(
          Params.with("id", id)
              .and("title", "Comic Number " + id + " — ünïcödé")
              .and("publisher", id % 3 == 0 ? "Fantagraphics" : "Drawn & Quarterly")
              .and("year", (int) (1960 + id % 60))
              .and("cover", id % 4 == 0 ? null : "public/covers/" + id + ".png")
              .and("now", BASE)
              .map());
    }
    sql.batchUpdate(
        """
        INSERT INTO comics (id, title, publisher, year, cover_key, created_by, created_at)
        VALUES (:id, :title, :publisher, :year, :cover, NULL, :now)
        """,
        comics);
    List<Map<String, Object>> favorites = new ArrayList<>();
    for (long c = 1; c <= 30; c++) {
      favorites.add(
          Params.with("userId", PAGE_USER)
              .and("comicId", c)
              .and("now", BASE.plusSeconds(3600 * c).plusMillis(c * 7))
              .and("note", c % 3 == 0 ? null : "note " + c)
              .map());
    }
    sql.batchUpdate(INSERT_FAVORITE_SQL, favorites);
  }

  private static String serverDurability(Connection server) throws SQLException {
    Map<String, String> v = new LinkedHashMap<>();
    try (var st = server.createStatement();
        var rs = st.executeQuery("SELECT @@innodb_flush_log_at_trx_commit, @@sync_binlog, @@log_bin")) {
      rs.next();
      v.put("innodb_flush_log_at_trx_commit", rs.getString(1));
      v.put("sync_binlog", rs.getString(2));
      v.put("log_bin", rs.getString(3));
    }
    return "server durability: " + v + " (every autocommit write and every commit waits for the redo log flush)";
  }
}
