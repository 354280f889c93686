package com.comicshelf.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import com.comicshelf.dynamodb.DynamoDbIdempotencyStore;
import com.comicshelf.dynamodb.DynamoDbRateLimiter;
import com.comicshelf.dynamodb.PrefixDeletion;
import com.comicshelf.ratelimit.RateLimiter;
import com.comicshelf.sql.SqlClient;
import com.comicshelf.testing.RecordingInterceptor;
import com.comicshelf.testing.GuardBackend;
import com.comicshelf.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** What every {@link IdempotencyStore} promises, checked on the database and on DynamoDB (moto_server). */
@ParameterizedClass(name = "{0}")
@EnumSource(GuardBackend.class)
class IdempotencyStoreContractIT {
  @Parameter GuardBackend backend;

  private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
  private static final Duration LOCK = Duration.ofSeconds(15);
  private static final IdempotencyStore.StoredResponse CREATED =
      new IdempotencyStore.StoredResponse(201, "application/json", "{\"id\":7}");
  private TestDatabase db;
  private SqlClient sql;
  private IdempotencyStore store;
  private String key;

  @BeforeEach
  void setUp() {
    db = TestDatabase.create("comicshelf_idempotency_it");
    sql = db.newClient();
    store = backend.open(sql).idempotency();
    key = "42#" + UUID.randomUUID();
  }

  @AfterEach
  void tearDown() {
    TestDatabase.close(sql);
  }

  @Test
  void theFirstClaim_isTheRequests() {
    assertThat(store.claim(key, "hash-a", NOW, LOCK)).isEqualTo(new IdempotencyStore.Claimed());
  }

  @Test
  void aCompletedRequest_isAnsweredAgain_toTheSameRequest() {
    store.claim(key, "hash-a", NOW, LOCK);
    store.complete(key, "hash-a", CREATED, NOW.plusSeconds(1));

    assertThat(store.claim(key, "hash-a", NOW.plusSeconds(60), LOCK)).isEqualTo(new IdempotencyStore.Completed(CREATED));
  }

  @Test
  void theSameKey_withOtherContents_isAMismatch_runningOrDone() {
    store.claim(key, "hash-a", NOW, LOCK);
    assertThat(store.claim(key, "hash-b", NOW.plusSeconds(1), LOCK)).isEqualTo(new IdempotencyStore.Mismatch());

    store.complete(key, "hash-a", CREATED, NOW.plusSeconds(2));
    assertThat(store.claim(key, "hash-b", NOW.plusSeconds(3), LOCK)).isEqualTo(new IdempotencyStore.Mismatch());
  }

  @Test
  void aRetryWhileTheFirstRuns_isInProgress_untilTheClaimRunsOut() {
    store.claim(key, "hash-a", NOW, LOCK);

    assertThat(store.claim(key, "hash-a", NOW.plusSeconds(5), LOCK))
        .isEqualTo(new IdempotencyStore.InProgress(NOW.plus(LOCK)));
  }

  @Test
  void aFirstAttemptThatCrashed_blocksItsKeyNoLongerThanItsClaim() {
    store.claim(key, "hash-a", NOW, LOCK);

    assertThat(store.claim(key, "hash-a", NOW.plus(LOCK).plusMillis(1), LOCK)).isEqualTo(new IdempotencyStore.Claimed());
    assertThat(store.claim(key, "hash-a", NOW.plus(LOCK).plusMillis(2), LOCK))
        .as("taken over once, by one retry")
        .isInstanceOf(IdempotencyStore.InProgress.class);
  }

  @Test
  void aReleasedKey_runsAfresh() {
    store.claim(key, "hash-a", NOW, LOCK);
    store.release(key, "hash-a");

    assertThat(store.claim(key, "hash-b", NOW.plusSeconds(1), LOCK)).isEqualTo(new IdempotencyStore.Claimed());
  }

  @Test
  void aRecordPastItsRetention_isAbsent_evenBeforeItIsDeleted() {
    store.claim(key, "hash-a", NOW, LOCK);
    store.complete(key, "hash-a", CREATED, NOW);

    Instant dayLater = NOW.plus(IdempotencyStore.RETENTION).plusSeconds(2);

    assertThat(store.claim(key, "hash-b", dayLater, LOCK)).isEqualTo(new IdempotencyStore.Claimed());
  }

