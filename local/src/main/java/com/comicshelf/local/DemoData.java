package com.comicshelf.local;

import com.comicshelf.common.Timestamps;
import com.comicshelf.config.Environment;
import com.comicshelf.ranking.PopularityCounters;
import com.comicshelf.sql.SqlClient;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A demo catalog of real comics and a demo social network of a few hundred readers with friends and
 * favorites ({@link DemoSocialGraph}), so the rankings mean something from the first request.
 * Seeding is idempotent: existing rows are left alone, and the network is only seeded on the run
 * that creates the demo reader, so a favorite removed by hand stays removed after a restart. Every demo
 * comic gets a painted cover, published through the upload path ({@link DemoCovers}); only missing
 * covers are published, so later runs publish none.
 */
final class DemoData {
  private static final Logger log = LoggerFactory.getLogger(DemoData.class);
  static final long DEMO_USER_ID = 1_000_000_001L;
  static final long DEMO_FRIEND_ID = 1_000_000_002L;

  /** A catalog entry by its identity, the unique key (title, publisher, year). */
  record Title(String title, String publisher, int year) {}

  static final List<Title> CATALOG =
      List.of(
          new Title("Watchmen", "DC Comics", 1986),
          new Title("Maus", "Pantheon Books", 1986),
          new Title("Saga", "Image Comics", 2012),
          new Title("The Sandman", "DC Comics", 1989),
          new Title("Persepolis", "Pantheon Books", 2003),
          new Title("Bone", "Cartoon Books", 1991),
          new Title("Akira", "Kodansha", 1982),
          new Title("Hellboy: Seed of Destruction", "Dark Horse Comics", 1994),
          new Title("Y: The Last Man", "DC Comics", 2002),
          new Title("Ms. Marvel", "Marvel Comics", 2014),
          new Title("Paper Girls", "Image Comics", 2015),
          new Title("Black Hole", "Pantheon Books", 2005),
          new Title("From Hell", "Eddie Campbell Comics", 1999),
          new Title("Ghost World", "Fantagraphics Books", 1997),
          new Title("Love and Rockets", "Fantagraphics Books", 1982),
          new Title("Sin City", "Dark Horse Comics", 1991),
          new Title("The Dark Knight Returns", "DC Comics", 1986),
          new Title("Batman: Year One", "DC Comics", 1987),
          new Title("Transmetropolitan", "DC Comics", 1997),
          new Title("Preacher", "DC Comics", 1995),
          new Title("Fun Home", "Houghton Mifflin", 2006),
          new Title("Blankets", "Top Shelf Productions", 2003),
          new Title("Monstress", "Image Comics", 2015),
          new Title("East of West", "Image Comics", 2013),
          new Title("Kingdom Come", "DC Comics", 1996),
          new Title("Daredevil: Born Again", "Marvel Comics", 1986),
          new Title("V for Vendetta", "DC Comics", 1988),
          new Title("Scott Pilgrim's Precious Little Life", "Oni Press", 2004),
          new Title("Jimmy Corrigan, the Smartest Kid on Earth", "Pantheon Books", 2000),
          new Title("The Walking Dead", "Image Comics", 2003),
          new Title("Asterix the Gaul", "Dargaud", 1961));

  private final SqlClient sql;
  private final Clock clock;
  private final int materializeMinFriends;

  DemoData(SqlClient sql, Clock clock, int materializeMinFriends) {
    this.sql = sql;
    this.clock = clock;
    this.materializeMinFriends = materializeMinFriends;
  }

  /** What one seeding run added. */
  record Seeded(int comics, int users) {}

  /**
   * Adds the catalog entries that are missing and, on the first run only (no demo reader yet), the
   * demo social network; later runs leave people's changes alone. Then publishes the covers demo
   * comics lack, into the S3 the handlers use (waiting for the embedded one to start); without a
   * reachable S3 the comics keep no cover and the seed goes on.
   */
  Seeded seed() {
    Instant now = Timestamps.now(clock);
    Seeded seeded =
        sql.inTransaction(
            () -> {
              boolean firstRun = addUser(DEMO_USER_ID, "Demo Reader", now);
              int comics = 0;
              for (Title title : CATALOG) {
                comics += addComic(title, now);
              }
              int users = firstRun ? 1 + seedNetwork(new DemoSocialGraph(CATALOG.size(), now), now) : 0;
              return new Seeded(comics, users);
            });
    DemoCovers.Published covers = new DemoCovers(sql, clock, Environment.system()).publishMissing();
    if (covers.covers() > 0) {
      log.info(
          "{} demo covers painted and published in {} ms (after waiting {} ms for S3 to start)",
          covers.covers(), covers.millis() - covers.waitedMillis(), covers.waitedMillis());
    }
    return seeded;
  }

