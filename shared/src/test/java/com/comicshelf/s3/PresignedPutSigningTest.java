package com.comicshelf.s3;

import static org.assertj.core.api.Assertions.assertThat;

import com.comicshelf.assets.AssetStore;
import com.comicshelf.config.Environment;
import com.comicshelf.config.S3Settings;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * What a presigned upload URL binds, read from the URL itself. No local S3 server checks presigned
 * signatures (S3Mock 4.12, moto 5.2.1 and s3rver 3.7.1 accept a body of another size, another type
 * or a forged signature; s3rver checks only the expiry), so this is where we make sure real S3 would
 * refuse anything but the announced upload: {@code content-length}, {@code content-type} and
 * {@code host} are signed, the expiry is the configured one, and the AWS SDK's own SigV4 signer,
 * recomputing the signature for a request that differs in one of them, gets another signature than
 * the URL's (so S3 answers {@code 403 SignatureDoesNotMatch}).
 *
 * <p>Pure: the presigner makes no network call. Run for production's addressing (no endpoint
 * override: virtual-hosted, {@code bucket.s3.region.amazonaws.com}) and for a local endpoint override
 * (path-style), both built by {@link S3Clients} as production builds them.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(PresignedPutSigningTest.Addressing.class)
class PresignedPutSigningTest {
  private static final String BUCKET = "comic-shelf-assets";
  private static final String REGION = "eu-west-1";
  private static final String KEY = "incoming/42/1234567890123456";
  private static final AwsBasicCredentials KEYS =
      AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  enum Addressing {
    /** As in AWS: no endpoint override, so the SDK's virtual-hosted S3 endpoint for the region. */
    AWS(null),
    /** As locally and in the emulator tests: an endpoint override, path-style. */
    ENDPOINT_OVERRIDE("http://127.0.0.1:4566");

    final String endpoint;

    Addressing(String endpoint) {
      this.endpoint = endpoint;
    }
  }

  @Parameter Addressing addressing;

  private S3Settings settings;
  private S3Client s3;
  private S3Presigner presigner;
  private S3AssetStore store;

  @BeforeEach
  void build() {
    settings = settings(Map.of());
    var credentials = StaticCredentialsProvider.create(KEYS);
    s3 = S3Clients.client(settings, credentials);
    presigner = S3Clients.presigner(settings, credentials);
    store = new S3AssetStore(s3, presigner, settings.bucket());
  }

  @AfterEach
  void close() {
    presigner.close();
    s3.close();
  }

  @Test
  void signedHeaders_includeContentLengthContentTypeAndHost_andTheClientIsToldToSendAllButHost() {
    AssetStore.PresignedPut put = store.presignPut(KEY, "image/png", 1234, Duration.ofSeconds(300));
    Map<String, String> query = query(put.url());

    List<String> signed = Arrays.asList(query.get("X-Amz-SignedHeaders").split(";"));

    assertThat(signed).contains("content-length", "content-type", "host");
    assertThat(put.headers())
        .containsEntry("content-type", "image/png")
        .containsEntry("content-length", "1234")
        .containsOnlyKeys(signed.stream().filter(h -> !h.equals("host")).toList());
    assertThat(put.url().getHost()).isEqualTo(expectedHost());
    assertThat(put.url().getPath()).isEqualTo(expectedPath());
  }

  @Test
  void expiry_isTheConfiguredTtl_forTheDefaultAndAConfiguredOne() {
    S3Settings configured = settings(Map.of(S3Settings.UPLOAD_URL_TTL_SECONDS, "120"));
    assertThat(settings.uploadUrlTtl()).isEqualTo(Duration.ofSeconds(300)); // the default, unset

    for (Duration ttl : List.of(settings.uploadUrlTtl(), configured.uploadUrlTtl(), Duration.ofSeconds(3600))) {
      AssetStore.PresignedPut put = store.presignPut(KEY, "image/png", 1234, ttl);
      Map<String, String> query = query(put.url());

      assertThat(query).containsEntry("X-Amz-Expires", Long.toString(ttl.toSeconds()));
      // S3 refuses the URL from X-Amz-Date + X-Amz-Expires on. X-Amz-Date has whole seconds, so the
      // SDK's expiration (the presign instant + ttl) can be up to a second later than that: the URL
      // never lives longer than announced.
      assertThat(put.expiresAt())
          .isAfterOrEqualTo(signedAt(query).plus(ttl))
          .isBefore(signedAt(query).plus(ttl).plusSeconds(1));
    }
    assertThat(configured.uploadUrlTtl()).isEqualTo(Duration.ofSeconds(120));
  }

  @Test
  void algorithmIsSigV4_andTheCredentialScopeNamesTheDayTheRegionAndS3() {
    Map<String, String> query = query(store.presignPut(KEY, "image/png", 1234, Duration.ofSeconds(300)).url());

    assertThat(query).containsEntry("X-Amz-Algorithm", "AWS4-HMAC-SHA256");
    String day = query.get("X-Amz-Date").substring(0, 8);
    assertThat(query).containsEntry("X-Amz-Credential", KEYS.accessKeyId() + "/" + day + "/" + REGION + "/s3/aws4_request");
    assertThat(query.get("X-Amz-Signature")).matches("[0-9a-f]{64}");
    assertThat(query).doesNotContainKey("X-Amz-Security-Token"); // static keys here; a role adds one, signed too
  }

