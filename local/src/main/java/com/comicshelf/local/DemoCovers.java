package com.comicshelf.local;

import com.comicshelf.assets.AssetStore;
import com.comicshelf.assets.CompletedUpload;
import com.comicshelf.assets.CoverUrls;
import com.comicshelf.assets.NewUpload;
import com.comicshelf.assets.StartedUpload;
import com.comicshelf.assets.UploadLimits;
import com.comicshelf.assets.UploadRepository;
import com.comicshelf.assets.UploadService;
import com.comicshelf.config.Environment;
import com.comicshelf.config.S3Settings;
import com.comicshelf.s3.S3AssetStore;
import com.comicshelf.s3.S3Clients;
import com.comicshelf.sql.SqlClient;
import com.comicshelf.users.UserRepository;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Gives every demo comic a cover, published exactly as a browser publishes one: the demo reader (who
 * created the demo comics) starts an upload through {@link UploadService}, {@code PUT}s the painted
 * PNG ({@link CoverPainter}) to the presigned URL over HTTP, and completes the upload, which checks
 * the file, copies it under {@code public/covers/} and makes it the comic's cover. The service is
 * called directly rather than through the routes, so the seed does not count against the demo
 * reader's hourly upload limit.
 *
 * <p>Idempotent: only demo comics without a cover, or whose cover object is gone from the store (say
 * after {@code rm -rf ~/.comic-shelf/s3}), get one; a later start publishes nothing. Best effort: with
 * no S3 endpoint configured, or none answering, the seed goes on without covers and says so.
 */
final class DemoCovers {
  private static final Logger log = LoggerFactory.getLogger(DemoCovers.class);
  /** The embedded S3 server starts alongside the database; this is how long the seed waits for it. */
  private static final Duration S3_START_TIMEOUT = Duration.ofSeconds(60);
  private static final int PAINTERS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

  /**
   * What one run did.
   *
   * @param covers covers published now
   * @param alreadyThere demo comics that had a cover already
   * @param waitedMillis how long the run waited for the S3 server to start
   * @param millis how long the run took, waiting included
   */
  record Published(int covers, int alreadyThere, long waitedMillis, long millis) {}

  private record DemoComic(long id, String title, String publisher, int year, String coverKey) {}

  private final SqlClient sql;
  private final Clock clock;
  private final Environment env;

  DemoCovers(SqlClient sql, Clock clock, Environment env) {
    this.sql = sql;
    this.clock = clock;
    this.env = env;
  }

  /**
   * Publishes the missing demo covers into the S3 the handlers use (the {@link S3Settings} of {@code
   * env}); never throws.
   */
  Published publishMissing() {
    long started = System.nanoTime();
    try {
      return publish(started);
    } catch (RuntimeException | Error e) {
      log.warn("demo covers not published: {}", e.toString());
      log.debug("demo covers not published", e);
      return new Published(0, 0, millisSince(started), millisSince(started));
    }
  }

  private Published publish(long started) {
    S3Settings settings = S3Settings.from(env);
    if (settings.endpoint() == null) {
      // The local gateway always names its S3; without one this would be AWS's own.
      log.info("no S3 endpoint configured: demo comics keep no cover");
      return new Published(0, 0, millisSince(started), millisSince(started));
    }
    List<DemoComic> comics = demoComics();
    if (comics.isEmpty()) {
      return new Published(0, 0, millisSince(started), millisSince(started));
    }
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    ExecutorService painters = Executors.newFixedThreadPool(PAINTERS, DemoCovers::daemon);
    try {
      // Comics without a cover are painted while the S3 server is still starting.
      Map<Long, CompletableFuture<byte[]>> painted = new HashMap<>();
      comics.stream().filter(c -> c.coverKey() == null).forEach(c -> painted.put(c.id(), paint(c, painters)));
      if (!s3Answers(settings.endpoint())) {
        log.warn("S3 at {} does not answer: demo comics keep no cover this time", settings.endpoint());
        return new Published(0, 0, millisSince(started), millisSince(started));
      }
      long waited = millisSince(started);
      var credentials = DefaultCredentialsProvider.builder().build();
      try (S3Client s3 = S3Clients.client(settings, credentials);
          S3Presigner presigner = S3Clients.presigner(settings, credentials)) {
        AssetStore store = new S3AssetStore(s3, presigner, settings.bucket());
        // A cover whose object is gone (the S3 folder deleted, the database kept) is published again.
        List<DemoComic> missing =
            comics.stream().filter(c -> c.coverKey() == null || store.head(c.coverKey()).isEmpty()).toList();
        if (missing.isEmpty()) {
          return new Published(0, comics.size(), waited, millisSince(started));
        }
        missing.forEach(c -> painted.computeIfAbsent(c.id(), id -> paint(c, painters)));
        UploadService uploads =
            new UploadService(
                sql,
                new UploadRepository(sql),
                new UserRepository(sql),
                store,
                new UploadLimits(settings.maxUploadBytes(), settings.uploadUrlTtl()),
                new CoverUrls(S3Settings.publicBaseUrl(env)),
                clock);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        // One SQL connection: the uploads go one by one.
        for (DemoComic comic : missing) {
          publishOne(uploads, http, comic, painted.get(comic.id()).join());
        }
        return new Published(missing.size(), comics.size() - missing.size(), waited, millisSince(started));
      }
    } finally {
      painters.shutdownNow();
    }
  }

