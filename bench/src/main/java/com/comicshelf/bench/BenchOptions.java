package com.comicshelf.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Command-line options.
 *
 * @param jdbcUrl server URL without a database (each size gets its own database)
 * @param user database user
 * @param password database password
 * @param databasePrefix prefix of the benchmark's databases, suffixed with the size name
 * @param sizes data sets to generate and measure, smallest first; the last one gets every measurement
 * @param quick small smoke run: small sizes, few iterations
 * @param reload regenerate even when a database already holds the same data
 * @param threshold friend count from which a user's ranking is materialized
 * @param seed random seed of the generator
 * @param out folder for the CSV, the chart and the Markdown report
 * @param bufferPoolBytes InnoDB buffer pool size to ask for, 0 to leave it alone
 */
record BenchOptions(
    String jdbcUrl,
    String user,
    String password,
    String databasePrefix,
    List<SizeSpec> sizes,
    boolean quick,
    boolean reload,
    int threshold,
    long seed,
    Path out,
    long bufferPoolBytes) {

  static final String USAGE =
      """
      usage: java -jar bench/target/comic-shelf-bench.jar [options]
        --jdbc-url URL         MariaDB/MySQL server (default jdbc:mariadb://127.0.0.1:3306/)
        --user U --password P  credentials (default root, empty)
        --database PREFIX      database name prefix (default comicshelf_bench; one database per size)
        --sizes a,b,c          data sets (default 10k,30k,100k; quick: q3k,q6k)
        --quick                small smoke run (writes to bench/target/quick-report unless --out)
        --reload               regenerate the data even if the database holds the same parameters
        --threshold N          materialize rankings of users with >= N friends (default 1000)
        --seed N               generator seed (default 20260101)
        --out DIR              where to write ranking-benchmark.{csv,png,md} (default docs)
        --buffer-pool BYTES    SET GLOBAL innodb_buffer_pool_size first (default 4294967296; 0 = don't)
      """;

  static BenchOptions parse(String[] args) {
    String jdbcUrl = "jdbc:mariadb://127.0.0.1:3306/";
    String user = "root";
    String password = "";
    String prefix = "comicshelf_bench";
    String sizes = null;
    boolean quick = false;
    boolean reload = false;
    int threshold = 1000;
    long seed = 20260101L;
    String out = null;
    long bufferPool = 4L << 30;
    List<String> rest = new ArrayList<>(Arrays.asList(args));
    while (!rest.isEmpty()) {
      String option = rest.remove(0);
      switch (option) {
        case "--jdbc-url" -> jdbcUrl = value(option, rest);
        case "--user" -> user = value(option, rest);
        case "--password" -> password = value(option, rest);
        case "--database" -> prefix = value(option, rest);
        case "--sizes" -> sizes = value(option, rest);
        case "--quick" -> quick = true;
        case "--reload" -> reload = true;
        case "--threshold" -> threshold = Integer.parseInt(value(option, rest));
        case "--seed" -> seed = Long.parseLong(value(option, rest));
        case "--out" -> out = value(option, rest);
        case "--buffer-pool" -> bufferPool = Long.parseLong(value(option, rest));
        case "--help", "-h" -> throw new IllegalArgumentException("");
        default -> throw new IllegalArgumentException("unknown option " + option);
      }
    }
    if (!prefix.matches("[A-Za-z0-9_]+")) {
      throw new IllegalArgumentException("database prefix must be letters, digits and _: " + prefix);
    }
    List<SizeSpec> specs =
        sizes == null
            ? (quick ? SizeSpec.quick() : SizeSpec.full())
            : Arrays.stream(sizes.split(",")).map(SizeSpec::byName).toList();
    Path outDir = Path.of(out != null ? out : quick ? "bench/target/quick-report" : "docs");
    return new BenchOptions(
        jdbcUrl, user, password, prefix, specs, quick, reload, threshold, seed, outDir, bufferPool);
  }

  private static String value(String option, List<String> rest) {
    if (rest.isEmpty()) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return rest.remove(0);
  }

  String databaseFor(SizeSpec spec) {
    return databasePrefix + "_" + spec.name();
  }

  /** The server URL pointed at {@code database}, with LOAD DATA LOCAL allowed. */
  String urlFor(String database) {
    int query = jdbcUrl.indexOf('?');
    String base = query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    String params = query < 0 ? "" : jdbcUrl.substring(query + 1);
    int hostStart = base.indexOf("//") + 2;
    int pathStart = base.indexOf('/', hostStart);
    String server = pathStart < 0 ? base : base.substring(0, pathStart);
    return server + "/" + database + "?" + (params.isEmpty() ? "" : params + "&") + "allowLocalInfile=true";
  }
}
