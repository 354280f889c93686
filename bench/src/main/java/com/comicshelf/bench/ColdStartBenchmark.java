package com.comicshelf.bench;

import com.comicshelf.auth.SignedRequestVerifier;
import com.comicshelf.sql.Params;
import com.comicshelf.sql.jdbc.JdbcSqlClient;
import com.comicshelf.testing.TestDatabase;
import com.comicshelf.testing.dataapi.DataApiEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.zip.ZipFile;

/**
 * Cold start of each API function, with and without SnapStart-style priming, measured in fresh JVMs.
 *
 * <p>For every round, in a shuffled order, each function is started in a new JVM per variant
 * ({@code java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp <its jar>:<probe>}, the jar template.yaml
 * deploys the function from), and so is a hello-world JVM with a jar on its class path too. Inside, {@link ColdStartProbe} times: the handler's
 * constructor (class init + Dagger graph), {@code Priming.runAll()} when the variant primes, the first
 * request against the real MariaDB, and a second (warm) one. JVM start is the wall-clock time from just
 * before {@code ProcessBuilder.start()} to the probe's main. Medians over the rounds; no restore from a
 * snapshot is measured (that needs a CRaC JDK): with SnapStart, what a user waits for after a restore is
 * roughly the restore plus the primed first-request latency.
 *
 * <pre>
 * java -cp bench/target/comic-shelf-bench.jar:bench/target/lib/* com.comicshelf.bench.ColdStartBenchmark
 *     [--runs 7] [--template template.yaml] [--adapter jdbc|data-api]
 *     [--no-db-priming] [--quick]
 * </pre>
 * A third variant, {@code primed+db} (priming, then one {@code SELECT 1} through a second, short-lived
 * SqlClient of the same configuration), shows what of the primed first request is the database path's
 * first use (driver or SDK class loading and initialisation); {@code --no-db-priming} leaves it out. {@code --adapter data-api} configures the
 * functions as in AWS (RDS Data API), against a Data-API-protocol endpoint in this JVM. Database: as
 * {@link DataApiOverheadBenchmark} ({@code COMICSHELF_TEST_MARIADB_*}), database {@code bench_cold_start}.
 */