  /** Bulk-loads the network, then derives the counts the services keep on every write. */
  private int seedNetwork(DemoSocialGraph graph, Instant now) {
    List<Map<String, Object>> people =
        graph.names().entrySet().stream()
            .filter(e -> e.getKey() != DEMO_USER_ID)
            .map(e -> Map.<String, Object>of("id", e.getKey(), "name", e.getValue(), "now", now))
            .toList();
    sql.batchUpdate("INSERT IGNORE INTO users (id, name, created_at) VALUES (:id, :name, :now)", people);
    sql.batchUpdate(
        """
        INSERT IGNORE INTO friendships (user_id, friend_id, created_at)
        VALUES (:a, :b, :now), (:b, :a, :now)
        """,
        graph.seededFriendships().stream()
            .map(pair -> Map.<String, Object>of("a", pair[0], "b", pair[1], "now", now))
            .toList());
    Map<String, Long> comicIds = new HashMap<>();
    sql.query(
        "SELECT id, title, publisher, year FROM comics",
        Map.of(),
        r -> comicIds.put(r.getString("title") + "|" + r.getString("publisher") + "|" + r.getInt("year"), r.getLong("id")));
    sql.batchUpdate(
        "INSERT IGNORE INTO favorites (user_id, comic_id, created_at) VALUES (:userId, :comicId, :at)",
        graph.likes().stream()
            .map(
                like -> {
                  Title title = CATALOG.get(like.catalogIndex());
                  Long comicId = comicIds.get(title.title() + "|" + title.publisher() + "|" + title.year());
                  return Map.<String, Object>of("userId", like.userId(), "comicId", comicId, "at", like.at());
                })
            .toList());
    recount();
    return people.size();
  }

  /**
   * The counts FavoritesService and FriendsService keep on each write, derived once for bulk-loaded
   * rows: likes per comic, friends per user, and the precomputed rankings of users with many friends.
   */
  private void recount() {
    sql.update(
        """
        UPDATE comics c
        LEFT JOIN (SELECT comic_id, COUNT(*) AS n, MAX(created_at) AS latest FROM favorites GROUP BY comic_id) f
          ON f.comic_id = c.id
        SET c.like_count = COALESCE(f.n, 0), c.last_liked_at = f.latest
        """,
        Map.of());
    sql.update(
        """
        UPDATE users u
        LEFT JOIN (SELECT user_id, COUNT(*) AS n FROM friendships GROUP BY user_id) f ON f.user_id = u.id
        SET u.friend_count = COALESCE(f.n, 0), u.ranking_materialized = COALESCE(f.n, 0) >= :min
        """,
        Map.of("min", materializeMinFriends));
    PopularityCounters counters = new PopularityCounters(sql);
    // Seeded directly: nothing went through the outbox, so nothing is pending.
    sql.query("SELECT id FROM users WHERE ranking_materialized = 1", Map.of(), r -> r.getLong("id"))
        .forEach(counters::rebuild);
  }

  /** Demo comics belong to the demo reader, so they may give them covers. */
  private int addComic(Title title, Instant now) {
    return sql.update(
        """
        INSERT IGNORE INTO comics (title, publisher, year, created_by, created_at)
        VALUES (:title, :publisher, :year, :createdBy, :now)
        """,
        Map.of(
            "title", title.title(),
            "publisher", title.publisher(),
            "year", title.year(),
            "createdBy", DEMO_USER_ID,
            "now", now));
  }

  private boolean addUser(long id, String name, Instant now) {
    return sql.update(
            "INSERT IGNORE INTO users (id, name, created_at) VALUES (:id, :name, :now)",
            Map.of("id", id, "name", name, "now", now))
        == 1;
  }
}
