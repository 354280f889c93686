package com.comicshelf.auth;

import static com.comicshelf.auth.InvalidSignedRequestException.Reason.BAD_SIGNATURE;
import static com.comicshelf.auth.InvalidSignedRequestException.Reason.EXPIRED;
import static com.comicshelf.auth.InvalidSignedRequestException.Reason.ISSUED_IN_FUTURE;
import static com.comicshelf.auth.InvalidSignedRequestException.Reason.MALFORMED;
import static com.comicshelf.auth.InvalidSignedRequestException.Reason.UNSUPPORTED_ALGORITHM;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies and mints Facebook {@code signed_request} tokens:
 * {@code base64url(HMAC-SHA256(encodedPayload, appSecret)) "." base64url(json)}.
 *
 * <p>The MAC covers the encoded payload exactly as received. Facebook's encoders sometimes keep
 * {@code =} padding, so both padded and unpadded base64url are accepted.
 */
public final class SignedRequestVerifier {
  private static final String ALGORITHM = "HMAC-SHA256";
  private static final int MAX_TOKEN_LENGTH = 8192;
  /** Tolerated clock skew between Facebook's and our clocks for {@code issued_at}. */
  private static final Duration FUTURE_SKEW = Duration.ofMinutes(5);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Supplier<String> appSecret;
  private final Duration maxAge;
  private final Clock clock;
  /** The key of the secret last seen: rebuilt only when the secret changes (rotation). */
  private volatile KeyOf cachedKey;

  private record KeyOf(String secret, SecretKeySpec key) {}

  public SignedRequestVerifier(String appSecret, Duration maxAge, Clock clock) {
    this(() -> appSecret, maxAge, clock);
    Objects.requireNonNull(appSecret, "appSecret");
  }

  /**
   * A verifier whose secret is looked up when a token is checked, not when the verifier is built: in
   * AWS it comes from Secrets Manager through a cache, and must not be fetched before a SnapStart
   * snapshot is taken.
   */
  public SignedRequestVerifier(Supplier<String> appSecret, Duration maxAge, Clock clock) {
    this.appSecret = Objects.requireNonNull(appSecret, "appSecret");
    this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Returns the verified request or throws {@link InvalidSignedRequestException}. */
  public SignedRequest verify(String token) {
    if (token == null || token.length() > MAX_TOKEN_LENGTH) {
      throw new InvalidSignedRequestException(MALFORMED);
    }
    int dot = token.indexOf('.');
    if (dot <= 0 || dot == token.length() - 1 || token.indexOf('.', dot + 1) >= 0) {
      throw new InvalidSignedRequestException(MALFORMED);
    }
    String encodedSignature = token.substring(0, dot);
    String encodedPayload = token.substring(dot + 1);
    byte[] signature = decode(encodedSignature);
    byte[] payloadBytes = decode(encodedPayload);

    JsonNode payload;
    try {
      payload = JSON.readTree(payloadBytes);
    } catch (IOException e) {
      throw new InvalidSignedRequestException(MALFORMED);
    }
    if (payload == null || !payload.isObject()) {
      throw new InvalidSignedRequestException(MALFORMED);
    }
    // Check the algorithm before the MAC so a token for another scheme is named as such.
    if (!ALGORITHM.equalsIgnoreCase(payload.path("algorithm").asText())) {
      throw new InvalidSignedRequestException(UNSUPPORTED_ALGORITHM);
    }
    if (!MessageDigest.isEqual(signature, mac(encodedPayload))) {
      throw new InvalidSignedRequestException(BAD_SIGNATURE);
    }

    long userId = parseUserId(payload.get("user_id"));
    JsonNode issuedAtNode = payload.get("issued_at");
    if (issuedAtNode == null || !issuedAtNode.canConvertToLong() || !issuedAtNode.isIntegralNumber()) {
      throw new InvalidSignedRequestException(MALFORMED);
    }
    Instant issuedAt = Instant.ofEpochSecond(issuedAtNode.asLong());
    Instant now = clock.instant();
    if (issuedAt.isAfter(now.plus(FUTURE_SKEW))) {
      throw new InvalidSignedRequestException(ISSUED_IN_FUTURE);
    }
    if (issuedAt.plus(maxAge).isBefore(now)) {
      throw new InvalidSignedRequestException(EXPIRED);
    }
    JsonNode token0 = payload.get("oauth_token");
    Optional<String> oauthToken =
        token0 != null && token0.isTextual() ? Optional.of(token0.asText()) : Optional.empty();
    return new SignedRequest(userId, issuedAt, oauthToken);
  }

  /** Mints a token in Facebook's format; used by the local gateway's {@code token} command and tests. */
  public String sign(long userId, Instant issuedAt, String oauthToken) {
    var payload = JSON.createObjectNode();
    payload.put("algorithm", ALGORITHM);
    payload.put("issued_at", issuedAt.getEpochSecond());
    payload.put("user_id", Long.toString(userId));
    if (oauthToken != null) {
      payload.put("oauth_token", oauthToken);
    }
    return signPayload(payload.toString());
  }

  /** Signs an arbitrary JSON payload as Facebook would (unpadded base64url). */
  public String signPayload(String json) {
    String encodedPayload =
        Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(encodedPayload)) + "." + encodedPayload;
  }

  private static long parseUserId(JsonNode node) {
    if (node == null) {
      throw new InvalidSignedRequestException(MALFORMED);
    }
    String text = node.isTextual() ? node.asText() : node.isIntegralNumber() ? node.asText() : "";
    if (!text.matches("[1-9][0-9]{0,18}")) {
      throw new InvalidSignedRequestException(MALFORMED);
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new InvalidSignedRequestException(MALFORMED);
    }
  }

  private static byte[] decode(String base64Url) {
    try {
      // The URL decoder accepts input with or without '=' padding.
      return Base64.getUrlDecoder().decode(base64Url);
    } catch (IllegalArgumentException e) {
      throw new InvalidSignedRequestException(MALFORMED);
    }
  }

  private SecretKeySpec key() {
    String secret = appSecret.get();
    KeyOf current = cachedKey;
    if (current == null || !current.secret().equals(secret)) {
      current = new KeyOf(secret, new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      cachedKey = current;
    }
    return current.key();
  }

  private byte[] mac(String encodedPayload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key());
      return mac.doFinal(encodedPayload.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
