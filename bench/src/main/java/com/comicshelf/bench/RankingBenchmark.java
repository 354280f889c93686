package com.comicshelf.bench;

import com.comicshelf.sql.jdbc.Databases;
import com.comicshelf.sql.jdbc.JdbcSqlClient;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Entry point: prepares each size's data (or reuses it), times the ranking variants and the write
 * costs through the project's own services, and writes the CSV, the chart and the Markdown report.
 */
public final class RankingBenchmark {
  private RankingBenchmark() {}

  public static void main(String[] args) {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    System.setProperty("java.awt.headless", "true");
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      if (!e.getMessage().isEmpty()) {
        System.err.println(e.getMessage());
      }
      System.err.print(BenchOptions.USAGE);
      System.exit(2);
      return;
    }
    try {
      run(options);
    } catch (Exception e) {
      System.out.flush();
      System.err.println("BENCHMARK FAILED: " + e.getMessage());
      e.printStackTrace();
      System.exit(1);
    }
  }

  private static void run(BenchOptions options) throws Exception {
    long start = System.nanoTime();
    Machine machine;
    List<SizeResult> results = new ArrayList<>();
    try (Connection server = DriverManager.getConnection(options.urlFor(""), options.user(), options.password())) {
      prepareServer(server, options);
      machine = Machine.describe(server);
      System.out.println(machine.summary());
      for (int i = 0; i < options.sizes().size(); i++) {
        SizeSpec spec = options.sizes().get(i);
        boolean largest = i == options.sizes().size() - 1;
        // The two largest sizes get the full budget and the write costs, so they compare like for like.
        boolean inFull = i >= options.sizes().size() - 2;
        Dataset dataset = Dataset.prepare(options, spec, server);
        results.add(measure(options, dataset, largest, inFull, server));
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    SizeResult largest = results.get(results.size() - 1);
    List<Report.Target> targets = Report.targets(results);

    System.out.println();
    System.out.println("=== Load times ===");
    System.out.print(Report.loadTable(results));
    for (SizeResult r : results) {
      System.out.println();
      System.out.println("=== Ranking, " + Report.describe(r.dataset(), options.threshold()) + " ===");
      System.out.print(Report.readTable(r));
    }
    System.out.println();
    for (SizeResult r : results) {
      if (!r.writes().isEmpty()) {
        System.out.println("=== Write costs, size " + r.dataset().spec().name() + " ===");
        System.out.print(Report.writeTable(r));
      }
    }
    System.out.println();
    for (SizeResult r : results) {
      System.out.println("=== Storage, size " + r.dataset().spec().name() + " ===");
      System.out.print(Report.storageTable(r));
    }
    System.out.println();
    System.out.println("=== Targets (issue 12) ===");
    targets.forEach(t -> System.out.println(t.line()));
    Report.lags(results).forEach(System.out::println);

    Files.createDirectories(options.out());
    Report.writeCsv(results, options.out().resolve("ranking-benchmark.csv"));
    ChartWriter.write(
        largest,
        Report.VARIANTS,
        String.format(
            Locale.ROOT,
            "%,d users, %.1fM friendships, %.2fM favorites, MariaDB %s",
            largest.dataset().count("users"),
            largest.dataset().count("friendships") / 1e6,
            largest.dataset().count("favorites") / 1e6,
            machine.serverVersion().replaceAll("-.*", "")),
        options.out().resolve("ranking-benchmark.png"));
    MarkdownReport.write(options, machine, results, targets, seconds, options.out().resolve("ranking-benchmark.md"));
    System.out.printf(
        Locale.ROOT,
        "%nwrote %s/ranking-benchmark.{csv,png,md}; wall time %.0f s (%.1f min)%n",
        options.out(),
        seconds,
        seconds / 60);
  }

  /** Asks for the buffer pool the baseline used and makes sure LOAD DATA LOCAL is allowed. */
  private static void prepareServer(Connection server, BenchOptions options) throws Exception {
    try (Statement st = server.createStatement()) {
      if (options.bufferPoolBytes() > 0) {
        long before = scalar(st, "SELECT @@innodb_buffer_pool_size");
        if (before != options.bufferPoolBytes()) {
          try {
            st.execute("SET GLOBAL innodb_buffer_pool_size = " + options.bufferPoolBytes());
            for (int i = 0; i < 120 && scalar(st, "SELECT @@innodb_buffer_pool_size") != options.bufferPoolBytes(); i++) {
              Thread.sleep(500);
            }
          } catch (java.sql.SQLException e) {
            System.out.println("could not resize the InnoDB buffer pool: " + e.getMessage());
          }
        }
        System.out.printf(
            "InnoDB buffer pool: %,d MiB (was %,d MiB)%n",
            scalar(st, "SELECT @@innodb_buffer_pool_size") >> 20,
            before >> 20);
      }
      if (scalar(st, "SELECT @@local_infile") == 0) {
        st.execute("SET GLOBAL local_infile = 1");
        System.out.println("turned on local_infile (LOAD DATA LOCAL) on the server");
      }
    }
  }

  private static long scalar(Statement st, String sql) throws java.sql.SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static SizeResult measure(
      BenchOptions options, Dataset dataset, boolean largest, boolean inFull, Connection server) throws Exception {
    long start = System.nanoTime();
    DataSource dataSource = Databases.dataSource(dataset.url(), options.user(), options.password());
    try (JdbcSqlClient sql = new JdbcSqlClient(dataSource)) {
      WriteBenchmark.restoreFlags(sql, options.threshold());
      List<FriendClass> classes = FriendClasses.pick(sql, dataset.spec(), options.seed());
      System.out.println(dataset.spec().name() + ": measuring");
      for (FriendClass c : classes) {
        System.out.printf(
            Locale.ROOT,
            "  %s friends: users %s (avg %.0f friends, %.0f of them materialized)%n",
            c.label(),
            c.users(),
            c.avgFriends(),
            c.avgHubFriends());
      }
      List<ReadBenchmark.Cell> reads =
          new ReadBenchmark(sql, dataSource, Budget.reads(inFull, options.quick()), options.threshold())
              .run(classes);
      List<WriteBenchmark.Cell> writes = List.of();
      Map<String, String> explain;
      if (!largest) {
        try (Connection c = dataSource.getConnection()) {
          explain = new Explainer(c).explainMaterialized(sql, classes.get(classes.size() - 1));
        }
      } else {
        explain = explain(sql, dataSource, classes);
      }
      if (inFull) {
        writes =
            new WriteBenchmark(sql, Budget.writes(options.quick()), options.threshold(), options.seed())
                .run(classes);
      }
      try (Statement st = server.createStatement()) {
        st.execute("ANALYZE TABLE `" + dataset.database() + "`.friend_favorite_counts");
      }
      System.out.printf(
          Locale.ROOT, "%s: measured in %.0f s%n", dataset.spec().name(), (System.nanoTime() - start) / 1e9);
      return new SizeResult(dataset, classes, reads, writes, explain, Storage.of(server, dataset.database()));
    }
  }

  private static Map<String, String> explain(JdbcSqlClient sql, DataSource dataSource, List<FriendClass> classes)
      throws Exception {
    try (Connection c = dataSource.getConnection()) {
      Map<String, String> blocks = new Explainer(c).explainAll(sql, classes);
      blocks.forEach((title, text) -> System.out.println("\n--- " + title + "\n" + text));
      return blocks;
    }
  }
}
