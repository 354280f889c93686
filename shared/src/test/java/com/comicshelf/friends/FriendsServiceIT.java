package com.comicshelf.friends;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.comicshelf.common.ClientError;
import com.comicshelf.common.Page;
import com.comicshelf.common.PageRequest;
import com.comicshelf.sql.SqlClient;
import com.comicshelf.testing.MutableClock;
import com.comicshelf.testing.SocialWorld;
import com.comicshelf.testing.SqlAdapter;
import com.comicshelf.testing.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass(name = "{0}")
@EnumSource(SqlAdapter.class)
class FriendsServiceIT {
  @Parameter SqlAdapter adapter;

  private static final long ME = 500L;
  private static TestDatabase db;
  private SqlClient sql;
  private SocialWorld world;

  @BeforeAll
  static void createDatabase() {
    db = TestDatabase.create("comicshelf_friends_it");
  }

  @BeforeEach
  void setUp() throws Exception {
    db.truncateAll();
    sql = db.newClient(adapter);
    // Two friends per Graph page, so five friends take three pages.
    world = new SocialWorld(sql, new MutableClock(Instant.parse("2026-11-25T10:00:00Z")), 1000, 2);
  }

  @AfterEach
  void tearDown() {
    world.close();
    TestDatabase.close(sql);
  }

  @Test
  void sync_followsEveryGraphPage_andStoresNamesAndBothDirections() {
    FriendsService.SyncResult result = world.syncFriends(ME, people(1, 2, 3, 4, 5));

    assertThat(result).isEqualTo(new FriendsService.SyncResult(5, 5, 0));
    assertThat(friendIdsOf(ME)).containsExactly(1L, 2L, 3L, 4L, 5L);
    for (long friend = 1; friend <= 5; friend++) {
      assertThat(friendIdsOf(friend)).containsExactly(ME);
    }
    assertThat(sql.queryOne("SELECT name FROM users WHERE id = 3", Map.of(), r -> r.getString("name")))
        .contains("Friend 3");
    assertThat(sql.queryOne("SELECT friend_count FROM users WHERE id = :me", Map.of("me", ME), r -> r.getInt("friend_count")))
        .contains(5);
  }

  @Test
  void resync_removesGoneFriendsOnBothSides_andAddsNewOnes() {
    world.syncFriends(ME, people(1, 2, 3));

    FriendsService.SyncResult result = world.syncFriends(ME, people(2, 3, 4));

    assertThat(result).isEqualTo(new FriendsService.SyncResult(3, 1, 1));
    assertThat(friendIdsOf(ME)).containsExactly(2L, 3L, 4L);
    assertThat(friendIdsOf(1)).isEmpty();
    assertThat(friendIdsOf(4)).containsExactly(ME);
  }

  @Test
  void syncOfOneUser_keepsTheFriendshipsOthersHave() {
    world.syncFriends(ME, people(1, 2));
    world.syncFriends(1, List.of(new FriendProfile(ME, "Me"), new FriendProfile(9, "Nine")));

    assertThat(friendIdsOf(1)).containsExactly(9L, ME);
    assertThat(friendIdsOf(ME)).containsExactly(1L, 2L);
  }

  @Test
  void theUserThemselfInTheirOwnList_isIgnored() {
    world.syncFriends(ME, List.of(new FriendProfile(ME, "Me"), new FriendProfile(1, "One")));

    assertThat(friendIdsOf(ME)).containsExactly(1L);
  }

  @Test
  void expiredToken_is401_andChangesNothing() {
    world.syncFriends(ME, people(1, 2));

    assertThatThrownBy(() -> world.friends.sync(ME, Optional.of("expired-token"), Optional.empty()))
        .isInstanceOf(ClientError.class)
        .hasMessageContaining("log in again")
        .extracting(e -> ((ClientError) e).kind())
        .isEqualTo(ClientError.Kind.UNAUTHORIZED);
    assertThat(friendIdsOf(ME)).containsExactly(1L, 2L);
  }

  @Test
  void graphErrorOnALaterPage_is502_andChangesNothing() {
    world.syncFriends(ME, people(1, 2));
    world.setFriends(ME, people(3, 4, 5, 6, 7));
    world.graph.failOnPage(1);

    assertThatThrownBy(() -> world.friends.sync(ME, Optional.of(SocialWorld.tokenOf(ME)), Optional.empty()))
        .isInstanceOf(ClientError.class)
        .hasMessageContaining("nothing was changed")
        .extracting(e -> ((ClientError) e).kind())
        .isEqualTo(ClientError.Kind.BAD_GATEWAY);
    assertThat(friendIdsOf(ME)).containsExactly(1L, 2L);
  }

  @Test
  void missingAccessToken_is401() {
    assertThatThrownBy(() -> world.friends.sync(ME, Optional.empty(), Optional.empty()))
        .isInstanceOf(ClientError.class)
        .extracting(e -> ((ClientError) e).kind())
        .isEqualTo(ClientError.Kind.UNAUTHORIZED);
  }

  @Test
  void friendList_pagesInIdOrder_withoutGaps() {
    world.syncFriends(ME, people(LongStream.rangeClosed(1, 7).toArray()));

    List<Long> seen = new ArrayList<>();
    Optional<String> cursor = Optional.empty();
    do {
      Page<FriendProfile> page = world.friends.list(ME, new PageRequest(3, cursor));
      page.items().forEach(f -> seen.add(f.id()));
      cursor = Optional.ofNullable(page.nextCursor());
    } while (cursor.isPresent());

    assertThat(seen).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
  }

  private List<Long> friendIdsOf(long user) {
    return sql.query(
        "SELECT friend_id FROM friendships WHERE user_id = :u ORDER BY friend_id",
        Map.of("u", user),
        r -> r.getLong("friend_id"));
  }

  private static List<FriendProfile> people(long... ids) {
    return LongStream.of(ids).mapToObj(id -> new FriendProfile(id, "Friend " + id)).toList();
  }
}
