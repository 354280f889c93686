package com.comicshelf.functions.friends;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.comicshelf.friends.FriendsService;
import com.comicshelf.http.ApiRequest;
import com.comicshelf.http.ApiResponses;
import com.comicshelf.functions.PrimingSamples;
import com.comicshelf.http.Priming;
import com.comicshelf.http.Routes;
import com.comicshelf.http.WriteGuard;
import com.comicshelf.ratelimit.RateLimiter;
import java.util.List;
import java.util.Map;

/** {@code POST /me/friends/sync} and {@code GET /me/friends}. */
public final class FriendsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
  private final FriendsService friends;
  private final WriteGuard guard;
  private final Routes routes;

  /** The Lambda runtime's constructor: one per container, primed before a SnapStart snapshot. */
  public FriendsHandler() {
    this(FriendsComponent.INSTANCE.friends(), FriendsComponent.INSTANCE.writeGuard());
    Priming.register("friends routes", this::prime);
  }

  FriendsHandler(FriendsService friends, WriteGuard guard) {
    this.guard = guard;
    this.friends = friends;
    this.routes =
        Routes.of(
            Map.of(
                "POST /me/friends/sync", this::sync,
                "GET /me/friends", this::list));
  }

  /** Runs every route once without touching the database (see {@link Routes#prime}). */
  public List<Integer> prime() {
    return routes.prime(PrimingSamples.SYNC, PrimingSamples.FRIENDS);
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    return routes.handle(event, context);
  }

  private APIGatewayV2HTTPResponse sync(ApiRequest request) {
    return guard.run(
        request,
        RateLimiter.Action.FRIENDS_SYNCED,
        () -> ApiResponses.json(200, friends.sync(request.userId(), request.oauthToken(), request.tokenIssuedAt())));
  }

  private APIGatewayV2HTTPResponse list(ApiRequest request) {
    return ApiResponses.json(200, friends.list(request.userId(), request.page()));
  }
}
