package com.comicshelf.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.comicshelf.auth.SignedRequestVerifier;
import com.comicshelf.functions.assets.UploadsTestAccess;
import com.comicshelf.functions.auth.AuthorizerTestAccess;
import com.comicshelf.functions.catalog.ComicsTestAccess;
import com.comicshelf.functions.favorites.FavoritesTestAccess;
import com.comicshelf.functions.friends.FriendsTestAccess;
import com.comicshelf.functions.ranking.RankingTestAccess;
import com.comicshelf.sql.SqlClient;
import com.comicshelf.testing.MutableClock;
import com.comicshelf.testing.DeletionServices;
import com.comicshelf.functions.account.AccountTestAccess;
import com.comicshelf.testing.SocialWorld;
import com.comicshelf.testing.TestDataApi;
import com.comicshelf.testing.TestDatabase;
import com.comicshelf.testing.TestS3;
import com.comicshelf.testing.dataapi.DataApiEndpoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What SnapStart runs before its snapshot must reach no database and read no secret: every handler is
 * primed over a Data API endpoint that counts the calls it receives, and the authorizer over a secret
 * that counts its reads. Each route answers its priming request with a 4xx, never a 5xx.
 */
class PrimingIT {
  private TestDatabase db;
  private DataApiEndpoint endpoint;
  private SqlClient sql;
  private SocialWorld world;

  @BeforeEach
  void setUp() throws Exception {
    db = TestDatabase.create("comicshelf_priming_it");
    endpoint = TestDataApi.startEndpoint(TestDataApi.options());
    sql = TestDataApi.client(endpoint, db.name());
    world = new SocialWorld(sql, new MutableClock(Instant.parse("2026-11-25T10:00:00Z")), 1000, 100);
  }

  @AfterEach
  void tearDown() {
    world.close();
    endpoint.close();
  }

  @Test
  void primingEveryRoute_answers4xx_andMakesNoDatabaseCall() {
    Clock clock = Clock.systemUTC();
    AtomicInteger secretReads = new AtomicInteger();
    var verifier = new SignedRequestVerifier(() -> "secret-" + secretReads.incrementAndGet(), Duration.ofHours(1), clock);
    List<List<Integer>> statuses =
        List.of(
            AccountTestAccess.handler(
                    DeletionServices.over(sql, clock, TestS3.shared().store("priming-it"), Services.COVERS, 1000), verifier)
                .prime(),
            ComicsTestAccess.handler(Services.catalog(sql, clock), Services.writeGuard(sql, clock)).prime(),
            FavoritesTestAccess.handler(world.favorites).prime(),
            FriendsTestAccess.handler(world.friends, Services.writeGuard(sql, clock)).prime(),
            RankingTestAccess.handler(world.ranking).prime(),
            UploadsTestAccess.handler(
                    Services.uploads(sql, clock, TestS3.shared().store("priming-it"), Services.COVERS),
                    Services.writeGuard(sql, clock))
                .prime());

    assertThat(statuses).allSatisfy(routes -> assertThat(routes).isNotEmpty().allMatch(s -> s >= 400 && s < 500));
    // DELETE /me takes nothing it could be refused on before the deletion starts: not primed.
    assertThat(statuses.stream().mapToInt(List::size).sum()).as("every route of the six API functions but one").isEqualTo(16);
    assertThat(secretReads).as("app secret reads by the callbacks").hasValue(0);
    assertThat(endpoint.operations()).as("calls that reached the Data API").isEmpty();
  }

  @Test
  void primingTheAuthorizer_readsNoSecret() {
    AtomicInteger secretReads = new AtomicInteger();
    var verifier =
        new SignedRequestVerifier(
            () -> {
              secretReads.incrementAndGet();
              return "secret";
            },
            Duration.ofHours(1),
            Clock.systemUTC());

    AuthorizerTestAccess.handler(verifier).prime();

    assertThat(secretReads).hasValue(0);
  }
}
