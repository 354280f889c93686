package com.comicshelf.functions.ranking;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.comicshelf.http.ApiRequest;
import com.comicshelf.http.ApiResponses;
import com.comicshelf.functions.PrimingSamples;
import com.comicshelf.http.Priming;
import com.comicshelf.http.Routes;
import com.comicshelf.ranking.RankingService;
import java.util.List;
import java.util.Map;

/** {@code GET /me/friends/popular} and {@code GET /comics/popular}. */
public final class RankingHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
  private final RankingService ranking;
  private final Routes routes;

  /** The Lambda runtime's constructor: one per container, primed before a SnapStart snapshot. */
  public RankingHandler() {
    this(RankingComponent.INSTANCE.ranking());
    Priming.register("ranking routes", this::prime);
  }

  RankingHandler(RankingService ranking) {
    this.ranking = ranking;
    this.routes =
        Routes.of(
            Map.of(
                "GET /me/friends/popular", this::amongFriends,
                "GET /comics/popular", this::overall));
  }

  /** Runs every route once without touching the database (see {@link Routes#prime}). */
  public List<Integer> prime() {
    return routes.prime(PrimingSamples.RANKING);
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    return routes.handle(event, context);
  }

  private APIGatewayV2HTTPResponse amongFriends(ApiRequest request) {
    var items =
        ranking.popularAmongFriends(
            request.userId(),
            request.queryInt("limit", RankingService.DEFAULT_LIMIT),
            request.queryBoolean("excludeMine", false));
    return ApiResponses.json(200, Map.of("items", items));
  }

  private APIGatewayV2HTTPResponse overall(ApiRequest request) {
    var items = ranking.popularOverall(request.queryInt("limit", RankingService.DEFAULT_LIMIT));
    return ApiResponses.json(200, Map.of("items", items));
  }
}