public final class ColdStartBenchmark {
  static final String DATABASE = "bench_cold_start";
  static final List<String> FUNCTIONS = List.of("authorizer", "comics", "favorites", "friends", "ranking", "uploads");
  static final String HELLO = "hello-world";
  static final String APP_SECRET = "cold-start-benchmark-secret";
  static final long USER = 1;
  static final long FRIEND = 2;
  static final long COMIC = 1;
  static final List<String> JVM_OPTIONS =
      List.of(
          "-XX:TieredStopAtLevel=1", // as Lambda's Java runtimes start the JVM
          "-XX:+UseSerialGC", // what JVM ergonomics picks below ~1.8 GB, i.e. at usual Lambda sizes
          "-Xshare:auto",
          "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
  private static final String SERVER_URL =
      System.getenv().getOrDefault("COMICSHELF_TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/");
  private static final String DB_USER = System.getenv().getOrDefault("COMICSHELF_TEST_MARIADB_USER", "root");
  private static final String DB_PASSWORD = System.getenv().getOrDefault("COMICSHELF_TEST_MARIADB_PASSWORD", "");

  /** One fresh JVM's measurements, in milliseconds. */
  record Run(
      String function, String variant, double jvmStart, double event, double construct, double prime,
      double first, double second, int hooks) {
    double startToReady() {
      return jvmStart + event + construct;
    }

    double startToFirstAnswer() {
      return startToReady() + prime + first;
    }
  }

  private ColdStartBenchmark() {}

  public static void main(String[] args) {
    int runs = 7;
    Path template = Path.of("template.yaml");
    String adapter = "jdbc";
    boolean dbPriming = true;
    for (int a = 0; a < args.length; a++) {
      switch (args[a]) {
        case "--runs" -> runs = Integer.parseInt(args[++a]);
        case "--template" -> template = Path.of(args[++a]);
        case "--adapter" -> adapter = args[++a];
        case "--no-db-priming" -> dbPriming = false;
        case "--quick" -> runs = 2;
        default -> {
          System.err.println("usage: ColdStartBenchmark [--runs N] [--template PATH] [--adapter jdbc|data-api]"
              + " [--no-db-priming] [--quick]");
          System.exit(64);
        }
      }
    }
    if (!adapter.equals("jdbc") && !adapter.equals("data-api")) {
      System.err.println("--adapter must be jdbc or data-api");
      System.exit(64);
    }
    List<String> variants = new ArrayList<>(List.of("unprimed", "primed"));
    if (dbPriming) {
      variants.add("primed+db");
    }
    try {
      run(runs, template, adapter, variants);
    } catch (RuntimeException | IOException | SQLException | InterruptedException e) {
      e.printStackTrace();
      System.err.println("BENCHMARK FAILED: " + e);
      System.exit(1);
    }
  }

  static void run(int runs, Path template, String adapter, List<String> variants)
      throws IOException, SQLException, InterruptedException {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    long started = System.nanoTime();
    Map<String, Path> jars = jarsOf(template);
    for (Path jar : new java.util.TreeSet<>(jars.values())) {
      if (!Files.isRegularFile(jar)) {
        throw new IllegalStateException(jar.toAbsolutePath() + " not found: build it first (mvn -pl bench -am package)");
      }
    }
    System.out.println("Cold start of the API functions, fresh JVMs, each from the jar template.yaml deploys it from");
    String jarDescription = describeJars(jars);
    System.out.print(jarDescription);
    System.out.println("(copied at start; the JVMs run the copies)");

    TestDatabase db = TestDatabase.create(DATABASE);
    try (Connection server = db.dataSource().getConnection()) {
      System.out.println(Machine.describe(server).summary());
      System.out.println("load average at the start (1, 5, 15 min): " + LoadAverage.now());
    }
    try (JdbcSqlClient sql = db.newClient()) {
      seed(sql);
    }
    String token = new SignedRequestVerifier(APP_SECRET, Duration.ofHours(1), Clock.systemUTC()).sign(USER, Instant.now(), null);

    Map<String, String> database = new LinkedHashMap<>();
    DataApiEndpoint endpoint = null;
    if (adapter.equals("data-api")) {
      // The functions' AWS configuration, pointed at the Data-API-protocol endpoint in this JVM.
      endpoint = DataApiEndpoint.start(DataApiEndpoint.Options.defaults(SERVER_URL, DB_USER, DB_PASSWORD));
      database.put("COMICSHELF_DB_ADAPTER", "data-api");
      database.put("COMICSHELF_DB_CLUSTER_ARN", endpoint.resourceArn());
      database.put("COMICSHELF_DB_SECRET_ARN", endpoint.secretArn());
      database.put("COMICSHELF_DB_NAME", DATABASE);
      database.put("COMICSHELF_DATA_API_ENDPOINT", endpoint.endpoint().toString());
    } else {
      database.put("COMICSHELF_DB_ADAPTER", "jdbc");
      database.put("COMICSHELF_JDBC_URL", db.jdbcUrl());
      database.put("COMICSHELF_DB_USER", DB_USER);
      database.put("COMICSHELF_DB_PASSWORD", DB_PASSWORD);
    }
    System.out.println("database adapter in the functions: " + adapter
        + (endpoint == null ? " (" + db.jdbcUrl() + ")" : " (local Data API endpoint " + endpoint.endpoint() + ")"));

    Path probeDir = Files.createTempDirectory("cold-start-probe");
    try {
      extractProbe(probeDir);
      // Private copies: the functions module may be rebuilt while the benchmark runs.
      Map<String, Path> copies = new LinkedHashMap<>();
      for (Map.Entry<String, Path> e : jars.entrySet()) {
        Path copy = probeDir.resolve(e.getValue().getFileName());
        if (!Files.exists(copy)) {
          Files.copy(e.getValue(), copy);
        }
        copies.put(e.getKey(), copy);
      }
      // Every uploads JVM starts an upload as the same reader: without a reset, the rate limit (SQL here,
      // as in the local gateway) would answer 429 after the first few.
      Launcher launcher = new Launcher(copies, probeDir, database, token, () -> resetRateCounters(db));
      System.out.println("child JVM: " + launcher.javaBinary() + " " + String.join(" ", JVM_OPTIONS) + " -cp "
          + "<the function's jar>:<probe> " + ColdStartProbe.class.getName() + " ...");
      System.out.println("variants: " + variants + "; " + runs + " rounds, order shuffled per round");
      System.out.println();

      // Not recorded: fills the page cache with the jar and warms the database's buffers.
      System.out.println("warm-up round (not recorded)");
      launcher.launch(HELLO, "none");
      for (String function : FUNCTIONS) {
        launcher.launch(function, "unprimed");
      }

      List<Run> all = new ArrayList<>();
      Random random = new Random(20260101L);
      int total = runs * (1 + FUNCTIONS.size() * variants.size());
      int done = 0;
      for (int round = 1; round <= runs; round++) {
        List<String> order = new ArrayList<>(FUNCTIONS);
        order.add(HELLO);
        Collections.shuffle(order, random);
        List<String> roundVariants = new ArrayList<>(variants);
        Collections.rotate(roundVariants, round);
        StringBuilder line = new StringBuilder();
        for (String function : order) {
          for (String variant : function.equals(HELLO) ? List.of("none") : roundVariants) {
            Run r = launchRetrying(launcher, function, variant);
            all.add(r);
            done++;
            if (!function.equals(HELLO)) {
              line.append(String.format(Locale.ROOT, " %s/%s %.0f", function, variant, r.first()));
            }
          }
        }
        System.out.printf(
            Locale.ROOT, "round %d/%d done (%d/%d JVMs, %.0f s); first-request ms:%s%n",
            round, runs, done, total, (System.nanoTime() - started) / 1e9, line);
      }
      System.out.println();
      System.out.println(report(all, variants, jarDescription));
      if (retried > 0) {
        System.out.println(retried + " JVM(s) failed and were started again (see above)");
      }
      System.out.printf(Locale.ROOT, "%ntotal time %.0f s%n", (System.nanoTime() - started) / 1e9);
      System.out.println("load average at the end (1, 5, 15 min): " + LoadAverage.now());
    } finally {
      if (endpoint != null) {
        endpoint.close();
      }
      try (var files = Files.walk(probeDir)) {
        files.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void resetRateCounters(TestDatabase db) {
    try (var connection = db.dataSource().getConnection();
        var statement = connection.createStatement()) {
      statement.executeUpdate("DELETE FROM rate_counters");
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("cannot reset the rate counters", e);
    }
  }

  private static int retried;

  /**
   * The database server is shared: a JVM whose request failed (e.g. "Too many connections" while
   * someone else's tests run) is discarded and started again, at most twice, and counted.
   */
  static Run launchRetrying(Launcher launcher, String function, String variant)
      throws IOException, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        return launcher.launch(function, variant);
      } catch (IllegalStateException e) {
        if (attempt == 3) {
          throw e;
        }
        retried++;
        System.out.println("  " + e.getMessage().lines().findFirst().orElse("") + " -- discarded, starting it again");
        Thread.sleep(2000);
      }
    }
  }

  // ------------------------------------------------------------------------------------ report

  static String report(List<Run> all, List<String> variants, String jarDescription) {
    StringBuilder out = new StringBuilder();
    List<Run> hello = select(all, HELLO, "none");
    double helloStart = median(hello, Run::jvmStart);
    out.append(String.format(Locale.ROOT,
        "hello-world JVM (same class path, main prints and exits): JVM start -> main, median of %d: %.0f ms "
            + "(min %.0f, max %.0f)%n%n",
        hello.size(), helloStart, min(hello, Run::jvmStart), max(hello, Run::jvmStart)));

    out.append("Medians per function, milliseconds. \"ready\" = handler constructed (what Lambda's init phase "
        + "ends with, minus the runtime's own bootstrap); JVM start, constructor and warm request over all variants' "
        + "JVMs; first requests per variant.\n");
    out.append("| function | JVMs | JVM start → ready | of which JVM start → main | constructor (class init + Dagger) "
        + "| priming (runAll) | 1st request, unprimed | 1st request, primed | unprimed ÷ primed "
        + (variants.contains("primed+db") ? "| 1st request, primed + one DB call | " : "| ")
        + "2nd request (warm) | JVM start → 1st answer, unprimed | ÷ hello-world JVM start |\n");
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|"
        + (variants.contains("primed+db") ? "---:|" : "") + "---:|---:|---:|\n");
    for (String function : FUNCTIONS) {
      List<Run> runs = all.stream().filter(r -> r.function().equals(function)).toList();
      List<Run> unprimed = select(all, function, "unprimed");
      List<Run> primed = select(all, function, "primed");
      double firstUnprimed = median(unprimed, Run::first);
      double firstPrimed = median(primed, Run::first);
      double startToFirst = median(unprimed, Run::startToFirstAnswer);
      out.append(String.format(Locale.ROOT,
          "| %s | %d | %.0f | %.0f | %.0f | %.0f | %.1f | %.1f | %.2f× |",
          function, runs.size(), median(runs, Run::startToReady), median(runs, Run::jvmStart),
          median(runs, Run::construct), median(primed, Run::prime), firstUnprimed, firstPrimed,
          firstUnprimed / firstPrimed));
      if (variants.contains("primed+db")) {
        out.append(String.format(Locale.ROOT, " %.1f |", median(select(all, function, "primed+db"), Run::first)));
      }
      out.append(String.format(Locale.ROOT, " %.1f | %.0f | %.1f× |%n",
          median(runs, Run::second), startToFirst, startToFirst / helloStart));
    }
    out.append("\nSpread of the first request (min – median – max, ms) and priming hooks run:\n");
    out.append("| function | unprimed | primed |" + (variants.contains("primed+db") ? " primed + one DB call |" : "")
        + " hooks |\n|---|---|---|" + (variants.contains("primed+db") ? "---|" : "") + "---:|\n");
    for (String function : FUNCTIONS) {
      out.append("| ").append(function);
      for (String variant : variants) {
        List<Run> v = select(all, function, variant);
        out.append(String.format(Locale.ROOT, " | %.1f – %.1f – %.1f", min(v, Run::first), median(v, Run::first), max(v, Run::first)));
      }
      out.append(" | ").append(select(all, function, "primed").get(0).hooks()).append(" |\n");
    }
    out.append("\nIssue 12's targets (fresh JVM → first answer within 3× a hello-world JVM start; jar ≤ 15 MB per function):\n");
    for (String function : FUNCTIONS) {
      double ratio = median(select(all, function, "unprimed"), Run::startToFirstAnswer) / helloStart;
      out.append(String.format(Locale.ROOT, "%s %s: JVM start → 1st answer %.1f× the hello-world JVM start%n",
          ratio <= 3 ? "PASS" : "MISS", function, ratio));
    }
    out.append('\n').append(jarDescription);
    return out.toString();
  }