  private static CompletableFuture<byte[]> paint(DemoComic comic, ExecutorService painters) {
    return CompletableFuture.supplyAsync(() -> CoverPainter.paint(comic.title(), comic.publisher(), comic.year()), painters);
  }

  private static Thread daemon(Runnable task) {
    Thread thread = new Thread(task, "demo-cover-painter");
    thread.setDaemon(true);
    return thread;
  }

  /** Start, PUT, complete: the widget's three steps. */
  private static void publishOne(UploadService uploads, HttpClient http, DemoComic comic, byte[] png) {
    StartedUpload upload =
        uploads.start(DemoData.DEMO_USER_ID, new NewUpload("image/png", (long) png.length, comic.id()));
    HttpRequest.Builder put =
        HttpRequest.newBuilder(upload.url()).timeout(Duration.ofSeconds(10)).PUT(HttpRequest.BodyPublishers.ofByteArray(png));
    // Every signed header but host and content-length, which the HTTP client derives itself (as a browser does).
    upload.headers().forEach((name, value) -> {
      if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
        put.header(name, value);
      }
    });
    try {
      HttpResponse<Void> response = http.send(put.build(), HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException("PUT of the cover of comic " + comic.id() + " answered " + response.statusCode());
      }
    } catch (IOException e) {
      throw new IllegalStateException("PUT of the cover of comic " + comic.id() + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    CompletedUpload completed = uploads.complete(DemoData.DEMO_USER_ID, upload.uploadId());
    log.debug("cover of comic {} ({}) at {}", comic.id(), comic.title(), completed.coverUrl());
  }

  /** The catalog's comics as the demo reader created them, with their current cover. */
  private List<DemoComic> demoComics() {
    Set<String> catalog =
        DemoData.CATALOG.stream().map(t -> t.title() + "|" + t.publisher() + "|" + t.year()).collect(Collectors.toSet());
    return sql.query(
            "SELECT id, title, publisher, year, cover_key FROM comics WHERE created_by = :creator ORDER BY id",
            Map.of("creator", DemoData.DEMO_USER_ID),
            r -> new DemoComic(r.getLong("id"), r.getString("title"), r.getString("publisher"), r.getInt("year"), r.getString("cover_key")))
        .stream()
        .filter(c -> catalog.contains(c.title() + "|" + c.publisher() + "|" + c.year()))
        .toList();
  }

  /**
   * Whether the S3 server answers HTTP. The gateway starts its embedded one alongside the database:
   * wait for that start (or for the endpoint to answer), up to a minute; any other endpoint is asked
   * once.
   */
  private static boolean s3Answers(URI endpoint) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
    if (!EmbeddedS3.expectedAt(endpoint)) {
      return answers(http, endpoint);
    }
    long deadline = System.nanoTime() + S3_START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (EmbeddedS3.awaitStarted(endpoint, Duration.ofMillis(250)) || answers(http, endpoint)) {
        return true;
      }
    }
    return false;
  }

  private static boolean answers(HttpClient http, URI endpoint) {
    try {
      http.send(
          HttpRequest.newBuilder(endpoint.resolve("/")).timeout(Duration.ofSeconds(2)).GET().build(),
          HttpResponse.BodyHandlers.discarding());
      return true;
    } catch (ConnectException e) {
      return false;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static long millisSince(long started) {
    return (System.nanoTime() - started) / 1_000_000;
  }
}
