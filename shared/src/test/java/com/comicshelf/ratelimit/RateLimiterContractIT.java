package com.comicshelf.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.comicshelf.sql.SqlClient;
import com.comicshelf.testing.GuardBackend;
import com.comicshelf.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** What every {@link RateLimiter} promises, checked on the database and on DynamoDB (moto_server). */
@ParameterizedClass(name = "{0}")
@EnumSource(GuardBackend.class)
class RateLimiterContractIT {
  @Parameter GuardBackend backend;

  /** 12:10 in an hour-long window that ends at 13:00. */
  private static final Instant NOW = Instant.parse("2026-11-26T12:10:00Z");
  private static final RateLimiter.Action ACTION = RateLimiter.Action.COMIC_CREATED;
  private TestDatabase db;
  private SqlClient sql;
  private RateLimiter limiter;
  private long user;

  @BeforeEach
  void setUp() {
    db = TestDatabase.create("comicshelf_ratelimit_it");
    sql = db.newClient();
    limiter = backend.open(sql).rateLimiter();
    user = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2);
  }

  @AfterEach
  void tearDown() {
    TestDatabase.close(sql);
  }

  @Test
  void upToTheLimit_everyActionIsAllowed_thenRefusedUntilTheWindowEnds() {
    for (int i = 0; i < ACTION.limit(); i++) {
      assertThat(limiter.acquire(user, ACTION, NOW.plusSeconds(i)).allowed()).as("action %d", i + 1).isTrue();
    }

    RateLimiter.Decision over = limiter.acquire(user, ACTION, NOW.plusSeconds(100));

    assertThat(over.allowed()).isFalse();
    assertThat(over.retryAfter()).isEqualTo(Duration.ofMinutes(50).minusSeconds(100));
  }

  @Test
  void aRefundedAction_makesRoomForAnother_inItsWindowOnly() {
    RateLimiter.Decision first = limiter.acquire(user, ACTION, NOW);
    for (int i = 1; i < ACTION.limit(); i++) {
      limiter.acquire(user, ACTION, NOW);
    }
    assertThat(limiter.acquire(user, ACTION, NOW).allowed()).isFalse();

    limiter.refund(user, ACTION, first.windowStart());
    limiter.refund(user, ACTION, Instant.parse("2026-11-26T11:00:00Z")); // an earlier window: nothing to take back

    assertThat(first.windowStart()).isEqualTo(Instant.parse("2026-11-26T12:00:00Z"));
    assertThat(limiter.acquire(user, ACTION, NOW).allowed()).isTrue();
    assertThat(limiter.acquire(user, ACTION, NOW).allowed()).isFalse();
  }

  @Test
  void theNextWindow_startsAfresh() {
    for (int i = 0; i <= ACTION.limit(); i++) {
      limiter.acquire(user, ACTION, NOW);
    }

    assertThat(limiter.acquire(user, ACTION, Instant.parse("2026-11-26T13:00:00Z")).allowed()).isTrue();
  }

  @Test
  void usersAndActions_haveTheirOwnCounts() {
    for (int i = 0; i < ACTION.limit(); i++) {
      limiter.acquire(user, ACTION, NOW);
    }

    assertThat(limiter.acquire(user + 1, ACTION, NOW).allowed()).isTrue();
    assertThat(limiter.acquire(user, RateLimiter.Action.UPLOAD_STARTED, NOW).allowed()).isTrue();
    assertThat(limiter.acquire(user, ACTION, NOW).allowed()).isFalse();
  }

  @Test
  void concurrentActions_neverExceedTheLimit() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    List<Future<RateLimiter.Decision>> decisions = new ArrayList<>();
    try {
      for (int i = 0; i < 50; i++) {
        decisions.add(pool.submit(() -> limiter.acquire(user, ACTION, NOW)));
      }
      int allowed = 0;
      for (Future<RateLimiter.Decision> d : decisions) {
        allowed += d.get().allowed() ? 1 : 0;
      }

      assertThat(allowed).isEqualTo(ACTION.limit());
    } finally {
      pool.shutdownNow();
    }
  }
}
