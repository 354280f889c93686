package com.comicshelf.deletion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.comicshelf.assets.CoverUrls;
import com.comicshelf.assets.NewUpload;
import com.comicshelf.assets.StartedUpload;
import com.comicshelf.assets.UploadLimits;
import com.comicshelf.assets.UploadRepository;
import com.comicshelf.assets.UploadService;
import com.comicshelf.config.S3Settings;
import com.comicshelf.favorites.FavoriteNote;
import com.comicshelf.friends.FriendProfile;
import com.comicshelf.idempotency.IdempotencyStore;
import com.comicshelf.idempotency.SqlIdempotencyStore;
import com.comicshelf.ranking.RankedComic;
import com.comicshelf.ratelimit.RateLimiter;
import com.comicshelf.ratelimit.SqlRateLimiter;
import com.comicshelf.s3.S3AssetStore;
import com.comicshelf.sql.SqlClient;
import com.comicshelf.testing.CrashingSqlClient;
import com.comicshelf.testing.DeletionServices;
import com.comicshelf.testing.MutableClock;
import com.comicshelf.testing.RankingInvariants;
import com.comicshelf.testing.SocialWorld;
import com.comicshelf.testing.SqlAdapter;
import com.comicshelf.testing.TestDatabase;
import com.comicshelf.testing.TestImages;
import com.comicshelf.testing.TestS3;
import com.comicshelf.users.UserRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Deleting a person: nothing of theirs stays in any table or in the bucket (but the comics they
 * added, which are shared, and the cover such a comic shows), every remaining counter and precomputed
 * ranking equals a fresh aggregation, and a deletion killed at any statement completes when asked again.
 *
 * <p>The world: LEAVER is friends with ANN, BOB and HUB; HUB (materialized, like LEAVER) also with CAT.
 * Everyone likes something; LEAVER added a comic, gave it two covers and left a third upload unfinished.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(SqlAdapter.class)
class DataDeletionIT {
  @Parameter SqlAdapter adapter;

  private static final String BUCKET = "data-deletion-it";
  // Ten digits: no comic, asset or upload id can be mistaken for them in the leftover scan.
  private static final long LEAVER = 1_000_000_001L;
  private static final long ANN = 1_000_000_002L;
  private static final long BOB = 1_000_000_003L;
  private static final long HUB = 1_000_000_004L;
  private static final long CAT = 1_000_000_005L;
  private static final int MATERIALIZE_FROM = 3;
  private static final String JDBC_ONLY = "jdbc-only";

  private static TestDatabase db;
  private static SqlClient sql;
  private static TestS3 s3;
  private static CoverUrls covers;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
  private SocialWorld world;
  private long leaversComic;
  private String leaversCurrentCover;

  @BeforeParameterizedClassInvocation
  static void wire(SqlAdapter adapter) {
    db = TestDatabase.create("comicshelf_data_deletion_it");
    sql = db.newClient(adapter);
    s3 = TestS3.shared();
    covers = new CoverUrls(s3.publicBaseUrl(BUCKET));
  }

  @AfterParameterizedClassInvocation
  static void close() {
    TestDatabase.close(sql);
  }

  /**
   * Tests tagged {@value #JDBC_ONLY} check behaviour that does not depend on the adapter, so they run
   * on JDBC alone: each world takes seconds to build on the Data API emulator. The deletion itself
   * runs on both.
   */
  @BeforeEach
  void buildTheWorld(TestInfo test) throws Exception {
    Assumptions.assumeTrue(adapter == SqlAdapter.JDBC || !test.getTags().contains(JDBC_ONLY), "adapter-independent: JDBC only");
    buildTheWorld();
  }