  private static List<Run> select(List<Run> all, String function, String variant) {
    return all.stream().filter(r -> r.function().equals(function) && r.variant().equals(variant)).toList();
  }

  static double median(List<Run> runs, ToDoubleFunction<Run> metric) {
    double[] v = runs.stream().mapToDouble(metric).sorted().toArray();
    if (v.length == 0) {
      return Double.NaN;
    }
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private static double min(List<Run> runs, ToDoubleFunction<Run> metric) {
    return runs.stream().mapToDouble(metric).min().orElse(Double.NaN);
  }

  private static double max(List<Run> runs, ToDoubleFunction<Run> metric) {
    return runs.stream().mapToDouble(metric).max().orElse(Double.NaN);
  }

  /** One PASS/MISS line per function: the size of the jar it is deployed from. */
  static String describeJars(Map<String, Path> jars) throws IOException {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, Path> e : jars.entrySet()) {
      Path jar = e.getValue();
      long bytes = Files.size(jar);
      int entries;
      int classes;
      try (ZipFile zip = new ZipFile(jar.toFile())) {
        entries = zip.size();
        classes = (int) zip.stream().filter(z -> z.getName().endsWith(".class")).count();
      }
      out.append(String.format(Locale.ROOT, "%s %s: %s, %,d bytes (%.1f MiB; target <= 15 MB), %,d entries, %,d classes%n",
          bytes <= 15_000_000 ? "PASS" : "MISS", e.getKey(), jar.getFileName(), bytes, bytes / 1024.0 / 1024.0, entries, classes));
    }
    return out.toString();
  }

