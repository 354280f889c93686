package com.comicshelf.functions.catalog;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.comicshelf.catalog.CatalogService;
import com.comicshelf.catalog.NewComic;
import com.comicshelf.http.ApiRequest;
import com.comicshelf.http.ApiResponses;
import com.comicshelf.functions.PrimingSamples;
import com.comicshelf.http.Priming;
import com.comicshelf.http.Routes;
import com.comicshelf.http.WriteGuard;
import com.comicshelf.ratelimit.RateLimiter;
import java.util.List;
import java.util.Map;

/** {@code GET /comics}, {@code GET /comics/{comicId}}, {@code POST /comics}. */
public final class ComicsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
  private final CatalogService catalog;
  private final WriteGuard guard;
  private final Routes routes;

  /** The Lambda runtime's constructor: one per container, primed before a SnapStart snapshot. */
  public ComicsHandler() {
    this(ComicsComponent.INSTANCE.catalog(), ComicsComponent.INSTANCE.writeGuard());
    Priming.register("comics routes", this::prime);
  }

  ComicsHandler(CatalogService catalog, WriteGuard guard) {
    this.guard = guard;
    this.catalog = catalog;
    this.routes =
        Routes.of(
            Map.of(
                "GET /comics", this::search,
                "GET /comics/{comicId}", this::get,
                "POST /comics", this::add));
  }

  /** Runs every route once without touching the database (see {@link Routes#prime}). */
  public List<Integer> prime() {
    return routes.prime(PrimingSamples.COMICS, PrimingSamples.COMIC);
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    return routes.handle(event, context);
  }

  private APIGatewayV2HTTPResponse search(ApiRequest request) {
    return ApiResponses.json(200, catalog.search(request.query("q").orElse(""), request.page()));
  }

  private APIGatewayV2HTTPResponse get(ApiRequest request) {
    return ApiResponses.json(200, catalog.get(request.pathId("comicId")));
  }

  private APIGatewayV2HTTPResponse add(ApiRequest request) {
    NewComic comic = request.body(NewComic.class);
    return guard.run(
        request, RateLimiter.Action.COMIC_CREATED, () -> ApiResponses.json(201, catalog.add(request.userId(), comic)));
  }
}
