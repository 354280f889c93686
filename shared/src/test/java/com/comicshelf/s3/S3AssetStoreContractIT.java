package com.comicshelf.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.comicshelf.assets.AssetStore;
import com.comicshelf.config.S3Settings;
import com.comicshelf.testing.S3Server;
import com.comicshelf.testing.S3Target;
import com.comicshelf.testing.TestImages;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The {@link AssetStore} contract of the S3 adapter, run against every S3-protocol server we have
 * ({@link S3Server}): S3Mock in-process, moto's S3, and LocalStack (skipped without a Docker engine).
 * The store is built as production builds it ({@link S3Clients}, {@link S3AssetStore}).
 *
 * <p>Expectations are what S3 documents. Where an emulator deviates, the test says so with an explicit
 * per-server expectation (see {@link #copyHonoursSourceIfMatch()} and {@link #replaceCopyTakesRequestType()}),
 * so a fixed emulator shows up as a failure to update, not as silence. None of these servers checks
 * presigned-URL signatures; {@code PresignedPutSigningTest} checks from the URL what real S3 enforces.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(S3Server.class)
class S3AssetStoreContractIT {
  private static final String BUCKET = "asset-store-contract"; // a valid DNS name, as moto requires
  private static final int PRECONDITION_FAILED = 412;
  private static final int NOT_FOUND = 404;
  private static final int RANGE_NOT_SATISFIABLE = 416;

  @Parameter S3Server server;

  private S3Target s3;
  private S3Client client;
  private S3Presigner presigner;
  private S3AssetStore store;

  @BeforeEach
  void connect() {
    s3 = server.connect(); // skips where the server cannot run here (LocalStack without Docker)
    S3Settings settings = s3.settings(BUCKET);
    client = S3Clients.client(settings, s3.credentials());
    presigner = S3Clients.presigner(settings, s3.credentials());
    store = new S3AssetStore(client, presigner, BUCKET);
    s3.freshBucket(BUCKET);
  }

  @AfterEach
  void close() {
    if (presigner != null) {
      presigner.close();
    }
    if (client != null) {
      client.close();
    }
  }

  // --- presigned PUT --------------------------------------------------------------------------

  @Test
  void presignedPut_signsTypeAndLength_andAcceptsThatUpload() {
    byte[] png = TestImages.png(8, 8);
    Instant before = Instant.now();

    AssetStore.PresignedPut put = store.presignPut("incoming/1/2", "image/png", png.length, Duration.ofMinutes(5));

    assertThat(put.headers())
        .containsEntry("content-type", "image/png")
        .containsEntry("content-length", Integer.toString(png.length))
        .doesNotContainKey("host");
    assertThat(put.url().getQuery()).contains("X-Amz-Signature=").contains("X-Amz-Expires=300");
    assertThat(put.url().getPath()).isEqualTo("/" + BUCKET + "/incoming/1/2");
    assertThat(put.expiresAt()).isBetween(before.plusSeconds(299), Instant.now().plusSeconds(301));
    assertThat(s3.putWithHeaders(put.url(), put.headers(), png).statusCode()).isEqualTo(200);
    assertThat(s3.client().getObjectAsBytes(r -> r.bucket(BUCKET).key("incoming/1/2")).asByteArray()).isEqualTo(png);
  }

  @Test
  void presignedPut_withExactlyTheSignedHeaders_storesThatTypeAndSize() {
    byte[] jpeg = TestImages.jpeg(12, 12);
    AssetStore.PresignedPut put = store.presignPut("incoming/1/9", "image/jpeg", jpeg.length, Duration.ofMinutes(1));
    // Exactly what the client is told to send: the signed headers (host and content-length from the
    // URL and the body, which has the signed length), nothing more.
    assertThat(put.headers().keySet()).containsExactlyInAnyOrder("content-type", "content-length");

    var answer = s3.putWithHeaders(put.url(), put.headers(), jpeg);

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("ETag")).hasValue(quotedMd5(jpeg));
    HeadObjectResponse stored = s3.client().headObject(r -> r.bucket(BUCKET).key("incoming/1/9"));
    assertThat(stored.contentType()).isEqualTo("image/jpeg");
    assertThat(stored.contentLength()).isEqualTo(jpeg.length);
    assertThat(store.head("incoming/1/9")).contains(new AssetStore.StoredObject(jpeg.length, quotedMd5(jpeg)));
  }

  // --- head -----------------------------------------------------------------------------------

  @Test
  void head_givesSizeAndEtag_orEmptyWhenMissing() {
    s3.putObject(BUCKET, "incoming/1/3", "image/gif", new byte[] {'G', 'I', 'F', '8', '9', 'a', 1, 2});

    AssetStore.StoredObject object = store.head("incoming/1/3").orElseThrow();

    assertThat(object.size()).isEqualTo(8);
    assertThat(object.etag()).isNotBlank();
    assertThat(store.head("incoming/1/404")).isEmpty();
  }

  @Test
  void etag_isTheQuotedMd5OfTheBytes_andChangesWithTheContent_notTheSize() {
    // S3 documents this for objects written by a single PUT without SSE-KMS: what our uploads are.
    byte[] first = "0123456789".getBytes(StandardCharsets.US_ASCII);
    byte[] second = "9876543210".getBytes(StandardCharsets.US_ASCII);
    s3.putObject(BUCKET, "incoming/1/10", "image/png", first);
    String before = store.head("incoming/1/10").orElseThrow().etag();

    s3.putObject(BUCKET, "incoming/1/10", "image/png", second);
    AssetStore.StoredObject after = store.head("incoming/1/10").orElseThrow();

    assertThat(before).isEqualTo(quotedMd5(first));
    assertThat(after.etag()).isEqualTo(quotedMd5(second)).isNotEqualTo(before);
    assertThat(after.size()).isEqualTo(first.length);
  }

  // --- readPrefix -----------------------------------------------------------------------------

  @Test
  void readPrefix_readsOnlyTheFirstBytes_ofTheVersionSeen() {
    byte[] jpeg = TestImages.jpeg(16, 16);
    s3.putObject(BUCKET, "incoming/1/4", "image/jpeg", jpeg);
    String etag = store.head("incoming/1/4").orElseThrow().etag();

    assertThat(store.readPrefix("incoming/1/4", etag, 12)).hasValueSatisfying(
        head -> assertThat(head).isEqualTo(Arrays.copyOf(jpeg, 12)));
    assertThat(store.readPrefix("incoming/1/404", etag, 12)).isEmpty();

    s3.putObject(BUCKET, "incoming/1/4", "image/jpeg", TestImages.jpeg(17, 17));
    assertThatThrownBy(() -> store.readPrefix("incoming/1/4", etag, 12))
        .isInstanceOf(AssetStore.ObjectChangedException.class);
  }

  @Test
  void readPrefix_pinnedToAnEtag_failsOnceTheObjectWasReplaced_byOneOfTheSameSize_orAShorterOne() {
    byte[] png = TestImages.png(6, 6);
    s3.putObject(BUCKET, "incoming/1/11", "image/png", png);
    String etag = store.head("incoming/1/11").orElseThrow().etag();
    assertThat(store.readPrefix("incoming/1/11", etag, png.length + 100)).hasValue(png); // a range past the end: all

    // Same size, other bytes: only the ETag tells them apart (the upload race UploadService guards against).
    s3.putObject(BUCKET, "incoming/1/11", "image/png", "x".repeat(png.length).getBytes(StandardCharsets.US_ASCII));
    assertThatThrownBy(() -> store.readPrefix("incoming/1/11", etag, 12))
        .isInstanceOf(AssetStore.ObjectChangedException.class);

    // Shorter than the range asked for, and another version: still "changed", never a short read.
    s3.putObject(BUCKET, "incoming/1/11", "image/png", new byte[] {1});
    assertThatThrownBy(() -> store.readPrefix("incoming/1/11", etag, 12))
        .isInstanceOf(AssetStore.ObjectChangedException.class);
  }

  // --- copy -----------------------------------------------------------------------------------

  @Test
  void copy_publishesWithTypeAndCachePolicy_onlyTheVersionSeen() {
    byte[] png = TestImages.png(4, 4);
    // The incoming object has the declared type already (it is signed into the upload URL). S3Mock
    // keeps the source's Content-Type on a REPLACE copy, where S3 takes the request's: both give this.
    s3.putObject(BUCKET, "incoming/1/5", "image/png", png);
    String etag = store.head("incoming/1/5").orElseThrow().etag();

    store.copy("incoming/1/5", etag, "public/covers/5.png", "image/png", "public, max-age=60");

    HeadObjectResponse published = s3.client().headObject(r -> r.bucket(BUCKET).key("public/covers/5.png"));
    assertThat(published.contentType()).isEqualTo("image/png");
    assertThat(published.cacheControl()).isEqualTo("public, max-age=60");
    assertThat(s3.client().getObjectAsBytes(r -> r.bucket(BUCKET).key("public/covers/5.png")).asByteArray())
        .isEqualTo(png);

    s3.putObject(BUCKET, "incoming/1/5", "image/png", TestImages.png(5, 5));
    if (copyHonoursSourceIfMatch()) {
      assertThatThrownBy(() -> store.copy("incoming/1/5", etag, "public/covers/6.png", "image/png", "no-cache"))
          .isInstanceOf(AssetStore.ObjectChangedException.class);
    } else {
      // The deviation, asserted: the replaced object is published (see copyHonoursSourceIfMatch).
      store.copy("incoming/1/5", etag, "public/covers/6.png", "image/png", "no-cache");
      assertThat(s3.keys(BUCKET, "public/")).containsExactly("public/covers/5.png", "public/covers/6.png");
      s3.client().deleteObject(r -> r.bucket(BUCKET).key("public/covers/6.png"));
    }
    assertThatThrownBy(() -> store.copy("incoming/1/404", etag, "public/covers/7.png", "image/png", "no-cache"))
        .isInstanceOf(AssetStore.ObjectChangedException.class);
    assertThat(s3.keys(BUCKET, "public/")).containsExactly("public/covers/5.png");
  }

  @Test
  void copy_ofASourceReplacedWithOneOfTheSameSize_failsAndWritesNothing() {
    byte[] png = TestImages.png(7, 7);
    s3.putObject(BUCKET, "incoming/1/12", "image/png", png);
    String etag = store.head("incoming/1/12").orElseThrow().etag();
    s3.putObject(BUCKET, "incoming/1/12", "image/png", "x".repeat(png.length).getBytes(StandardCharsets.US_ASCII));

    if (copyHonoursSourceIfMatch()) {
      assertThatThrownBy(() -> store.copy("incoming/1/12", etag, "public/covers/12.png", "image/png", "no-cache"))
          .isInstanceOf(AssetStore.ObjectChangedException.class);
      assertThat(s3.keys(BUCKET, "public/")).isEmpty();
    } else {
      store.copy("incoming/1/12", etag, "public/covers/12.png", "image/png", "no-cache");
      assertThat(s3.keys(BUCKET, "public/")).containsExactly("public/covers/12.png");
    }
  }

  @Test
  void copy_setsTheRequestedTypeAndCacheControlOnTheTarget_andLeavesTheSourceAsItWas() {
    byte[] webp = TestImages.webp();
    client.putObject(
        r -> r.bucket(BUCKET).key("incoming/1/13").contentType("application/octet-stream").cacheControl("no-store"),
        RequestBody.fromBytes(webp));
    String etag = store.head("incoming/1/13").orElseThrow().etag();

    store.copy("incoming/1/13", etag, "public/covers/13.webp", "image/webp", "public, max-age=31536000, immutable");

    HeadObjectResponse target = s3.client().headObject(r -> r.bucket(BUCKET).key("public/covers/13.webp"));
    HeadObjectResponse source = s3.client().headObject(r -> r.bucket(BUCKET).key("incoming/1/13"));
    assertThat(target.contentType()).isEqualTo(replaceCopyTakesRequestType() ? "image/webp" : "application/octet-stream");
    assertThat(target.cacheControl()).isEqualTo("public, max-age=31536000, immutable");
    assertThat(target.contentLength()).isEqualTo(webp.length);
    assertThat(target.eTag()).isEqualTo(quotedMd5(webp)); // a single-part copy keeps the MD5 ETag
    assertThat(source.contentType()).isEqualTo("application/octet-stream");
    assertThat(source.cacheControl()).isEqualTo("no-store");
    assertThat(source.eTag()).isEqualTo(etag);
  }

  // --- missing keys and delete ----------------------------------------------------------------

  @Test
  void missingKey_isEmptyOnHeadAndRead_changedOnCopy_andNothingOnDelete() {
    String etag = quotedMd5(new byte[] {1, 2, 3});

    assertThat(store.head("incoming/9/missing")).isEmpty();
    assertThat(store.readPrefix("incoming/9/missing", etag, 12)).isEmpty();
    assertThatThrownBy(() -> store.copy("incoming/9/missing", etag, "public/covers/9.png", "image/png", "no-cache"))
        .isInstanceOf(AssetStore.ObjectChangedException.class);
    assertThatCode(() -> store.delete("incoming/9/missing")).doesNotThrowAnyException();
    assertThat(s3.keys(BUCKET, "")).isEmpty();
  }

  @Test
  void delete_isIdempotent() {
    s3.putObject(BUCKET, "incoming/1/8", "image/png", TestImages.png(2, 2));

    store.delete("incoming/1/8");
    store.delete("incoming/1/8");

    assertThat(s3.keys(BUCKET, "")).isEmpty();
  }

  // --- the raw answers the adapter maps --------------------------------------------------------

  /**
   * The statuses (and S3 error codes) {@link S3AssetStore} turns into "missing" and "changed", as S3
   * documents them: a missing key 404 {@code NoSuchKey}; a failed {@code If-Match} or
   * {@code x-amz-copy-source-if-match} 412 {@code PreconditionFailed}; a range wholly past the end 416
   * {@code InvalidRange}.
   */
  @Test
  void errors_haveTheStatusesAndCodesS3Documents() {
    s3.putObject(BUCKET, "incoming/1/14", "image/png", new byte[] {1, 2, 3, 4});
    String stale = quotedMd5(new byte[] {9});

    assertThat(s3Error(() -> client.getObjectAsBytes(r -> r.bucket(BUCKET).key("incoming/1/404"))))
        .isEqualTo(NOT_FOUND + " NoSuchKey");
    assertThat(s3Error(() -> client.headObject(r -> r.bucket(BUCKET).key("incoming/1/404"))))
        .startsWith(NOT_FOUND + " "); // a HEAD answer has no body, so no code
    assertThat(s3Error(() -> client.getObjectAsBytes(r -> r.bucket(BUCKET).key("incoming/1/14").ifMatch(stale))))
        .isEqualTo(PRECONDITION_FAILED + " PreconditionFailed");
    assertThat(s3Error(() -> client.getObjectAsBytes(r -> r.bucket(BUCKET).key("incoming/1/14").range("bytes=10-20"))))
        .isEqualTo(RANGE_NOT_SATISFIABLE + " InvalidRange");
    assertThat(s3Error(() -> client.copyObject(copy("incoming/1/404", null))))
        .isEqualTo(NOT_FOUND + " NoSuchKey");
    if (copyHonoursSourceIfMatch()) {
      assertThat(s3Error(() -> client.copyObject(copy("incoming/1/14", stale))))
          .isEqualTo(PRECONDITION_FAILED + " PreconditionFailed");
    } else {
      assertThatCode(() -> client.copyObject(copy("incoming/1/14", stale))).doesNotThrowAnyException();
    }
  }

  // --- where emulators deviate from S3 --------------------------------------------------------

  /**
   * S3 refuses a copy whose {@code x-amz-copy-source-if-match} no longer matches (412, nothing
   * written). moto 5.2.1 does not: its {@code copy_object} checks only
   * {@code x-amz-copy-source-if-none-match} and copies whatever is there now. Our upload flow pins the
   * version in the ranged read before the copy too, so on moto only the narrower race between that
   * read and the copy goes unchecked.
   */
  private boolean copyHonoursSourceIfMatch() {
    return switch (server) {
      case S3MOCK, LOCALSTACK -> true;
      case MOTO -> false;
    };
  }

  /**
   * With {@code x-amz-metadata-directive: REPLACE}, S3 gives the copy the request's
   * {@code Content-Type}. S3Mock 4.12 keeps the source's (it takes the request's Cache-Control, though).
   * Harmless for us: the incoming object already has the declared type, signed into the upload URL.
   */
  private boolean replaceCopyTakesRequestType() {
    return switch (server) {
      case MOTO, LOCALSTACK -> true;
      case S3MOCK -> false;
    };
  }

  private static CopyObjectRequest copy(String fromKey, String ifMatch) {
    return CopyObjectRequest.builder()
        .sourceBucket(BUCKET)
        .sourceKey(fromKey)
        .copySourceIfMatch(ifMatch)
        .destinationBucket(BUCKET)
        .destinationKey("public/covers/raw.png")
        .metadataDirective(MetadataDirective.REPLACE)
        .contentType("image/png")
        .build();
  }

  /** "status code" of the S3 error the call fails with. */
  private static String s3Error(Runnable call) {
    try {
      call.run();
    } catch (S3Exception e) {
      String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
      return e.statusCode() + " " + code;
    }
    throw new AssertionError("expected an S3 error");
  }

  private static String quotedMd5(byte[] bytes) {
    try {
      return "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes)) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
