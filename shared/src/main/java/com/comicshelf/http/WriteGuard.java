package com.comicshelf.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.comicshelf.common.ClientError;
import com.comicshelf.common.Deadline;
import com.comicshelf.idempotency.IdempotencyStore;
import com.comicshelf.ratelimit.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Guards the routes that create something (a comic, an upload, a friend sync): each user's actions
 * are rate-limited, and an {@code Idempotency-Key} header makes a retried request safe. Mobile clients
 * retry after timeouts: the first request with a key claims it, and a retry with the same key and
 * contents gets the first answer (status and body) instead of a second comic; the same key with other
 * contents is a 422; a retry while the first still runs is a 409 with {@code Retry-After}. A request that
 * ends in a server error gives its key up, so its retry runs afresh.
 */
public final class WriteGuard {
  public static final String HEADER = "idempotency-key";
  /** 1–128 visible ASCII characters, as clients generate them (UUIDs, ULIDs, hashes). */
  private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,128}");
  /** A claim outlives the request by this much, so a slow answer still completes its own claim. */
  private static final Duration CLAIM_MARGIN = Duration.ofSeconds(1);

  private final IdempotencyStore store;
  private final RateLimiter limiter;
  private final Clock clock;

  public WriteGuard(IdempotencyStore store, RateLimiter limiter, Clock clock) {
    this.store = store;
    this.limiter = limiter;
    this.clock = clock;
  }

  /**
   * Runs {@code work} for {@code request}, counted against {@code action}'s limit and made safe to retry
   * with a key. Handlers parse and validate the request first, so a malformed one is neither counted
   * nor remembered.
   */
  public APIGatewayV2HTTPResponse run(
      ApiRequest request, RateLimiter.Action action, Supplier<APIGatewayV2HTTPResponse> work) {
    long userId = request.userId();
    Optional<String> key = request.header(HEADER);
    if (key.isEmpty()) {
      return counted(userId, action, work);
    }
    if (!KEY.matcher(key.get()).matches()) {
      throw ClientError.badRequest("Idempotency-Key must be 1 to 128 visible ASCII characters");
    }
    String storeKey = userId + "#" + key.get();
    String fingerprint = request.fingerprint();
    Instant now = clock.instant();
    IdempotencyStore.Claim claim =
        store.claim(storeKey, fingerprint, now, Deadline.remaining().plus(CLAIM_MARGIN));
    if (claim instanceof IdempotencyStore.Completed completed) {
      return replay(completed.response());
    }
    if (claim instanceof IdempotencyStore.InProgress inProgress) {
      throw ClientError.retryLater(
          ClientError.Kind.CONFLICT,
          "Request in progress",
          "a request with this Idempotency-Key is still running; retry when it is done",
          Duration.between(now, inProgress.lockedUntil()));
    }
    if (claim instanceof IdempotencyStore.Mismatch) {
      throw ClientError.unprocessable("this Idempotency-Key was used for a different request: use a new key");
    }
    return runClaimed(action, work, userId, storeKey, fingerprint);
  }

  private APIGatewayV2HTTPResponse runClaimed(
      RateLimiter.Action action,
      Supplier<APIGatewayV2HTTPResponse> work,
      long userId,
      String storeKey,
      String fingerprint) {
    APIGatewayV2HTTPResponse response;
    try {
      response = counted(userId, action, work);
    } catch (ClientError e) {
      if (e.kind() == ClientError.Kind.TOO_MANY_REQUESTS) {
        store.release(storeKey, fingerprint); // nothing ran: the same key may try again later
        throw e;
      }
      response = ApiResponses.problem(e);
    } catch (RuntimeException e) {
      store.release(storeKey, fingerprint);
      throw e;
    }
    if (response.getStatusCode() >= 500) {
      store.release(storeKey, fingerprint);
    } else {
      store.complete(
          storeKey,
          fingerprint,
          new IdempotencyStore.StoredResponse(
              response.getStatusCode(), contentType(response), response.getBody() == null ? "" : response.getBody()),
          clock.instant());
    }
    return response;
  }

  /**
   * Runs {@code work} if {@code action} is under the user's limit. Only what was created counts: a
   * request answered with an error (a client mistake, or a failure that rolled back) is taken back.
   */
  private APIGatewayV2HTTPResponse counted(
      long userId, RateLimiter.Action action, Supplier<APIGatewayV2HTTPResponse> work) {
    RateLimiter.Decision decision = limiter.acquire(userId, action, clock.instant());
    if (!decision.allowed()) {
      throw ClientError.retryLater(
          ClientError.Kind.TOO_MANY_REQUESTS,
          "Too many requests",
          "at most " + action.limit() + " per " + action.window().toMinutes() + " minutes; try again later",
          decision.retryAfter());
    }
    APIGatewayV2HTTPResponse response;
    try {
      response = work.get();
    } catch (RuntimeException e) {
      limiter.refund(userId, action, decision.windowStart());
      throw e;
    }
    if (response.getStatusCode() >= 400) {
      limiter.refund(userId, action, decision.windowStart());
    }
    return response;
  }

  private static String contentType(APIGatewayV2HTTPResponse response) {
    return response.getHeaders() == null ? "" : response.getHeaders().getOrDefault("content-type", "");
  }

  /** The first answer again, marked as a replay (as Stripe and others do). */
  private static APIGatewayV2HTTPResponse replay(IdempotencyStore.StoredResponse stored) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (!stored.contentType().isEmpty()) {
      headers.put("content-type", stored.contentType());
    }
    headers.put("idempotent-replayed", "true");
    return APIGatewayV2HTTPResponse.builder()
        .withStatusCode(stored.status())
        .withHeaders(headers)
        .withBody(stored.body().isEmpty() ? null : stored.body())
        .withIsBase64Encoded(false)
        .build();
  }
}
