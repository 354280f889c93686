package com.comicshelf.functions.assets;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.comicshelf.assets.NewUpload;
import com.comicshelf.assets.UploadService;
import com.comicshelf.http.ApiRequest;
import com.comicshelf.http.ApiResponses;
import com.comicshelf.functions.PrimingSamples;
import com.comicshelf.http.Priming;
import com.comicshelf.http.Routes;
import com.comicshelf.http.WriteGuard;
import com.comicshelf.ratelimit.RateLimiter;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /me/uploads} (presigned upload URL) and {@code POST /me/uploads/{uploadId}/complete}
 * (check and publish). Deployed as two functions, so each gets only the S3 permissions it needs.
 */
public final class UploadsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
  private final UploadService uploads;
  private final WriteGuard guard;
  private final Routes routes;

  /** The Lambda runtime's constructor: one per container, primed before a SnapStart snapshot. */
  public UploadsHandler() {
    this(UploadsComponent.INSTANCE.uploads(), UploadsComponent.INSTANCE.writeGuard());
    Priming.register("uploads routes", this::prime);
  }

  UploadsHandler(UploadService uploads, WriteGuard guard) {
    this.guard = guard;
    this.uploads = uploads;
    this.routes =
        Routes.of(
            Map.of(
                "POST /me/uploads", this::start,
                "POST /me/uploads/{uploadId}/complete", this::complete));
  }

  /** Runs every route once without touching the database (see {@link Routes#prime}). */
  public List<Integer> prime() {
    return routes.prime(PrimingSamples.STARTED_UPLOAD, PrimingSamples.COMPLETED_UPLOAD);
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    return routes.handle(event, context);
  }

  private APIGatewayV2HTTPResponse start(ApiRequest request) {
    NewUpload upload = request.body(NewUpload.class);
    return guard.run(
        request, RateLimiter.Action.UPLOAD_STARTED, () -> ApiResponses.json(201, uploads.start(request.userId(), upload)));
  }

  private APIGatewayV2HTTPResponse complete(ApiRequest request) {
    return ApiResponses.json(200, uploads.complete(request.userId(), request.pathId("uploadId")));
  }
}
