package com.comicshelf.functions.favorites;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.comicshelf.favorites.FavoriteNote;
import com.comicshelf.favorites.FavoritesService;
import com.comicshelf.http.ApiRequest;
import com.comicshelf.http.ApiResponses;
import com.comicshelf.functions.PrimingSamples;
import com.comicshelf.http.Priming;
import com.comicshelf.http.Routes;
import java.util.List;
import java.util.Map;

/** {@code /me/favorites} (list, put, delete) and {@code GET /users/{userId}/favorites}. */
public final class FavoritesHandler
    implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
  private final FavoritesService favorites;
  private final Routes routes;

  /** The Lambda runtime's constructor: one per container, primed before a SnapStart snapshot. */
  public FavoritesHandler() {
    this(FavoritesComponent.INSTANCE.favorites());
    Priming.register("favorites routes", this::prime);
  }

  FavoritesHandler(FavoritesService favorites) {
    this.favorites = favorites;
    this.routes =
        Routes.of(
            Map.of(
                "GET /me/favorites", this::listMine,
                "PUT /me/favorites/{comicId}", this::put,
                "DELETE /me/favorites/{comicId}", this::delete,
                "GET /users/{userId}/favorites", this::listOfUser));
  }

  /** Runs every route once without touching the database (see {@link Routes#prime}). */
  public List<Integer> prime() {
    return routes.prime(PrimingSamples.FAVORITES, PrimingSamples.FAVORITE);
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    return routes.handle(event, context);
  }

  private APIGatewayV2HTTPResponse listMine(ApiRequest request) {
    return ApiResponses.json(200, favorites.listMine(request.userId(), request.page()));
  }

  private APIGatewayV2HTTPResponse put(ApiRequest request) {
    var added =
        favorites.add(
            request.userId(), request.pathId("comicId"), request.body(FavoriteNote.class, FavoriteNote.NONE));
    return ApiResponses.json(added.created() ? 201 : 200, added.favorite());
  }

  private APIGatewayV2HTTPResponse delete(ApiRequest request) {
    favorites.remove(request.userId(), request.pathId("comicId"));
    return ApiResponses.noContent();
  }

  private APIGatewayV2HTTPResponse listOfUser(ApiRequest request) {
    return ApiResponses.json(
        200, favorites.listOf(request.userId(), request.pathId("userId"), request.page()));
  }
}
