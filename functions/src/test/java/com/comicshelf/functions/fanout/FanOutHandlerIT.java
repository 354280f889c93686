package com.comicshelf.functions.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import com.comicshelf.favorites.FavoriteNote;
import com.comicshelf.friends.FriendProfile;
import com.comicshelf.sql.SqlClient;
import com.comicshelf.testing.Fixtures;
import com.comicshelf.testing.MutableClock;
import com.comicshelf.testing.RankingInvariants;
import com.comicshelf.testing.SocialWorld;
import com.comicshelf.testing.SqlAdapter;
import com.comicshelf.testing.TestContext;
import com.comicshelf.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The fan-out function: each run applies what is pending, within the time its invocation has. */
@ParameterizedClass(name = "{0}")
@EnumSource(SqlAdapter.class)
class FanOutHandlerIT {
  @Parameter SqlAdapter adapter;

  private static final long HUB = 1;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
  private TestDatabase db;
  private SqlClient sql;
  private SocialWorld world;
  private FanOutHandler handler;

  @BeforeEach
  void setUp() throws Exception {
    db = TestDatabase.create("comicshelf_fan_out_handler_it");
    sql = db.newClient(adapter);
    world = new SocialWorld(sql, clock, 3, 100);
    handler = new FanOutHandler(world.outbox);
    world.syncFriends(HUB, LongStream.rangeClosed(2, 5).mapToObj(id -> new FriendProfile(id, "User " + id)).toList());
    world.deferFanOut();
    Fixtures fixtures = new Fixtures(sql);
    for (int i = 0; i < 10; i++) {
      long comic = fixtures.comic("Comic " + i, "P", 2000);
      world.favorites.add(2 + i % 4, comic, FavoriteNote.NONE);
    }
  }

  @AfterEach
  void tearDown() {
    world.close();
    TestDatabase.close(sql);
  }

  @Test
  void appliesEverythingPending_inBatches() {
    assertThat(world.outbox.pendingCount()).isEqualTo(10);

    Map<String, Object> result = handler.handleRequest(Map.of(), new TestContext("fan-out", Duration.ofSeconds(60)));

    assertThat(result).containsEntry("applied", 10);
    assertThat(world.outbox.pendingCount()).isZero();
    assertThat(RankingInvariants.assertCountsMatchAFreshAggregation(sql)).isEqualTo(10);
    assertThat(handler.handleRequest(Map.of(), new TestContext("fan-out", Duration.ofSeconds(60))))
        .as("a run that finds nothing")
        .containsEntry("applied", 0);
  }

  @Test
  void aRunWithoutTimeLeft_leavesTheRowsToTheNext() {
    Map<String, Object> result = handler.handleRequest(Map.of(), new TestContext("fan-out", Duration.ofSeconds(4)));

    assertThat(result).containsEntry("applied", 0);
    assertThat(world.outbox.pendingCount()).isEqualTo(10);
    assertThat(List.of(handler.handleRequest(Map.of(), new TestContext("fan-out", Duration.ofSeconds(60)))))
        .singleElement()
        .satisfies(r -> assertThat(r).containsEntry("applied", 10));
  }
}