  private void buildTheWorld() throws Exception {
    db.truncateAll();
    s3.freshBucket(BUCKET);
    world = new SocialWorld(sql, clock, MATERIALIZE_FROM, 100);
    List<Long> comics = new ArrayList<>();
    for (String title : List.of("Maus", "Saga", "Watchmen", "Bone")) {
      comics.add(comicAddedBy(ANN, title));
    }
    leaversComic = comicAddedBy(LEAVER, "Persepolis");
    world.syncFriends(LEAVER, List.of(profile(ANN), profile(BOB), profile(HUB)));
    world.syncFriends(HUB, List.of(profile(LEAVER), profile(ANN), profile(BOB), profile(CAT)));
    like(LEAVER, comics.get(0), comics.get(1), leaversComic);
    like(ANN, comics.get(0));
    like(BOB, comics.get(1), comics.get(2));
    like(HUB, comics.get(0), leaversComic);
    like(CAT, comics.get(3));

    UploadService uploads = uploadService(sql);
    completedCover(uploads);
    leaversCurrentCover = completedCover(uploads); // replaces the first: that one is shown by no comic now
    StartedUpload unfinished = uploads.start(LEAVER, new NewUpload("image/png", (long) TestImages.png(1, 1).length, leaversComic));
    s3.putWithHeaders(unfinished.url(), unfinished.headers(), TestImages.png(1, 1));

    IdempotencyStore keys = new SqlIdempotencyStore(sql);
    keys.claim(LEAVER + "#retry-1", "hash", clock.instant(), Duration.ofSeconds(5));
    keys.complete(LEAVER + "#retry-1", "hash", new IdempotencyStore.StoredResponse(201, "application/json", "{}"), clock.instant());
    keys.claim(ANN + "#retry-1", "hash", clock.instant(), Duration.ofSeconds(5));
    new SqlRateLimiter(sql).acquire(LEAVER, RateLimiter.Action.UPLOAD_STARTED, clock.instant());

    assertThat(leftoversOf(LEAVER)).as("the world holds the leaver's data before").hasSizeGreaterThan(8);
    assertThat(s3.keys(BUCKET, "incoming/" + LEAVER + "/")).hasSize(1);
    assertThat(s3.keys(BUCKET, "public/covers/")).hasSize(2);
  }

  @AfterEach
  void closeWorld() {
    if (world != null) {
      world.close();
      world = null;
    }
  }

  @Test
  void deletion_leavesNoRowAndNoObjectOfThePerson_andEveryCountExact() {
    List<RankedComic> hubBefore = world.popularity.materialized(HUB, 10, false);

    DeletionTicket ticket = deletions(sql).requestDeletion(LEAVER, DeletionOrigin.FACEBOOK);

    assertThat(ticket.status()).isEqualTo(DeletionStatus.DONE);
    assertThat(ticket.code()).matches("[a-z0-9]{24}");
    assertThat(leftoversOf(LEAVER)).as("rows still holding the leaver's id").isEmpty();
    assertThat(leftoversOf(ANN)).as("another person's rows are untouched").isNotEmpty();
    assertThat(s3.keys(BUCKET, "incoming/")).isEmpty();
    assertThat(s3.keys(BUCKET, "public/covers/")).containsExactly(leaversCurrentCover);
    assertCatalogKeepsTheirComicWithoutThem();
    assertThat(RankingInvariants.assertCountsMatchAFreshAggregation(sql)).as("precomputed rows compared").isPositive();
    assertThat(rankingOf(world.popularity.materialized(HUB, 10, false)))
        .as("the hub's precomputed ranking equals a fresh aggregation")
        .isEqualTo(rankingOf(world.popularity.aggregated(HUB, 10, false)))
        .as("and no longer counts the leaver's likes")
        .isNotEqualTo(rankingOf(hubBefore));
    assertThat(deletions(sql).status(ticket.code())).isEqualTo(new DeletionTicket(ticket.code(), DeletionStatus.DONE));
  }

  @Test
  @Tag(JDBC_ONLY)
  void askingAgainOnceDone_startsAFreshRequest_thatFindsNothingLeft() {
    DataDeletionService service = deletions(sql);
    String first = service.requestDeletion(LEAVER, DeletionOrigin.API).code();

    DeletionTicket again = service.requestDeletion(LEAVER, DeletionOrigin.FACEBOOK);

    assertThat(again.code()).as("a new request once the first is done").isNotEqualTo(first);
    assertThat(again.status()).isEqualTo(DeletionStatus.DONE);
    assertThat(leftoversOf(LEAVER)).isEmpty();
  }

  @Test
  @Tag(JDBC_ONLY)
  void unknownOrMalformedCodes_areNotFound() {
    DataDeletionService service = deletions(sql);

    for (String code : List.of("abcdefghijklmnopqrstuvwx", "short", "", "ABCDEFGHIJKLMNOPQRSTUVWX", "' OR 1=1 --")) {
      assertThatThrownBy(() -> service.status(code)).as(code).hasMessageContaining("no deletion request");
    }
  }