  /**
   * The jar each measured function is deployed from: its {@code CodeUri} in {@code template.yaml}, or
   * the one under {@code Globals}, found by the function's handler class.
   */
  static Map<String, Path> jarsOf(Path template) throws IOException {
    var root = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(template.toFile());
    String fallback = root.path("Globals").path("Function").path("CodeUri").asText();
    Map<String, Path> jars = new LinkedHashMap<>();
    for (String function : FUNCTIONS) {
      String handler = ColdStartProbe.handlerClass(function);
      String codeUri = null;
      for (var resource : root.path("Resources")) {
        var properties = resource.path("Properties");
        if (properties.path("Handler").asText().startsWith(handler + "::")) {
          codeUri = properties.path("CodeUri").asText(fallback);
          break;
        }
      }
      if (codeUri == null) {
        throw new IllegalStateException("no function in " + template + " has handler " + handler);
      }
      jars.put(function, template.toAbsolutePath().getParent().resolve(codeUri));
    }
    return jars;
  }

  // ------------------------------------------------------------------------------------ JVMs

  /** Copies the probe's class file (and only it) where the child's class path can see it. */
  static void extractProbe(Path dir) throws IOException {
    String resource = ColdStartProbe.class.getName().replace('.', '/') + ".class";
    Path target = dir.resolve(resource);
    Files.createDirectories(target.getParent());
    try (InputStream in = ColdStartBenchmark.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("class file " + resource + " not found");
      }
      Files.copy(in, target);
    }
  }

  /** Starts one fresh JVM per call, with the function's settings in its environment, as Lambda would. */
  static final class Launcher {
    private final Runnable beforeEachRun;
    private final Map<String, Path> jars;
    private final Path probeDir;
    private final Map<String, String> database;
    private final String token;
    private final Path stderr;

    Launcher(Map<String, Path> jars, Path probeDir, Map<String, String> database, String token, Runnable beforeEachRun) {
      this.beforeEachRun = beforeEachRun;
      this.jars = jars;
      this.probeDir = probeDir;
      this.database = database;
      this.token = token;
      this.stderr = probeDir.resolve("stderr.txt");
    }

    String javaBinary() {
      return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    Run launch(String function, String variant) throws IOException, InterruptedException {
      beforeEachRun.run();
      List<String> command = new ArrayList<>();
      command.add(javaBinary());
      command.addAll(JVM_OPTIONS);
      command.add("-cp");
      // The hello-world JVM gets a jar too, as the functions do (the first function's).
      Path jar = function.equals(HELLO) ? jars.values().iterator().next() : jars.get(function);
      command.add(jar + java.io.File.pathSeparator + probeDir);
      command.add(ColdStartProbe.class.getName());
      if (function.equals(HELLO)) {
        command.add("hello");
      } else {
        command.addAll(List.of(function, variant, Long.toString(USER), Long.toString(COMIC), token));
      }
      ProcessBuilder pb = new ProcessBuilder(command);
      pb.environment().clear();
      pb.environment().putAll(environment());
      pb.redirectError(stderr.toFile());
      pb.directory(probeDir.toFile());

      Instant spawn = Instant.now();
      Process process = pb.start();
      byte[] out;
      try (InputStream in = process.getInputStream()) {
        out = in.readAllBytes();
      }
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(function + "/" + variant + ": the JVM did not exit within 120 s");
      }
      String text = new String(out, StandardCharsets.UTF_8);
      String probe = text.lines().filter(l -> l.startsWith("PROBE ")).findFirst().orElse(null);
      if (process.exitValue() != 0 || probe == null) {
        throw new IllegalStateException(function + "/" + variant + ": exit " + process.exitValue() + "\nstdout:\n"
            + text + "\nstderr:\n" + Files.readString(stderr));
      }
      Map<String, Long> v = parse(probe);
      long spawnMicros = spawn.getEpochSecond() * 1_000_000L + spawn.getNano() / 1_000;
      double jvmStart = (v.get("main") - spawnMicros) / 1000.0;
      if (function.equals(HELLO)) {
        return new Run(function, variant, jvmStart, 0, 0, 0, 0, 0, 0);
      }
      long expected = function.equals("uploads") ? 201 : 200;
      if (v.get("status1") != expected || v.get("status2") != expected) {
        throw new IllegalStateException(function + "/" + variant + ": answered " + v.get("status1") + " then "
            + v.get("status2") + ", expected " + expected + "\nstderr:\n" + Files.readString(stderr));
      }
      return new Run(
          function, variant, jvmStart, v.get("event") / 1000.0, v.get("construct") / 1000.0,
          v.get("prime") / 1000.0, v.get("first") / 1000.0, v.get("second") / 1000.0,
          Math.toIntExact(v.get("hooks")));
    }

    private static Map<String, Long> parse(String line) {
      Map<String, Long> values = new LinkedHashMap<>();
      for (String pair : line.substring("PROBE ".length()).trim().split(" ")) {
        String[] kv = pair.split("=", 2);
        values.put(kv[0], Long.parseLong(kv[1]));
      }
      return values;
    }

    /** What a function's configuration gives it in AWS, with local values (database, plain app secret). */
    private Map<String, String> environment() {
      Map<String, String> env = new LinkedHashMap<>();
      env.put("TZ", "UTC");
      env.put("LANG", "C.UTF-8");
      env.put("AWS_REGION", "us-east-1");
      env.put("AWS_ACCESS_KEY_ID", "bench");
      env.put("AWS_SECRET_ACCESS_KEY", "bench");
      // No profile files in a Lambda container: keep the SDK from reading this machine's.
      env.put("AWS_CONFIG_FILE", probeDir.resolve("no-aws-config").toString());
      env.put("AWS_SHARED_CREDENTIALS_FILE", probeDir.resolve("no-aws-credentials").toString());
      env.putAll(database);
      env.put("COMICSHELF_APP_SECRET", APP_SECRET);
      env.put("COMICSHELF_ASSETS_BASE_URL", "https://covers.example");
      env.put("COMICSHELF_GRAPH_API_BASE_URL", "http://127.0.0.1:9/graph");
      env.put("COMICSHELF_S3_BUCKET", "cold-start-bench");
      env.put("COMICSHELF_S3_ENDPOINT", "http://127.0.0.1:9");
      env.put("COMICSHELF_S3_REGION", "us-east-1");
      return env;
    }
  }

  // ------------------------------------------------------------------------------------ data

  /** A reader (1) and a friend (2), a comic the reader created, both of them liking it. */
  static void seed(JdbcSqlClient sql) {
    Instant base = Instant.parse("2026-01-01T00:00:00Z");
    sql.batchUpdate(
        "INSERT INTO users (id, name, created_at, friend_count) VALUES (:id, :name, :now, 1)",
        List.of(
            Params.with("id", USER).and("name", "Reader").and("now", base).map(),
            Params.with("id", FRIEND).and("name", "Friend").and("now", base).map()));
    sql.update(
        """
        INSERT INTO comics (id, title, publisher, year, cover_key, created_by, created_at, like_count, last_liked_at)
        VALUES (:id, 'Maus', 'Pantheon Books', 1986, 'public/covers/1.png', :by, :now, 2, :liked)
        """,
        Map.of("id", COMIC, "by", USER, "now", base, "liked", base.plusSeconds(120)));
    sql.batchUpdate(
        "INSERT INTO friendships (user_id, friend_id, created_at) VALUES (:a, :b, :now)",
        List.of(
            Map.of("a", USER, "b", FRIEND, "now", base),
            Map.of("a", FRIEND, "b", USER, "now", base)));
    sql.batchUpdate(
        "INSERT INTO favorites (user_id, comic_id, created_at, note) VALUES (:u, :c, :now, :note)",
        List.of(
            Params.with("u", USER).and("c", COMIC).and("now", base.plusSeconds(60)).and("note", "first").map(),
            Params.with("u", FRIEND).and("c", COMIC).and("now", base.plusSeconds(120)).and("note", null).map()));
  }

}
