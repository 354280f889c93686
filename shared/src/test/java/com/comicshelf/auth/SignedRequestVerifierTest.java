package com.comicshelf.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.comicshelf.auth.InvalidSignedRequestException.Reason;
import com.comicshelf.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class SignedRequestVerifierTest {
  private static final String SECRET = "test-app-secret";
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  private final MutableClock clock = new MutableClock(NOW);
  private final SignedRequestVerifier verifier =
      new SignedRequestVerifier(SECRET, Duration.ofHours(1), clock);

  @Test
  void validToken_yieldsUserIdIssuedAtAndOauthToken() {
    String token = verifier.sign(42L, NOW.minusSeconds(10), "EAAB-token");

    SignedRequest request = verifier.verify(token);

    assertThat(request.userId()).isEqualTo(42L);
    assertThat(request.issuedAt()).isEqualTo(NOW.minusSeconds(10));
    assertThat(request.oauthToken()).contains("EAAB-token");
  }

  @Test
  void tokenSignedWithAnotherSecret_isRefusedAsBadSignature() {
    String forged =
        new SignedRequestVerifier("someone-elses-secret", Duration.ofHours(1), clock).sign(42L, NOW, null);

    assertRefused(forged, Reason.BAD_SIGNATURE);
  }

  @Test
  void payloadChangedAfterSigning_isRefusedAsBadSignature() {
    String token = verifier.sign(42L, NOW, null);
    String signature = token.substring(0, token.indexOf('.'));
    String otherPayload = b64url("{\"algorithm\":\"HMAC-SHA256\",\"issued_at\":" + NOW.getEpochSecond() + ",\"user_id\":\"43\"}", false);

    assertRefused(signature + "." + otherPayload, Reason.BAD_SIGNATURE);
  }

  @Test
  void otherAlgorithm_isRefused_evenWhenCorrectlySigned() {
    String json = "{\"algorithm\":\"HMAC-SHA1\",\"issued_at\":" + NOW.getEpochSecond() + ",\"user_id\":\"42\"}";

    assertRefused(verifier.signPayload(json), Reason.UNSUPPORTED_ALGORITHM);
  }

  @Test
  void tokenOlderThanMaxAge_isRefusedAsExpired() {
    String token = verifier.sign(42L, NOW.minus(Duration.ofHours(1)).minusSeconds(1), null);

    assertRefused(token, Reason.EXPIRED);
  }

  @Test
  void tokenExactlyAtMaxAge_isStillAccepted() {
    String token = verifier.sign(42L, NOW.minus(Duration.ofHours(1)), null);

    assertThat(verifier.verify(token).userId()).isEqualTo(42L);
  }

  @Test
  void tokenIssuedFarInTheFuture_isRefused() {
    assertRefused(verifier.sign(42L, NOW.plus(Duration.ofHours(1)), null), Reason.ISSUED_IN_FUTURE);
  }

  @Test
  void paddedAndUnpaddedBase64Url_areBothAccepted() {
    // Payload lengths vary so the payload's own padding takes each of its forms.
    for (String json :
        new String[] {
          "{\"algorithm\":\"HMAC-SHA256\",\"issued_at\":" + NOW.getEpochSecond() + ",\"user_id\":\"7\"}",
          "{\"algorithm\":\"HMAC-SHA256\",\"issued_at\":" + NOW.getEpochSecond() + ",\"user_id\":\"77\"}",
          "{\"algorithm\":\"HMAC-SHA256\",\"issued_at\":" + NOW.getEpochSecond() + ",\"user_id\":\"777\"}"
        }) {
      for (boolean padded : new boolean[] {true, false}) {
        String payload = b64url(json, padded);
        String token = b64url(hmac(payload), padded) + "." + payload;
        // A 32-byte HMAC always needs one '=' of padding, so padded tokens really carry it.
        assertThat(token.contains("=")).isEqualTo(padded);

        assertThat(verifier.verify(token).userId()).as("%s padded=%s", json, padded).isPositive();
      }
    }
  }

  @Test
  void malformedTokens_areRefusedAsMalformed() {
    String valid = verifier.sign(42L, NOW, null);
    String sig = valid.substring(0, valid.indexOf('.'));
    String[] malformed = {
      "",
      "no-dot-at-all",
      ".onlypayload",
      sig + ".",
      valid + ".extra",
      "!!!." + valid.substring(valid.indexOf('.') + 1),
      sig + ".%%%notbase64",
      signedJson("not json"),
      signedJson("[1,2,3]"),
      signedJson("{\"algorithm\":\"HMAC-SHA256\",\"issued_at\":" + NOW.getEpochSecond() + "}"),
      signedJson("{\"algorithm\":\"HMAC-SHA256\",\"issued_at\":" + NOW.getEpochSecond() + ",\"user_id\":\"abc\"}"),
      signedJson("{\"algorithm\":\"HMAC-SHA256\",\"issued_at\":" + NOW.getEpochSecond() + ",\"user_id\":\"-5\"}"),
      signedJson("{\"algorithm\":\"HMAC-SHA256\",\"issued_at\":" + NOW.getEpochSecond() + ",\"user_id\":\"99999999999999999999\"}"),
      signedJson("{\"algorithm\":\"HMAC-SHA256\",\"issued_at\":\"yesterday\",\"user_id\":\"42\"}"),
      signedJson("{\"algorithm\":\"HMAC-SHA256\",\"user_id\":\"42\"}"),
      "a".repeat(10_000) + "." + "b"
    };
    for (String token : malformed) {
      assertRefused(token, Reason.MALFORMED);
    }
  }

  @Test
  void numericUserId_isAcceptedLikeAStringOne() {
    String token =
        signedJson("{\"algorithm\":\"HMAC-SHA256\",\"issued_at\":" + NOW.getEpochSecond() + ",\"user_id\":12345}");

    assertThat(verifier.verify(token).userId()).isEqualTo(12345L);
  }

  private String signedJson(String json) {
    return verifier.signPayload(json);
  }

  private void assertRefused(String token, Reason reason) {
    assertThatThrownBy(() -> verifier.verify(token))
        .as("token %s", token.length() > 80 ? token.substring(0, 80) + "…" : token)
        .isInstanceOf(InvalidSignedRequestException.class)
        .extracting(e -> ((InvalidSignedRequestException) e).reason())
        .isEqualTo(reason);
  }

  private static String b64url(String text, boolean padded) {
    return b64url(text.getBytes(StandardCharsets.UTF_8), padded);
  }

  private static String b64url(byte[] bytes, boolean padded) {
    Base64.Encoder encoder = Base64.getUrlEncoder();
    return (padded ? encoder : encoder.withoutPadding()).encodeToString(bytes);
  }

  private static byte[] hmac(String encodedPayload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(encodedPayload.getBytes(StandardCharsets.US_ASCII));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