  @Test
  @Tag(JDBC_ONLY)
  void deauthorizing_keepsTheData_andRefusesSyncWithTokensIssuedBefore_butNotAfter() {
    Instant removedAt = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    int before = leftoversOf(LEAVER).size();

    assertThat(deletions(sql).deauthorize(LEAVER, removedAt)).isTrue();
    assertThat(deletions(sql).deauthorize(1_999_999_999L, removedAt)).as("nobody stored, nothing to stop").isFalse();

    assertThat(leftoversOf(LEAVER)).hasSize(before);
    world.setFriends(LEAVER, List.of(profile(ANN)));
    assertThatThrownBy(
            () -> world.friends.sync(LEAVER, Optional.of(SocialWorld.tokenOf(LEAVER)), Optional.of(removedAt.minusSeconds(60))))
        .hasMessageContaining("removed the app");
    assertThatThrownBy(() -> world.friends.sync(LEAVER, Optional.of(SocialWorld.tokenOf(LEAVER)), Optional.empty()))
        .as("a token of unknown age counts as old")
        .hasMessageContaining("removed the app");
    assertThat(world.friends.sync(LEAVER, Optional.of(SocialWorld.tokenOf(LEAVER)), Optional.of(removedAt.plusSeconds(1))).friends())
        .as("logged in again after removing the app")
        .isEqualTo(1);
  }

  /**
   * Kills the deletion before one statement in every few, from the first to the last: whatever it
   * had done stays done or rolls back, and asking again finishes it exactly. JDBC only: both adapters
   * run the same statements in the same transactions.
   */
  @Test
  @Tag(JDBC_ONLY)
  void deletionKilledAtAnyStatement_completesWhenAskedAgain() throws Exception {
    int total = countStatementsOfOneDeletion();
    int step = Math.max(1, total / 40);
    int crashes = 0;
    int acknowledgedBeforeTheKill = 0;
    for (int crashAt = 1; crashAt <= total; crashAt += step) {
      if (crashAt > 1) {
        closeWorld();
        buildTheWorld();
      }
      CrashingSqlClient dying = new CrashingSqlClient(sql, crashAt);
      Optional<DeletionTicket> acknowledged;
      try {
        acknowledged = Optional.of(deletions(dying).requestDeletion(LEAVER, DeletionOrigin.FACEBOOK));
      } catch (CrashingSqlClient.Crash e) {
        acknowledged = Optional.empty(); // died before the request was durable: nothing was promised
      }
      acknowledged.ifPresent(t -> assertThat(t.status()).as("killed at statement").isEqualTo(DeletionStatus.PENDING));
      acknowledgedBeforeTheKill += acknowledged.isPresent() ? 1 : 0;
      assertThat(RankingInvariants.assertCountsMatchAFreshAggregation(sql)).as("counts exact after the kill").isNotNegative();

      DeletionTicket retried = deletions(sql).requestDeletion(LEAVER, DeletionOrigin.FACEBOOK);

      String at = "killed before statement " + crashAt + " of " + total;
      acknowledged.ifPresent(t -> assertThat(retried.code()).as(at + ": the acknowledged code").isEqualTo(t.code()));
      assertThat(retried.status()).as(at).isEqualTo(DeletionStatus.DONE);
      assertThat(leftoversOf(LEAVER)).as(at).isEmpty();
      assertThat(s3.keys(BUCKET, "incoming/")).as(at).isEmpty();
      assertThat(s3.keys(BUCKET, "public/covers/")).as(at).containsExactly(leaversCurrentCover);
      RankingInvariants.assertCountsMatchAFreshAggregation(sql);
      crashes++;
    }
    assertThat(crashes).as("kill points tried").isGreaterThan(Math.min(total, 10));
    assertThat(acknowledgedBeforeTheKill)
        .as("kills after the request was durable (the rest died before it was)")
        .isBetween(1, crashes - 1);
  }

  /** What a ranking says, without the likers only the aggregated path collects in passing. */
  private static List<String> rankingOf(List<RankedComic> ranking) {
    return ranking.stream().map(r -> r.comic().id() + "×" + r.count() + "@" + r.lastLikedAt()).toList();
  }

