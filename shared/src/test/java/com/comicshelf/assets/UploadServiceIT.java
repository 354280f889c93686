package com.comicshelf.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.comicshelf.catalog.ComicRepository;
import com.comicshelf.common.ClientError;
import com.comicshelf.favorites.FavoriteRepository;
import com.comicshelf.ranking.FriendPopularityQuery;
import com.comicshelf.ranking.PopularityCounters;
import com.comicshelf.ranking.PopularityOutbox;
import com.comicshelf.ranking.RankingService;
import com.comicshelf.sql.SqlClient;
import com.comicshelf.testing.Fixtures;
import com.comicshelf.testing.MutableClock;
import com.comicshelf.testing.S3Server;
import com.comicshelf.testing.S3Target;
import com.comicshelf.testing.SqlAdapter;
import com.comicshelf.testing.TestDatabase;
import com.comicshelf.testing.TestImages;
import com.comicshelf.users.UserRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The upload service over the real MariaDB and an S3-protocol server: what it records, what it
 * publishes, and that nothing reaches {@code public/} when a check fails, even in a race.
 *
 * <p>Runs on every SQL adapter with the in-process S3 server (S3Mock), and with JDBC on moto's S3 and
 * on LocalStack (skipped without a Docker engine): what S3 does is independent of the SQL adapter, so
 * the Data API on every S3 server would add time, not coverage. See {@link #sqlAdaptersAndS3Servers()}.
 */
@ParameterizedClass(name = "{0} + {1}")
@MethodSource("sqlAdaptersAndS3Servers")
class UploadServiceIT {
  @Parameter(0) SqlAdapter adapter;
  @Parameter(1) S3Server server;

  private static final String BUCKET = "upload-service-it"; // a valid DNS name, as moto requires
  private static final long ANN = 201L;
  private static final long BOB = 202L;
  private static TestDatabase db;
  private S3Target s3;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
  private SqlClient sql;
  private long comic;
  private CoverUrls covers;

  /** Every SQL adapter on S3Mock; JDBC on each other S3 server. */
  static Stream<Arguments> sqlAdaptersAndS3Servers() {
    Stream<Arguments> onS3Mock = Stream.of(SqlAdapter.values()).map(sql -> Arguments.of(sql, S3Server.S3MOCK));
    Stream<Arguments> onOtherServers =
        Stream.of(S3Server.values())
            .filter(server -> server != S3Server.S3MOCK)
            .map(server -> Arguments.of(SqlAdapter.JDBC, server));
    return Stream.concat(onS3Mock, onOtherServers);
  }

  @BeforeAll
  static void start() {
    db = TestDatabase.create("comicshelf_uploads_it");
  }

  @BeforeEach
  void setUp() {
    s3 = server.connect(); // skips where the server cannot run here (LocalStack without Docker)
    db.truncateAll();
    s3.freshBucket(BUCKET);
    s3.allowAnonymousGet(BUCKET, "public/"); // covers are read as a browser reads them (CloudFront in AWS)
    sql = db.newClient(adapter);
    Fixtures fixtures = new Fixtures(sql);
    fixtures.user(ANN, "Ann");
    fixtures.user(BOB, "Bob");
    comic = fixtures.comic("Maus", "Pantheon Books", 1986, ANN);
    covers = new CoverUrls(s3.publicBaseUrl(BUCKET));
  }

  @AfterEach
  void tearDown() {
    TestDatabase.close(sql);
  }

  @Test
  void start_recordsAPendingUpload_andSignsAPutIntoTheUploadersIncomingFolder() {
    StartedUpload started = service().start(ANN, new NewUpload("image/png", 1234L, comic));

    assertThat(started.uploadId()).isBetween(1_000_000_000_000_000L, 9_007_199_254_740_991L);
    assertThat(started.method()).isEqualTo("PUT");
    assertThat(started.url().getPath()).isEqualTo("/" + BUCKET + "/incoming/" + ANN + "/" + started.uploadId());
    assertThat(started.headers()).containsEntry("content-type", "image/png").containsEntry("content-length", "1234");
    assertThat(started.expiresAt()).isEqualTo(Instant.parse("2026-11-25T10:05:00Z"));
    assertThat(
            sql.queryOne(
                "SELECT uploader_id, comic_id, content_type, declared_size, status FROM uploads WHERE id = :id",
                Map.of("id", started.uploadId()),
                r -> r.getLong("uploader_id") + " " + r.getLong("comic_id") + " " + r.getString("content_type")
                    + " " + r.getLong("declared_size") + " " + r.getString("status")))
        .contains(ANN + " " + comic + " image/png 1234 pending");
  }

  @Test
  void start_forAComicSomeoneElseAdded_is403_andForAMissingComic404_recordingNothing() {
    assertThatThrownBy(() -> service().start(BOB, new NewUpload("image/png", 10L, comic)))
        .isInstanceOfSatisfying(ClientError.class, e -> assertThat(e.kind()).isEqualTo(ClientError.Kind.FORBIDDEN));
    assertThatThrownBy(() -> service().start(ANN, new NewUpload("image/png", 10L, 999L)))
        .isInstanceOfSatisfying(ClientError.class, e -> assertThat(e.kind()).isEqualTo(ClientError.Kind.NOT_FOUND))
        .hasMessage("comic 999 does not exist");
    assertThat(count("uploads")).isZero();
  }

  @Test
  void complete_publishesTheCover_setsItOnTheComic_andRemovesTheIncomingFile() {
    byte[] png = TestImages.png(20, 30);
    StartedUpload started = service().start(ANN, new NewUpload("image/png", (long) png.length, comic));
    assertThat(s3.putWithHeaders(started.url(), started.headers(), png).statusCode()).isEqualTo(200);

    CompletedUpload done = service().complete(ANN, started.uploadId());

    String coverKey = "public/covers/" + started.uploadId() + ".png";
    assertThat(done).isEqualTo(new CompletedUpload(started.uploadId(), comic, covers.urlOf(coverKey), "image/png", png.length));
    assertThat(new ComicRepository(sql, covers).find(comic).orElseThrow().coverUrl()).isEqualTo(done.coverUrl());
    assertThat(s3.keys(BUCKET, "")).containsExactly(coverKey);
    assertThat(s3.get(java.net.URI.create(done.coverUrl())).body()).isEqualTo(png);
    assertThat(
            sql.queryOne(
                "SELECT object_key, content_type, size_bytes, comic_id, created_by FROM assets WHERE upload_id = :id",
                Map.of("id", started.uploadId()),
                r -> r.getString("object_key") + " " + r.getString("content_type") + " " + r.getLong("size_bytes")
                    + " " + r.getLong("comic_id") + " " + r.getLong("created_by")))
        .contains(coverKey + " image/png " + png.length + " " + comic + " " + ANN);
  }

  @Test
  void coverUrl_appearsWhereverTheComicDoes_favoritesAndRankingsToo() {
    CompletedUpload done = service().complete(ANN, uploaded(TestImages.png(4, 4), "image/png").uploadId());
    sql.update(
        "INSERT INTO favorites (user_id, comic_id, created_at) VALUES (:u, :c, :now)",
        Map.of("u", BOB, "c", comic, "now", clock.instant()));
    sql.update("UPDATE comics SET like_count = 1, last_liked_at = :now WHERE id = :c", Map.of("c", comic, "now", clock.instant()));
    sql.update(
        "INSERT INTO friendships (user_id, friend_id, created_at) VALUES (:a, :b, :now), (:b, :a, :now)",
        Map.of("a", ANN, "b", BOB, "now", clock.instant()));
    FriendPopularityQuery popularity = new FriendPopularityQuery(sql, covers, new PopularityOutbox(sql, new PopularityCounters(sql)));
    RankingService ranking = new RankingService(popularity, new UserRepository(sql), sql, covers);

    assertThat(new FavoriteRepository(sql, covers).find(BOB, comic).orElseThrow().comic().coverUrl())
        .isEqualTo(done.coverUrl());
    assertThat(ranking.popularOverall(10).get(0).comic().coverUrl()).isEqualTo(done.coverUrl());
    assertThat(ranking.popularAmongFriends(ANN, 10, false).get(0).comic().coverUrl()).isEqualTo(done.coverUrl());
    sql.update(
        "INSERT INTO friend_favorite_counts (user_id, comic_id, friend_count, last_liked_at) VALUES (:a, :c, 1, :now)",
        Map.of("a", ANN, "c", comic, "now", clock.instant()));
    assertThat(popularity.materialized(ANN, 10, false).get(0).comic().coverUrl()).isEqualTo(done.coverUrl());
  }

  @Test
  void complete_isIdempotent_whenCalledTwice() {
    StartedUpload started = uploaded(TestImages.gif(5, 5), "image/gif");
    CompletedUpload first = service().complete(ANN, started.uploadId());
    clock.advance(Duration.ofHours(2));

    CompletedUpload second = service().complete(ANN, started.uploadId());

    assertThat(second).isEqualTo(first);
    assertThat(count("assets")).isEqualTo(1);
    assertThat(s3.keys(BUCKET, "public/")).containsExactly("public/covers/" + started.uploadId() + ".gif");
  }

  @Test
  void rejectedUpload_staysRejected_withTheSameReason() {
    StartedUpload started = uploaded(TestImages.gif(5, 5), "image/png");

    ClientError first = catchClientError(() -> service().complete(ANN, started.uploadId()));
    s3.putObject(BUCKET, "incoming/" + ANN + "/" + started.uploadId(), "image/png", TestImages.png(5, 5));
    ClientError second = catchClientError(() -> service().complete(ANN, started.uploadId()));

    assertThat(first.kind()).isEqualTo(ClientError.Kind.UNPROCESSABLE);
    assertThat(first.getMessage()).isEqualTo("the file's content is image/gif, not the declared image/png");
    assertThat(second.kind()).isEqualTo(ClientError.Kind.UNPROCESSABLE);
    assertThat(second.getMessage()).isEqualTo(first.getMessage());
    assertThat(s3.keys(BUCKET, "public/")).isEmpty();
    assertThat(status(started.uploadId())).isEqualTo("rejected");
  }

  @Test
  void completeWithoutAFile_is409_untilTheUrlExpires_thenTheUploadIsExpired() {
    StartedUpload started = service().start(ANN, new NewUpload("image/jpeg", 100L, comic));

    ClientError early = catchClientError(() -> service().complete(ANN, started.uploadId()));
    clock.advance(Duration.ofMinutes(6));
    ClientError late = catchClientError(() -> service().complete(ANN, started.uploadId()));

    assertThat(early.kind()).isEqualTo(ClientError.Kind.CONFLICT);
    assertThat(early.getMessage()).contains("no file has been uploaded for upload " + started.uploadId() + " yet");
    assertThat(late.kind()).isEqualTo(ClientError.Kind.CONFLICT);
    assertThat(late.getMessage()).contains("expired at 2026-11-25T10:05:00Z");
    assertThat(status(started.uploadId())).isEqualTo("expired");
  }

  @Test
  void fileReplacedDuringTheCheck_is409_andTheNextCompletionChecksTheNewFile() {
    byte[] png = TestImages.png(6, 6);
    StartedUpload started = uploaded(png, "image/png");
    String incoming = "incoming/" + ANN + "/" + started.uploadId();
    byte[] lie = "x".repeat(png.length).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    UploadService racing =
        service(beforeRead(key -> s3.putObject(BUCKET, incoming, "image/png", lie)), Optional.empty());

    ClientError raced = catchClientError(() -> racing.complete(ANN, started.uploadId()));
    ClientError checkedAgain = catchClientError(() -> service().complete(ANN, started.uploadId()));

    assertThat(raced.kind()).isEqualTo(ClientError.Kind.CONFLICT);
    assertThat(raced.getMessage()).contains("was replaced while it was being checked");
    assertThat(checkedAgain.kind()).isEqualTo(ClientError.Kind.UNPROCESSABLE);
    assertThat(checkedAgain.getMessage()).contains("the file's content is none of image/jpeg, image/png, image/webp, image/gif");
    assertThat(s3.keys(BUCKET, "")).isEmpty();
  }

  @Test
  void creatorChangingBetweenCopyAndCommit_is403_andTheCopyIsRemovedFromPublic() {
    StartedUpload started = uploaded(TestImages.jpeg(9, 9), "image/jpeg");
    UploadService racing =
        service(
            new ForwardingStore(s3.store(BUCKET)),
            Optional.of(() -> sql.update("UPDATE comics SET created_by = :bob WHERE id = :id", Map.of("bob", BOB, "id", comic))));

    ClientError error = catchClientError(() -> racing.complete(ANN, started.uploadId()));

    assertThat(error.kind()).isEqualTo(ClientError.Kind.FORBIDDEN);
    assertThat(s3.keys(BUCKET, "")).isEmpty();
    assertThat(count("assets")).isZero();
    assertThat(new ComicRepository(sql, covers).find(comic).orElseThrow().coverUrl()).isNull();
  }

  @Test
  void someoneElsesUpload_doesNotExist_forTheCaller() {
    StartedUpload started = uploaded(TestImages.png(3, 3), "image/png");

    ClientError error = catchClientError(() -> service().complete(BOB, started.uploadId()));

    assertThat(error.kind()).isEqualTo(ClientError.Kind.NOT_FOUND);
    assertThat(error.getMessage()).isEqualTo("upload " + started.uploadId() + " does not exist");
    assertThat(s3.keys(BUCKET, "incoming/")).hasSize(1);
  }

  private StartedUpload uploaded(byte[] file, String declaredType) {
    StartedUpload started = service().start(ANN, new NewUpload(declaredType, (long) file.length, comic));
    assertThat(s3.putWithHeaders(started.url(), started.headers(), file).statusCode()).isEqualTo(200);
    return started;
  }

  private UploadService service() {
    return service(s3.store(BUCKET), Optional.empty());
  }

  /** The service over {@code store}; {@code afterCopy} runs once the file was copied under public/. */
  private UploadService service(AssetStore store, Optional<Runnable> afterCopy) {
    AssetStore wrapped =
        afterCopy.<AssetStore>map(
                hook ->
                    new ForwardingStore(store) {
                      @Override
                      public void copy(String from, String etag, String to, String type, String cache) {
                        super.copy(from, etag, to, type, cache);
                        hook.run();
                      }
                    })
            .orElse(store);
    return new UploadService(
        sql,
        new UploadRepository(sql),
        new UserRepository(sql),
        wrapped,
        new UploadLimits(5 * 1024 * 1024, Duration.ofMinutes(5)),
        covers,
        clock);
  }

  private AssetStore beforeRead(Consumer<String> hook) {
    return new ForwardingStore(s3.store(BUCKET)) {
      @Override
      public Optional<byte[]> readPrefix(String key, String etag, int length) {
        hook.accept(key);
        return super.readPrefix(key, etag, length);
      }
    };
  }

  private long count(String table) {
    return sql.queryOne("SELECT COUNT(*) AS n FROM " + table, Map.of(), r -> r.getLong("n")).orElseThrow();
  }

  private String status(long uploadId) {
    return sql.queryOne("SELECT status FROM uploads WHERE id = :id", Map.of("id", uploadId), r -> r.getString("status"))
        .orElseThrow();
  }

  private static ClientError catchClientError(Runnable call) {
    try {
      call.run();
    } catch (ClientError e) {
      return e;
    }
    throw new AssertionError("expected a ClientError");
  }

  /** Delegates everything; tests override one call to inject a race. */
  private static class ForwardingStore implements AssetStore {
    private final AssetStore delegate;

    ForwardingStore(AssetStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public PresignedPut presignPut(String key, String contentType, long contentLength, Duration ttl) {
      return delegate.presignPut(key, contentType, contentLength, ttl);
    }

    @Override
    public Optional<StoredObject> head(String key) {
      return delegate.head(key);
    }

    @Override
    public Optional<byte[]> readPrefix(String key, String etag, int length) {
      return delegate.readPrefix(key, etag, length);
    }

    @Override
    public void copy(String fromKey, String etag, String toKey, String contentType, String cacheControl) {
      delegate.copy(fromKey, etag, toKey, contentType, cacheControl);
    }

    @Override
    public void delete(String key) {
      delegate.delete(key);
    }
  }
}
