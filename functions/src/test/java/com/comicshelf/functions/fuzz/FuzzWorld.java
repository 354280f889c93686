package com.comicshelf.functions.fuzz;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.comicshelf.assets.CoverUrls;
import com.comicshelf.favorites.FavoriteNote;
import com.comicshelf.friends.FriendProfile;
import com.comicshelf.functions.Services;
import com.comicshelf.functions.assets.UploadsHandler;
import com.comicshelf.functions.assets.UploadsTestAccess;
import com.comicshelf.functions.catalog.ComicsHandler;
import com.comicshelf.functions.catalog.ComicsTestAccess;
import com.comicshelf.functions.favorites.FavoritesHandler;
import com.comicshelf.functions.favorites.FavoritesTestAccess;
import com.comicshelf.functions.friends.FriendsHandler;
import com.comicshelf.functions.friends.FriendsTestAccess;
import com.comicshelf.functions.ranking.RankingHandler;
import com.comicshelf.functions.ranking.RankingTestAccess;
import com.comicshelf.sql.SqlClient;
import com.comicshelf.testing.Fixtures;
import com.comicshelf.testing.DeletionServices;
import com.comicshelf.functions.account.AccountHandler;
import com.comicshelf.functions.account.AccountTestAccess;
import com.comicshelf.auth.SignedRequestVerifier;
import com.comicshelf.testing.MutableClock;
import com.comicshelf.testing.SocialWorld;
import com.comicshelf.testing.SqlAdapter;
import com.comicshelf.testing.TestContext;
import com.comicshelf.testing.TestDatabase;
import com.comicshelf.testing.TestImages;
import com.comicshelf.testing.TestS3;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Every route of {@code template.yaml} with its real handler over a real, seeded database, once per
 * SQL adapter: a few users who are friends, comics, favorites, a pending upload whose file waits in
 * S3, and cursors taken from real pages.
 */
final class FuzzWorld implements AutoCloseable {
  static final long READER = 1001;
  static final long FRIEND = 1002;
  static final long STRANGER = 1003;
  /** Never written to the database by the seed: the first write creates them. */
  static final long NEWCOMER = 1004;
  static final long SECOND_FRIEND = 1005;
  static final long PENDING_UPLOAD = 4000000000000001L;
  static final long PENDING_UPLOAD_WITHOUT_FILE = 4000000000000002L;
  static final String BUCKET = "fuzz-it";
  static final Instant START = Instant.parse("2026-11-18T11:07:40Z");

  /** Route key (as in the template) to the fully-qualified handler class the template names for it. */
  final Map<String, String> handlerClassByRoute;
  final List<String> routeKeys;
  final MutableClock clock = new MutableClock(START);
  final List<Long> comicIds = new ArrayList<>();
  /** nextCursor values of real first pages, per route key. */
  final Map<String, List<String>> realCursors = new HashMap<>();

  private final TestDatabase db;
  private final Map<SqlAdapter, Wiring> wirings = new EnumMap<>(SqlAdapter.class);

  private record Wiring(SqlClient sql, SocialWorld world, Map<String, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> byClass) {}