  private int countStatementsOfOneDeletion() throws Exception {
    CrashingSqlClient counting = new CrashingSqlClient(sql, 0);
    assertThat(deletions(counting).requestDeletion(LEAVER, DeletionOrigin.FACEBOOK).status()).isEqualTo(DeletionStatus.DONE);
    closeWorld();
    buildTheWorld();
    assertThat(counting.statements()).as("statements of one deletion").isGreaterThan(20);
    System.out.println("data deletion: " + counting.statements() + " statements; killing before every " + Math.max(1, counting.statements() / 40) + ". of them");
    return counting.statements();
  }

  private void assertCatalogKeepsTheirComicWithoutThem() {
    Map<String, Object> comic =
        sql.queryOne(
                "SELECT title, created_by, cover_key FROM comics WHERE id = :id",
                Map.of("id", leaversComic),
                r -> {
                  Map<String, Object> row = new TreeMap<>();
                  row.put("title", r.getString("title"));
                  row.put("createdBy", String.valueOf(r.getNullableLong("created_by")));
                  row.put("cover", r.getString("cover_key"));
                  return row;
                })
            .orElseThrow();
    assertThat(comic).containsEntry("title", "Persepolis").containsEntry("createdBy", "null").containsEntry("cover", leaversCurrentCover);
  }

  /**
   * Every row, in every table of the schema, that holds {@code userId} in a numeric column or as the
   * {@code "<userId>#"} prefix of a text key: found from information_schema, so a table added later
   * is checked too.
   */
  private List<String> leftoversOf(long userId) {
    List<String[]> columns =
        sql.query(
            """
            SELECT table_name AS t, column_name AS c, data_type AS d FROM information_schema.columns
            WHERE table_schema = DATABASE() AND data_type IN ('bigint', 'varchar', 'char')
              AND table_name NOT LIKE 'flyway%'
            """,
            Map.of(),
            r -> new String[] {r.getString("t"), r.getString("c"), r.getString("d")});
    List<String> found = new ArrayList<>();
    for (String[] column : columns) {
      boolean numeric = column[2].equals("bigint");
      String where = numeric ? "`" + column[1] + "` = :value" : "`" + column[1] + "` LIKE :value";
      long rows =
          sql.queryOne(
                  "SELECT COUNT(*) AS n FROM `" + column[0] + "` WHERE " + where,
                  Map.of("value", numeric ? (Object) userId : userId + "#%"),
                  r -> r.getLong("n"))
              .orElse(0L);
      if (rows > 0) {
        found.add(column[0] + "." + column[1] + " × " + rows);
      }
    }
    return found;
  }

  private DataDeletionService deletions(SqlClient client) {
    return DeletionServices.over(client, clock, store(), covers, MATERIALIZE_FROM);
  }

  private S3AssetStore store() {
    return s3.store(BUCKET);
  }

  private UploadService uploadService(SqlClient client) {
    return new UploadService(
        client,
        new UploadRepository(client),
        new UserRepository(client),
        store(),
        new UploadLimits(S3Settings.DEFAULT_MAX_UPLOAD_BYTES, S3Settings.DEFAULT_UPLOAD_URL_TTL),
        covers,
        clock);
  }

  /** Uploads and completes a cover of the leaver's comic; returns its published key. */
  private String completedCover(UploadService uploads) {
    byte[] png = TestImages.png(4, 6);
    StartedUpload started = uploads.start(LEAVER, new NewUpload("image/png", (long) png.length, leaversComic));
    assertThat(s3.putWithHeaders(started.url(), started.headers(), png).statusCode()).isEqualTo(200);
    String url = uploads.complete(LEAVER, started.uploadId()).coverUrl();
    clock.advance(Duration.ofSeconds(1));
    return url.substring(url.indexOf("public/covers/"));
  }

  private long comicAddedBy(long userId, String title) {
    new UserRepository(sql).ensureExists(userId, clock.instant());
    return sql.insertReturningKey(
        "INSERT INTO comics (title, publisher, year, created_by, created_at) VALUES (:t, 'P', 2000, :by, :now)",
        Map.of("t", title, "by", userId, "now", clock.instant()));
  }

  private void like(long userId, long... comicIds) {
    for (long comicId : comicIds) {
      clock.advance(Duration.ofSeconds(1));
      world.favorites.add(userId, comicId, FavoriteNote.NONE);
    }
  }

  private static FriendProfile profile(long id) {
    return new FriendProfile(id, "User " + id);
  }
}