  @Test
  void keysAreSeparate() {
    store.claim(key, "hash-a", NOW, LOCK);

    assertThat(store.claim(key + "-other", "hash-b", NOW, LOCK)).isEqualTo(new IdempotencyStore.Claimed());
    assertThat(store.claim("43" + key.substring(2), "hash-a", NOW, LOCK)).isEqualTo(new IdempotencyStore.Claimed());
  }

  @Test
  void forgettingAUser_dropsTheirKeysAndCounters_andNobodyElses() {
    GuardBackend.Stores stores = backend.open(sql);
    String mine = "42#" + UUID.randomUUID();
    String prefixTwin = "420#" + UUID.randomUUID(); // starts with "42", but is user 420's
    String theirs = "43#" + UUID.randomUUID();
    for (String k : List.of(mine, prefixTwin, theirs)) {
      stores.idempotency().claim(k, "hash-a", NOW, LOCK);
      stores.idempotency().complete(k, "hash-a", CREATED, NOW);
    }
    RateLimiter.Action action = RateLimiter.Action.FRIENDS_SYNCED;
    for (int i = 0; i < action.limit(); i++) {
      stores.rateLimiter().acquire(42, action, NOW);
      stores.rateLimiter().acquire(420, action, NOW);
    }

    stores.idempotency().forgetUser(42);
    stores.rateLimiter().forgetUser(42);

    assertThat(stores.idempotency().claim(mine, "hash-b", NOW, LOCK)).as("forgotten").isEqualTo(new IdempotencyStore.Claimed());
    assertThat(stores.idempotency().claim(prefixTwin, "hash-a", NOW, LOCK)).isEqualTo(new IdempotencyStore.Completed(CREATED));
    assertThat(stores.idempotency().claim(theirs, "hash-a", NOW, LOCK)).isEqualTo(new IdempotencyStore.Completed(CREATED));
    assertThat(stores.rateLimiter().acquire(42, action, NOW).allowed()).as("counter forgotten").isTrue();
    assertThat(stores.rateLimiter().acquire(420, action, NOW).allowed()).as("user 420 still at the limit").isFalse();
  }

  @Test
  void everyDynamoDbCallOfBothStores_isAnActionTheyDeclareForIam() {
    int before = RecordingInterceptor.calls().size();
    GuardBackend.Stores stores = backend.open(sql);

    stores.idempotency().claim(key, "hash-a", NOW, LOCK);
    stores.idempotency().claim(key, "hash-a", NOW, LOCK);
    stores.idempotency().complete(key, "hash-a", CREATED, NOW);
    stores.idempotency().claim(key + "2", "hash-a", NOW, LOCK);
    stores.idempotency().release(key + "2", "hash-a");
    stores.rateLimiter().acquire(42, RateLimiter.Action.COMIC_CREATED, NOW);
    stores.idempotency().forgetUser(42);
    stores.rateLimiter().forgetUser(42);

    List<String> declared = new ArrayList<>(DynamoDbIdempotencyStore.IAM_ACTIONS);
    declared.addAll(DynamoDbRateLimiter.IAM_ACTIONS);
    declared.addAll(PrefixDeletion.IAM_ACTIONS);
    List<String> calls =
        RecordingInterceptor.callsSince(before).stream().filter(c -> c.startsWith("dynamodb:") && !c.endsWith("Table") && !c.endsWith("TimeToLive")).toList();
    assertThat(calls).allMatch(declared::contains);
    if (backend == GuardBackend.DYNAMODB) {
      assertThat(calls).containsAll(declared);
    }
  }

  @Test
  void ofTwentyConcurrentClaims_exactlyOneWins() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(20);
    List<Future<IdempotencyStore.Claim>> claims = new ArrayList<>();
    try {
      for (int i = 0; i < 20; i++) {
        Callable<IdempotencyStore.Claim> claim = () -> store.claim(key, "hash-a", NOW, LOCK);
        claims.add(pool.submit(claim));
      }
      List<IdempotencyStore.Claim> outcomes = new ArrayList<>();
      for (Future<IdempotencyStore.Claim> f : claims) {
        outcomes.add(f.get());
      }

      assertThat(outcomes).filteredOn(c -> c instanceof IdempotencyStore.Claimed).hasSize(1);
      assertThat(outcomes).filteredOn(c -> c instanceof IdempotencyStore.InProgress).hasSize(19);
    } finally {
      pool.shutdownNow();
    }
  }
}
