package com.comicshelf.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.comicshelf.functions.favorites.FavoritesHandler;
import com.comicshelf.local.LocalGateway;
import com.comicshelf.local.LocalGateways;
import com.comicshelf.testing.ApiEvents;
import com.comicshelf.testing.TestContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Throughput and latency of the local gateway on {@code GET /me/favorites} for a user with 20
 * favorites, against the handler's own time: (a) {@code FavoritesHandler} called directly in this JVM
 * (its own object graph and connection, the same database); (b) the same request through the gateway,
 * one after another on one kept-alive connection, so (b) minus (a) is what the gateway adds: HTTP,
 * the Lambda authorizer, the payload 2.0 event and its JSON; (c) requests per second with
 * {@code --connections} clients, each on its own kept-alive connection: Debian's {@code wrk} when it is
 * installed, and a Java driver (one thread and raw socket per connection) in any case.
 *
 * <p>The gateway runs in this JVM against the MariaDB on 127.0.0.1:3306, in a database of its own
 * ({@code bench_gateway}, dropped and created afresh), with {@code --containers} containers per
 * function. The access log (one line per request) is off unless {@code --access-log}. Prints figures,
 * asserts nothing.
 *
 * <pre>
 * mvn -q -pl bench -am package -DskipTests
 * java -cp 'bench/target/comic-shelf-bench.jar:bench/target/lib/*' com.comicshelf.bench.GatewayThroughputBenchmark
 *     [--containers 16] [--connections 16] [--seconds 15] [--warmup-seconds 5] [--samples 5000] [--no-wrk] [--access-log]
 * </pre>
 * The server is {@code COMICSHELF_TEST_MARIADB_URL} (default {@code jdbc:mariadb://127.0.0.1:3306/}),
 * user/password {@code COMICSHELF_TEST_MARIADB_USER}/{@code _PASSWORD} (root, empty), as for the tests.
 */
public final class GatewayThroughputBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DATABASE = "bench_gateway";
  /** Issue 12's target for GET /me/favorites with 16 connections on 2 cores. */
  private static final double MIN_PER_SECOND = 2_000;
  /** Not a demo user: its favorites are exactly the ones added here. */
  private static final long USER = 4_200_000_001L;
  private static final int FAVORITES = 20;
  private static final String TARGET = "/me/favorites";

  private GatewayThroughputBenchmark() {}

  public static void main(String[] args) throws Exception {
    int containers = 16;
    int connections = 16;
    int seconds = 15;
    int warmupSeconds = 5;
    int samples = 5000;
    boolean wrk = true;
    boolean accessLog = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--containers" -> containers = Integer.parseInt(args[++i]);
        case "--connections" -> connections = Integer.parseInt(args[++i]);
        case "--seconds" -> seconds = Integer.parseInt(args[++i]);
        case "--warmup-seconds" -> warmupSeconds = Integer.parseInt(args[++i]);
        case "--samples" -> samples = Integer.parseInt(args[++i]);
        case "--no-wrk" -> wrk = false;
        case "--access-log" -> accessLog = true;
        default -> {
          System.err.println("unknown option " + args[i]);
          System.exit(2);
        }
      }
    }
    if (!accessLog) {
      // Read when the gateway's logger is created, which is later: 40,000 lines would drown the figures.
      System.setProperty("org.slf4j.simpleLogger.log.com.comicshelf.local.GatewayHandler", "warn");
    }
    String server = System.getenv().getOrDefault("COMICSHELF_TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/");
    String user = System.getenv().getOrDefault("COMICSHELF_TEST_MARIADB_USER", "root");
    String password = System.getenv().getOrDefault("COMICSHELF_TEST_MARIADB_PASSWORD", "");
    Machine machine;
    try (Connection c = DriverManager.getConnection(server, user, password); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + DATABASE);
      s.execute("CREATE DATABASE " + DATABASE);
      machine = Machine.describe(c);
    }
    List<String> gatewayArgs = new ArrayList<>(List.of(
        "--port", "0", "--jdbc-url", server + DATABASE, "--db-user", user,
        // Nothing here uploads: an endpoint nothing listens on keeps the embedded S3 server from starting.
        "--s3-endpoint", "http://127.0.0.1:9", "--containers", Integer.toString(containers)));
    if (!password.isEmpty()) {
      gatewayArgs.addAll(List.of("--db-password", password));
    }
    try (LocalGateway gateway = LocalGateways.start(gatewayArgs.toArray(String[]::new))) {
      int port = LocalGateways.baseUri(gateway).getPort();
      String token = LocalGateways.signedRequest(gateway, USER);
      seed(port, token);

      System.out.println();
      System.out.println("Gateway throughput: GET " + TARGET + " for a user with " + FAVORITES + " favorites");
      System.out.println(machine.summary());
      System.out.printf(Locale.ROOT, "gateway: --containers %d; %s%n", containers, accessLog ? "access log on" : "access log off");

      Samples.Stats direct = direct(token, samples);
      print("(a) handler's own time, in-process", direct);
      Samples.Stats sequential = sequential(port, token, samples);
      print("(b) through the gateway, 1 keep-alive connection", sequential);
      double ratio = sequential.p50() / direct.p50();
      System.out.printf(Locale.ROOT, "%s gateway p50 within 2x of the handler's: ratio (b)/(a) %.2f; the gateway adds %.3f ms at p50%n",
          verdict(ratio <= 2), ratio, sequential.p50() - direct.p50());

      Throughput java = concurrent(port, token, connections, warmupSeconds, seconds);
      System.out.printf(Locale.ROOT,
          "%s (c) %d connections, Java driver, %d s after %d s warm-up: %,.0f req/s (>= 2,000); p50 %.3f ms, p99 %.3f ms; %d non-200 answers%n",
          verdict(java.perSecond() >= MIN_PER_SECOND && java.errors() == 0), connections, seconds, warmupSeconds,
          java.perSecond(), java.latency().p50(), java.latency().p99(), java.errors());
      if (wrk) {
        wrk(port, token, connections, warmupSeconds, seconds);
      }
    }
  }

  /** Adds {@link #FAVORITES} comics to the user's favorites through the API and checks the list has them. */
  private static void seed(int port, String token) throws IOException {
    try (Client client = new Client(port, token)) {
      Client.Answer comics = client.send("GET", "/comics?limit=" + FAVORITES, null);
      JsonNode items = JSON.readTree(comics.body()).path("items");
      if (comics.status() != 200 || items.size() < FAVORITES) {
        throw new IllegalStateException("cannot list " + FAVORITES + " comics: " + comics);
      }
      for (JsonNode comic : items) {
        Client.Answer put = client.send("PUT", "/me/favorites/" + comic.path("id").asLong(), "{\"note\":\"benchmark\"}");
        if (put.status() / 100 != 2) {
          throw new IllegalStateException("cannot add a favorite: " + put);
        }
      }
      Client.Answer mine = client.send("GET", TARGET, null);
      if (mine.status() != 200 || JSON.readTree(mine.body()).path("items").size() != FAVORITES) {
        throw new IllegalStateException("the user does not have " + FAVORITES + " favorites: " + mine);
      }
    }
  }

  /** The handler called directly, as the gateway's container calls it, minus everything around it. */
  private static Samples.Stats direct(String token, int samples) {
    // Its settings are the system properties the gateway has just set; its graph and connection its own.
    FavoritesHandler handler = new FavoritesHandler();
    var event = ApiEvents.route("GET " + TARGET).as(USER).header("authorization", "Bearer " + token).build();
    TestContext context = new TestContext("FavoritesFunction");
    Samples timed = new Samples();
    for (int i = 0; i < samples * 2; i++) {
      long started = System.nanoTime();
      APIGatewayV2HTTPResponse response = handler.handleRequest(event, context);
      long nanos = System.nanoTime() - started;
      if (response.getStatusCode() != 200) {
        throw new IllegalStateException("the handler answered " + response.getStatusCode() + ": " + response.getBody());
      }
      if (i >= samples) {
        timed.add(nanos / 1e6);
      }
    }
    return timed.stats();
  }

  /** One request after another on one kept-alive connection; the first half warms up. */
  private static Samples.Stats sequential(int port, String token, int samples) throws IOException {
    Samples timed = new Samples();
    try (Client client = new Client(port, token)) {
      for (int i = 0; i < samples * 2; i++) {
        long started = System.nanoTime();
        Client.Answer answer = client.send("GET", TARGET, null);
        long nanos = System.nanoTime() - started;
        if (answer.status() != 200) {
          throw new IllegalStateException("the gateway answered " + answer);
        }
        if (i >= samples) {
          timed.add(nanos / 1e6);
        }
      }
    }
    return timed.stats();
  }

  /** What a concurrent run measured. */
  private record Throughput(double perSecond, Samples.Stats latency, long errors) {}

  /** {@code connections} threads, each sending request after request on its own kept-alive connection. */
  private static Throughput concurrent(int port, String token, int connections, int warmupSeconds, int seconds)
      throws InterruptedException {
    AtomicBoolean measuring = new AtomicBoolean();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong completed = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    List<Nanos> latencies = new ArrayList<>();
    CountDownLatch done = new CountDownLatch(connections);
    for (int t = 0; t < connections; t++) {
      Nanos mine = new Nanos();
      latencies.add(mine);
      Thread thread = new Thread(() -> {
        try (Client client = new Client(port, token)) {
          while (!stop.get()) {
            long started = System.nanoTime();
            Client.Answer answer = client.send("GET", TARGET, null);
            long nanos = System.nanoTime() - started;
            if (measuring.get()) {
              completed.incrementAndGet();
              mine.add(nanos);
              if (answer.status() != 200) {
                errors.incrementAndGet();
              }
            }
          }
        } catch (IOException | RuntimeException e) {
          errors.incrementAndGet();
          System.err.println("a client failed: " + e);
        } finally {
          done.countDown();
        }
      }, "bench-client-" + t);
      thread.setDaemon(true);
      thread.start();
    }
    Thread.sleep(TimeUnit.SECONDS.toMillis(warmupSeconds));
    measuring.set(true);
    long started = System.nanoTime();
    Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
    measuring.set(false);
    long elapsed = System.nanoTime() - started;
    stop.set(true);
    done.await(30, TimeUnit.SECONDS);
    Samples all = new Samples();
    for (Nanos thread : latencies) {
      thread.addTo(all);
    }
    return new Throughput(completed.get() / (elapsed / 1e9), all.stats(), errors.get());
  }

  /** One client thread's latencies, recorded without boxing while the clock runs. */
  private static final class Nanos {
    private long[] values = new long[1 << 16];
    private int size;

    void add(long nanos) {
      if (size == values.length) {
        values = Arrays.copyOf(values, 2 * size);
      }
      values[size++] = nanos;
    }

    void addTo(Samples samples) {
      for (int i = 0; i < size; i++) {
        samples.add(values[i] / 1e6);
      }
    }
  }

  private static String verdict(boolean met) {
    return met ? "PASS" : "MISS";
  }

  /** Debian's wrk, if it is installed: a warm-up run, then the measured one with its latency distribution. */
  private static void wrk(int port, String token, int connections, int warmupSeconds, int seconds) throws Exception {
    Path wrk = Path.of("/usr/bin/wrk");
    if (!Files.isExecutable(wrk)) {
      System.out.println("(c) wrk: not installed (apt-get install wrk); Java driver figures only");
      return;
    }
    String url = "http://127.0.0.1:" + port + TARGET;
    int threads = Math.min(connections, Runtime.getRuntime().availableProcessors());
    List<String> common = List.of(wrk.toString(), "-t" + threads, "-c" + connections, "-H", "Authorization: Bearer " + token);
    run(concat(common, List.of("-d" + warmupSeconds + "s", url)));
    String output = run(concat(common, List.of("-d" + seconds + "s", "--latency", url)));
    Matcher rate = Pattern.compile("Requests/sec:\\s+([0-9.]+)").matcher(output);
    double perSecond = rate.find() ? Double.parseDouble(rate.group(1)) : 0;
    System.out.printf(Locale.ROOT, "%s (c) %d connections, wrk -t%d, %d s after %d s warm-up: %,.0f req/s (>= 2,000)%n",
        verdict(perSecond >= MIN_PER_SECOND), connections, threads, seconds, warmupSeconds, perSecond);
    for (String line : output.split("\n")) {
      System.out.println("    wrk| " + line);
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException(command.get(0) + " failed: " + output);
    }
    return output;
  }

  private static void print(String what, Samples.Stats stats) {
    System.out.printf(Locale.ROOT, "%-50s n=%,d  p50 %.3f ms  p99 %.3f ms  mean %.3f ms  max %.3f ms%n",
        what, stats.n(), stats.p50(), stats.p99(), stats.mean(), stats.max());
  }

  /** HTTP/1.1 on one kept-alive socket, as little as a client can do: the answer is read by its Content-Length. */
  private static final class Client implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final String authorization;

    record Answer(int status, String body) {}

    Client(int port, String token) {
      try {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      authorization = "Authorization: Bearer " + token + "\r\n";
    }

    Answer send(String method, String target, String json) throws IOException {
      byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
      String head = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + authorization
          + (json == null ? "" : "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n") + "\r\n";
      ByteArrayOutputStream request = new ByteArrayOutputStream(head.length() + body.length);
      request.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
      request.writeBytes(body);
      out.write(request.toByteArray());
      out.flush();
      int status = Integer.parseInt(line().split(" ")[1]);
      int length = 0;
      for (String header = line(); !header.isEmpty(); header = line()) {
        if (header.regionMatches(true, 0, "content-length:", 0, 15)) {
          length = Integer.parseInt(header.substring(15).strip());
        }
      }
      return new Answer(status, new String(in.readNBytes(length), StandardCharsets.UTF_8));
    }

    private String line() throws IOException {
      StringBuilder line = new StringBuilder();
      int c;
      while ((c = in.read()) != '\n') {
        if (c < 0) {
          throw new IOException("the gateway closed the connection");
        }
        if (c != '\r') {
          line.append((char) c);
        }
      }
      return line.toString();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