  @Test
  void signature_changesWithTheLengthAndTheType_soBothAreInsideIt() {
    // Presigned within the same second (X-Amz-Date), signatures differ only by what was signed.
    for (int attempt = 0; ; attempt++) {
      Map<String, String> png1234 = query(store.presignPut(KEY, "image/png", 1234, Duration.ofSeconds(300)).url());
      Map<String, String> again = query(store.presignPut(KEY, "image/png", 1234, Duration.ofSeconds(300)).url());
      Map<String, String> png1235 = query(store.presignPut(KEY, "image/png", 1235, Duration.ofSeconds(300)).url());
      Map<String, String> jpeg1234 = query(store.presignPut(KEY, "image/jpeg", 1234, Duration.ofSeconds(300)).url());
      boolean sameSecond =
          png1234.get("X-Amz-Date").equals(jpeg1234.get("X-Amz-Date"))
              && png1234.get("X-Amz-Date").equals(again.get("X-Amz-Date"));
      if (!sameSecond && attempt < 5) {
        continue;
      }
      assertThat(sameSecond).as("four presigns within one second").isTrue();
      assertThat(again.get("X-Amz-Signature")).isEqualTo(png1234.get("X-Amz-Signature"));
      assertThat(png1235.get("X-Amz-Signature")).isNotEqualTo(png1234.get("X-Amz-Signature"));
      assertThat(jpeg1234.get("X-Amz-Signature")).isNotEqualTo(png1234.get("X-Amz-Signature"));
      return;
    }
  }

  /**
   * S3 recomputes the signature over the request it receives and compares. The SDK's own SigV4
   * signer, with the URL's time and the same keys, reproduces the URL's signature for the announced
   * request, and gets another one for a body of another size, another type, another host or a longer
   * expiry: each of those S3 refuses.
   */
  @Test
  void sdkSigner_reproducesTheSignatureForTheAnnouncedPut_andNotForAnyOtherRequest() {
    AssetStore.PresignedPut put = store.presignPut(KEY, "image/png", 1234, Duration.ofSeconds(300));
    Map<String, String> query = query(put.url());
    String signature = query.get("X-Amz-Signature");
    Instant signedAt = signedAt(query);
    String host = put.url().getHost();

    assertThat(resign(put.url(), host, "image/png", 1234, signedAt, Duration.ofSeconds(300))).isEqualTo(signature);

    assertThat(resign(put.url(), host, "image/png", 1235, signedAt, Duration.ofSeconds(300))).isNotEqualTo(signature);
    assertThat(resign(put.url(), host, "image/png", 5_000_000, signedAt, Duration.ofSeconds(300)))
        .isNotEqualTo(signature);
    assertThat(resign(put.url(), host, "image/jpeg", 1234, signedAt, Duration.ofSeconds(300))).isNotEqualTo(signature);
    assertThat(resign(put.url(), host, "text/html", 1234, signedAt, Duration.ofSeconds(300))).isNotEqualTo(signature);
    assertThat(resign(put.url(), "other-" + host, "image/png", 1234, signedAt, Duration.ofSeconds(300)))
        .isNotEqualTo(signature);
    assertThat(resign(put.url(), host, "image/png", 1234, signedAt, Duration.ofSeconds(3600))).isNotEqualTo(signature);
    assertThat(resign(put.url(), host, "image/png", 1234, signedAt.plusSeconds(1), Duration.ofSeconds(300)))
        .isNotEqualTo(signature);
  }

  /**
   * The signature AWS's SigV4 signer computes for a {@code PUT} to {@code url}'s path (the URL's own
   * {@code X-Amz-*} parameters removed) with these headers, at {@code signedAt}, valid for {@code ttl}:
   * what S3 recomputes for a request that arrives with them.
   */
  private static String resign(URI url, String host, String contentType, long contentLength, Instant signedAt, Duration ttl) {
    SdkHttpRequest.Builder request =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.PUT)
            .protocol(url.getScheme())
            .host(host)
            .port(url.getPort())
            .encodedPath(url.getRawPath())
            .putHeader("Host", url.getPort() == -1 ? host : host + ":" + url.getPort())
            .putHeader("Content-Type", contentType)
            .putHeader("Content-Length", Long.toString(contentLength));
    query(url).forEach(
        (name, value) -> {
          if (!name.startsWith("X-Amz-")) {
            request.appendRawQueryParameter(name, value);
          }
        });
    SdkHttpRequest signed =
        AwsV4HttpSigner.create()
            .sign(
                r ->
                    r.identity(KEYS)
                        .request(request.build())
                        .putProperty(AwsV4HttpSigner.REGION_NAME, REGION)
                        .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
                        .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, ttl)
                        .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                        .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
                        .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false)
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)))
            .request();
    return signed.firstMatchingRawQueryParameter("X-Amz-Signature").orElseThrow();
  }

  private S3Settings settings(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(extra);
    env.put(S3Settings.BUCKET, BUCKET);
    env.put(S3Settings.REGION, REGION);
    if (addressing.endpoint != null) {
      env.put(S3Settings.ENDPOINT, addressing.endpoint);
    }
    return S3Settings.from(Environment.of(env));
  }

  private String expectedHost() {
    return addressing.endpoint == null ? BUCKET + ".s3." + REGION + ".amazonaws.com" : "127.0.0.1";
  }

  private String expectedPath() {
    return addressing.endpoint == null ? "/" + KEY : "/" + BUCKET + "/" + KEY;
  }

  private static Instant signedAt(Map<String, String> query) {
    return Instant.from(AMZ_DATE.parse(query.get("X-Amz-Date")));
  }

  /** The URL's query parameters, decoded, in order. */
  private static Map<String, String> query(URI url) {
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : url.getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      params.put(name, value);
    }
    return params;
  }
}