  FuzzWorld(String database) {
    handlerClassByRoute = readRoutes(Path.of("../template.yaml"));
    routeKeys = List.copyOf(handlerClassByRoute.keySet());
    db = TestDatabase.create(database);
    TestS3 s3 = TestS3.shared();
    s3.freshBucket(BUCKET);
    CoverUrls covers = new CoverUrls(s3.publicBaseUrl(BUCKET));
    for (SqlAdapter adapter : SqlAdapter.values()) {
      SqlClient sql = db.newClient(adapter);
      SocialWorld world;
      try {
        world = new SocialWorld(sql, clock, 1000, 100);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      // Handler class (as template.yaml names it) to the handler over this adapter's services.
      Map<String, Supplier<RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>>> factories = Map.of(
          ComicsHandler.class.getName(), () -> ComicsTestAccess.handler(Services.catalog(sql, clock, covers), Services.writeGuard(sql, clock)),
          FavoritesHandler.class.getName(), () -> FavoritesTestAccess.handler(world.favorites),
          FriendsHandler.class.getName(), () -> FriendsTestAccess.handler(world.friends, Services.writeGuard(sql, clock)),
          RankingHandler.class.getName(), () -> RankingTestAccess.handler(world.ranking),
          UploadsHandler.class.getName(), () -> UploadsTestAccess.handler(Services.uploads(sql, clock, s3.store(BUCKET), covers), Services.writeGuard(sql, clock)),
          AccountHandler.class.getName(), () -> AccountTestAccess.handler(
              DeletionServices.over(sql, clock, s3.store(BUCKET), covers, 1000),
              new SignedRequestVerifier("fuzz-secret", Duration.ofHours(1), clock)));
      Map<String, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> byClass = new HashMap<>();
      for (String handlerClass : new TreeSet<>(handlerClassByRoute.values())) {
        var factory = factories.get(handlerClass);
        if (factory == null) {
          throw new IllegalStateException(
              "template.yaml routes to " + handlerClass + ", which the fuzz tests cannot build yet: add it to FuzzWorld");
        }
        byClass.put(handlerClass, factory.get());
      }
      wirings.put(adapter, new Wiring(sql, world, byClass));
    }
    seed(s3);
  }

  /** Every HttpApi route of the template: route key to handler class, in template order. */
  static Map<String, String> readRoutes(Path template) {
    JsonNode resources;
    try {
      resources = new ObjectMapper(new YAMLFactory()).readTree(template.toFile()).path("Resources");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> routes = new LinkedHashMap<>();
    resources.properties().forEach(resource -> {
      JsonNode properties = resource.getValue().path("Properties");
      properties.path("Events").properties().forEach(event -> {
        if (event.getValue().path("Type").asText().equals("HttpApi")) {
          JsonNode route = event.getValue().path("Properties");
          String handler = properties.path("Handler").asText();
          routes.put(
              route.path("Method").asText() + " " + route.path("Path").asText(),
              handler.substring(0, handler.indexOf("::")));
        }
      });
    });
    if (routes.isEmpty()) {
      throw new IllegalStateException("no HttpApi routes in " + template);
    }
    return routes;
  }

  private void seed(TestS3 s3) {
    Wiring jdbc = wirings.get(SqlAdapter.JDBC);
    Fixtures fixtures = new Fixtures(jdbc.sql());
    fixtures.user(READER, "Reader");
    fixtures.user(FRIEND, "Friend");
    fixtures.user(STRANGER, "Stranger");
    fixtures.user(SECOND_FRIEND, "Second Friend");
    fixtures.friends(READER, FRIEND);
    fixtures.friends(READER, SECOND_FRIEND);
    comicIds.add(fixtures.comic("Watchmen", "DC Comics", 1987, READER));
    comicIds.add(fixtures.comic("Maus", "Pantheon", 1991, READER));
    comicIds.add(fixtures.comic("Saga", "Image", 2012, FRIEND));
    comicIds.add(fixtures.comic("Sandman", "Vertigo", 1989));
    comicIds.add(fixtures.comic("Ünïcødé 😀 Comics", "Ⓟublisher", 2020));
    comicIds.add(fixtures.comic("100% _Pure_ \\ Fun", "%_\\", 2001));
    long t = 0;
    for (long[] like : new long[][] {{READER, 1}, {READER, 2}, {READER, 3}, {FRIEND, 2}, {FRIEND, 4}, {SECOND_FRIEND, 5}, {STRANGER, 6}}) {
      clock.set(START.minus(Duration.ofHours(10)).plus(Duration.ofMinutes(t++)));
      jdbc.world().favorites.add(like[0], comicIds.get((int) like[1] - 1), new FavoriteNote("note " + t));
    }
    clock.set(START);
    byte[] png = TestImages.png(24, 36);
    fixtures.pendingUpload(
        PENDING_UPLOAD, READER, comicIds.get(0), "image/png", png.length, START.minusSeconds(60), START.plusSeconds(3600 * 24));
    s3.putObject(BUCKET, "incoming/" + READER + "/" + PENDING_UPLOAD, "image/png", png);
    fixtures.pendingUpload(
        PENDING_UPLOAD_WITHOUT_FILE, READER, comicIds.get(1), "image/jpeg", 1000, START.minusSeconds(60), START.plusSeconds(3600 * 24));
    for (Wiring wiring : wirings.values()) {
      for (long user : List.of(READER, FRIEND, STRANGER, SECOND_FRIEND, NEWCOMER)) {
        wiring.world().setFriends(
            user, List.of(new FriendProfile(FRIEND, "Friend"), new FriendProfile(SECOND_FRIEND, "Second Friend"), new FriendProfile(NEWCOMER, null)));
      }
    }
    collectCursors();
  }

  /** Real nextCursor values: the first page of each list route, one item long. */
  private void collectCursors() {
    ObjectMapper json = new ObjectMapper();
    for (String routeKey : routeKeys) {
      if (!routeKey.startsWith("GET ")) {
        continue;
      }
      for (long viewer : List.of(READER, FRIEND)) {
        Map<String, String> path = new HashMap<>();
        for (String name : FuzzRequests.pathParameterNames(routeKey)) {
          path.put(name, Long.toString(name.equals("userId") ? READER : comicIds.get(0)));
        }
        var event = FuzzRequests.event(routeKey, viewer, null, path, Map.of("limit", "1"), Map.of(), null, false);
        var response = handle(SqlAdapter.JDBC, routeKey, event);
        try {
          JsonNode cursor = json.readTree(response.getBody()).path("nextCursor");
          if (cursor.isTextual()) {
            realCursors.computeIfAbsent(routeKey, k -> new ArrayList<>()).add(cursor.asText());
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    if (realCursors.isEmpty()) {
      throw new IllegalStateException("the seed gives no route a second page");
    }
  }

  /** Runs {@code event} through the handler the template names for {@code routeKey} (or for {@code handlerOf}). */
  APIGatewayV2HTTPResponse handle(SqlAdapter adapter, String handlerOf, APIGatewayV2HTTPEvent event) {
    var handler = wirings.get(adapter).byClass().get(handlerClassByRoute.get(handlerOf));
    clock.advance(Duration.ofMillis(1));
    return handler.handleRequest(event, new TestContext("fuzz"));
  }

  @Override
  public void close() {
    for (Wiring wiring : wirings.values()) {
      wiring.world().close();
      TestDatabase.close(wiring.sql());
    }
  }
}
