package com.comicshelf.testing;

import com.comicshelf.assets.CoverUrls;
import com.comicshelf.catalog.ComicRepository;
import com.comicshelf.favorites.FavoriteRepository;
import com.comicshelf.favorites.FavoritesService;
import com.comicshelf.friends.FriendGraph;
import com.comicshelf.friends.FriendProfile;
import com.comicshelf.friends.FriendsService;
import com.comicshelf.friends.FriendshipRepository;
import com.comicshelf.graph.GraphApiFriendSource;
import com.comicshelf.stubs.GraphApiStub;
import com.comicshelf.ranking.FriendPopularityQuery;
import com.comicshelf.ranking.MaterializationPolicy;
import com.comicshelf.ranking.FanOutTrigger;
import com.comicshelf.ranking.PopularityCounters;
import com.comicshelf.ranking.PopularityOutbox;
import com.comicshelf.ranking.RankingService;
import com.comicshelf.sql.SqlClient;
import com.comicshelf.users.UserRepository;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The friends, favorites and ranking services wired by hand over a real database and a Graph API
 * stub whose friend lists tests set per user ({@link #setFriends}); access tokens are
 * {@code token-<userId>}.
 */
public final class SocialWorld implements AutoCloseable {
  public final GraphApiStub graph;
  public final FriendsService friends;
  public final FavoritesService favorites;
  public final RankingService ranking;
  public final FriendPopularityQuery popularity;
  /** The applier of likes recorded for materialized friends. */
  public final PopularityOutbox outbox;
  private volatile boolean fanOutDeferred;
  private final Map<String, List<FriendProfile>> friendLists = new ConcurrentHashMap<>();

  /** Cover URLs in this world's comics start with this. */
  public static final URI COVER_BASE = URI.create("https://covers.test");

  public SocialWorld(SqlClient sql, MutableClock clock, int materializeMinFriends, int graphPageSize)
      throws IOException {
    var covers = new CoverUrls(COVER_BASE);
    graph =
        GraphApiStub.start(
            0,
            graphPageSize,
            token ->
                Optional.ofNullable(friendLists.get(token))
                    .map(list -> list.stream().map(f -> new GraphApiStub.Friend(f.id(), f.name())).toList()));
    var source = new GraphApiFriendSource(graph.baseUrl(), HttpClient.newHttpClient(), Duration.ofSeconds(5));
    var users = new UserRepository(sql);
    var friendships = new FriendshipRepository(sql);
    var counters = new PopularityCounters(sql);
    outbox = new PopularityOutbox(sql, counters);
    popularity = new FriendPopularityQuery(sql, covers, outbox);
    friends =
        new FriendsService(
            sql,
            source,
            friendships,
            new FriendGraph(friendships, users, counters, outbox, new MaterializationPolicy(materializeMinFriends)),
            users,
            clock);
    favorites =
        new FavoritesService(
            sql, new FavoriteRepository(sql, covers), new ComicRepository(sql, covers), users, friendships, counters, applyNowUnlessDeferred(), clock);
    ranking = new RankingService(popularity, users, sql, covers);
  }

  /**
   * Applies the outbox right after each favorite's commit, in the caller's thread (as a fan-out
   * function woken at once would, without its lag), unless {@link #deferFanOut} was called.
   */
  private FanOutTrigger applyNowUnlessDeferred() {
    return () -> {
      if (!fanOutDeferred) {
        outbox.drainAll();
      }
    };
  }

  /** From now on recorded likes stay pending until the test applies them ({@link #outbox}). */
  public void deferFanOut() {
    fanOutDeferred = true;
  }

  public static String tokenOf(long userId) {
    return "token-" + userId;
  }

  /** What the Graph API will answer for {@code userId}'s friends from now on. */
  public void setFriends(long userId, List<FriendProfile> list) {
    setFriendsForToken(tokenOf(userId), list);
  }

  /** What the Graph API will answer to {@code accessToken} from now on. */
  public void setFriendsForToken(String accessToken, List<FriendProfile> list) {
    friendLists.put(accessToken, new ArrayList<>(list));
  }

  /** Sets the Graph API's answer for {@code userId}, then syncs them. */
  public FriendsService.SyncResult syncFriends(long userId, List<FriendProfile> list) {
    setFriends(userId, list);
    return friends.sync(userId, Optional.of(tokenOf(userId)), Optional.empty());
  }

  @Override
  public void close() {
    graph.close();
  }
}
