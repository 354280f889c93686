package com.comicshelf.functions.account;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.comicshelf.auth.InvalidSignedRequestException;
import com.comicshelf.auth.SignedRequest;
import com.comicshelf.auth.SignedRequestVerifier;
import com.comicshelf.common.ClientError;
import com.comicshelf.deletion.DataDeletionService;
import com.comicshelf.deletion.DeletionOrigin;
import com.comicshelf.deletion.DeletionStatus;
import com.comicshelf.deletion.DeletionTicket;
import com.comicshelf.http.ApiRequest;
import com.comicshelf.http.ApiResponses;
import com.comicshelf.http.Priming;
import com.comicshelf.http.Routes;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leaving the app: Facebook's data deletion and deauthorize callbacks (called server to server with
 * a form field {@code signed_request}, so no Bearer authorizer runs: the handler verifies it), the
 * deletion status by confirmation code, and {@code DELETE /me}.
 */
public final class AccountHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
  private static final Logger log = LoggerFactory.getLogger(AccountHandler.class);
  static final String STATUS_PATH = "/facebook/data-deletion/";
  private static final String SIGNED_REQUEST = "signed_request";
  private static final String DELETE_ME = "DELETE /me";

  private final DataDeletionService deletions;
  private final SignedRequestVerifier verifier;
  private final Routes routes;

  /** The Lambda runtime's constructor: one per container, primed before a SnapStart snapshot. */
  public AccountHandler() {
    this(AccountComponent.INSTANCE.deletions(), AccountComponent.INSTANCE.verifier());
    Priming.register("account routes", this::prime);
  }

  AccountHandler(DataDeletionService deletions, SignedRequestVerifier verifier) {
    this.deletions = deletions;
    this.verifier = verifier;
    this.routes =
        Routes.of(
            Map.of(
                "POST /facebook/data-deletion", this::dataDeletionCallback,
                "GET /facebook/data-deletion/{code}", this::status,
                "POST /facebook/deauthorize", this::deauthorizeCallback,
                DELETE_ME, this::deleteMe));
  }

  /**
   * Runs every route but {@code DELETE /me} once without touching the database (that route takes
   * nothing a request could be refused on before the deletion starts).
   */
  public List<Integer> prime() {
    return routes.primeExcept(
        Set.of(DELETE_ME),
        new DeletionReceipt("https://api.example" + STATUS_PATH + "x", "x", DeletionStatus.PENDING),
        new DeletionStatusView("x", DeletionStatus.DONE));
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    return routes.handle(event, context);
  }

  /** The platform requires 200 with {@code url} and {@code confirmation_code}, whatever the status. */
  private APIGatewayV2HTTPResponse dataDeletionCallback(ApiRequest request) {
    SignedRequest signed = verifiedCallback(request);
    String origin = request.origin(); // a request we cannot answer properly is refused before it deletes
    DeletionTicket ticket = deletions.requestDeletion(signed.userId(), DeletionOrigin.FACEBOOK);
    return ApiResponses.json(200, DeletionReceipt.of(ticket, origin));
  }

  private APIGatewayV2HTTPResponse status(ApiRequest request) {
    DeletionTicket ticket = deletions.status(request.pathText("code").orElse(""));
    return ApiResponses.json(200, DeletionStatusView.of(ticket));
  }

  private APIGatewayV2HTTPResponse deauthorizeCallback(ApiRequest request) {
    SignedRequest signed = verifiedCallback(request);
    deletions.deauthorize(signed.userId(), signed.issuedAt());
    return ApiResponses.noContent();
  }

  /** 200 when everything is gone already, 202 when the rest completes in the background. */
  private APIGatewayV2HTTPResponse deleteMe(ApiRequest request) {
    String origin = request.origin(); // a request we cannot answer properly is refused before it deletes
    DeletionTicket ticket = deletions.requestDeletion(request.userId(), DeletionOrigin.API);
    return ApiResponses.json(ticket.status() == DeletionStatus.DONE ? 200 : 202, DeletionReceipt.of(ticket, origin));
  }

  /** The callback's {@code signed_request}, verified with the app secret as the authorizer does. */
  private SignedRequest verifiedCallback(ApiRequest request) {
    String token = request.formField(SIGNED_REQUEST);
    try {
      return verifier.verify(token);
    } catch (InvalidSignedRequestException e) {
      log.info("{} refused: {}", request.routeKey(), e.reason());
      throw new ClientError(
          ClientError.Kind.UNAUTHORIZED,
          "Signed request refused",
          "the signed_request is not valid: malformed, not signed with this app's secret, or expired");
    }
  }
}
