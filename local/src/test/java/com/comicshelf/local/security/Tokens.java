package com.comicshelf.local.security;

import com.comicshelf.auth.SignedRequestVerifier;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Mints the {@code signed_request} tokens of the matrix, good and bad, for one gateway. */
final class Tokens {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The verifier tolerates 5 minutes of clock skew; an hour ahead is beyond doubt. */
  private static final Duration FUTURE = Duration.ofHours(1);

  /** What the {@code Authorization} header carries, and how API Gateway must answer it. */
  enum TokenCase {
    NO_TOKEN("no token", 401, "Unauthorized"),
    FORGED_SIGNATURE("forged signature", 403, "Forbidden"),
    /** Someone else's valid signature in front of the caller's payload. */
    TAMPERED_PAYLOAD("another user's signature on this payload", 403, "Forbidden"),
    WRONG_ALGORITHM_HMAC_SHA1("wrong algorithm HMAC-SHA1", 403, "Forbidden"),
    WRONG_ALGORITHM_NONE("wrong algorithm none", 403, "Forbidden"),
    EXPIRED("expired", 403, "Forbidden"),
    FUTURE_DATED("future-dated", 403, "Forbidden"),
    /** The control: the same request with a good token reaches the handler. */
    VALID("valid token", 0, null);

    final String label;
    /** API Gateway's own status, before any handler; 0 for the valid token (the route decides). */
    final int deniedStatus;

    final String deniedMessage;

    TokenCase(String label, int deniedStatus, String deniedMessage) {
      this.label = label;
      this.deniedStatus = deniedStatus;
      this.deniedMessage = deniedMessage;
    }

    boolean denied() {
      return this != VALID;
    }
  }

  private final String appSecret;
  private final Duration maxAge;
  private final SignedRequestVerifier good;

  Tokens(String appSecret, Duration maxAge) {
    this.appSecret = appSecret;
    this.maxAge = maxAge;
    this.good = new SignedRequestVerifier(appSecret, Duration.ofHours(1), Clock.systemUTC());
  }

  /** A token the gateway accepts for {@code userId}, with the oauth_token its Graph API stub knows. */
  String valid(long userId) {
    return good.sign(userId, Instant.now(), oauthToken(userId));
  }

  /** The {@code Authorization} value for {@code tokenCase}, or empty for no header at all. */
  Optional<String> bearer(TokenCase tokenCase, long userId) {
    Instant now = Instant.now();
    String token =
        switch (tokenCase) {
          case NO_TOKEN -> null;
          case VALID -> valid(userId);
          case FORGED_SIGNATURE ->
              new SignedRequestVerifier("not-the-app-secret", Duration.ofHours(1), Clock.systemUTC())
                  .sign(userId, now, oauthToken(userId));
          case TAMPERED_PAYLOAD -> {
            String theirs = good.sign(userId + 1, now, oauthToken(userId + 1));
            String mine = valid(userId);
            yield theirs.substring(0, theirs.indexOf('.')) + mine.substring(mine.indexOf('.'));
          }
          case WRONG_ALGORITHM_HMAC_SHA1 -> signedPayload("HMAC-SHA1", userId, now);
          case WRONG_ALGORITHM_NONE -> signedPayload("none", userId, now);
          case EXPIRED -> good.sign(userId, now.minus(maxAge).minus(Duration.ofMinutes(10)), oauthToken(userId));
          case FUTURE_DATED -> good.sign(userId, now.plus(FUTURE), oauthToken(userId));
        };
    return Optional.ofNullable(token).map(t -> "Bearer " + t);
  }

  /** A payload in Facebook's shape with any {@code user_id} text, correctly signed with the app secret. */
  String signedWithUserId(String userIdText) {
    ObjectNode payload = JSON.createObjectNode();
    payload.put("algorithm", "HMAC-SHA256");
    payload.put("issued_at", Instant.now().getEpochSecond());
    payload.put("user_id", userIdText);
    return good.signPayload(payload.toString());
  }

  /** Everything right but the algorithm, signed with the right secret (HMAC-SHA256 over the payload). */
  private String signedPayload(String algorithm, long userId, Instant issuedAt) {
    ObjectNode payload = JSON.createObjectNode();
    payload.put("algorithm", algorithm);
    payload.put("issued_at", issuedAt.getEpochSecond());
    payload.put("user_id", Long.toString(userId));
    payload.put("oauth_token", oauthToken(userId));
    return new SignedRequestVerifier(appSecret, maxAge, Clock.systemUTC()).signPayload(payload.toString());
  }

  private static String oauthToken(long userId) {
    return "local-" + userId;
  }
}
