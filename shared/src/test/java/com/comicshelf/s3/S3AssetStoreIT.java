package com.comicshelf.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.comicshelf.assets.AssetStore;
import com.comicshelf.testing.TestImages;
import com.comicshelf.testing.TestS3;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/** The S3 adapter against a real S3-protocol server (S3Mock, in-process). */
class S3AssetStoreIT {
  private static final String BUCKET = "assets-store-it";
  private static TestS3 s3;
  private static S3AssetStore store;

  @BeforeAll
  static void start() {
    s3 = TestS3.shared();
    store = s3.store(BUCKET);
  }

  @BeforeEach
  void emptyBucket() {
    s3.freshBucket(BUCKET);
  }

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
  void head_givesSizeAndEtag_orEmptyWhenMissing() {
    s3.putObject(BUCKET, "incoming/1/3", "image/gif", new byte[] {'G', 'I', 'F', '8', '9', 'a', 1, 2});

    AssetStore.StoredObject object = store.head("incoming/1/3").orElseThrow();

    assertThat(object.size()).isEqualTo(8);
    assertThat(object.etag()).isNotBlank();
    assertThat(store.head("incoming/1/404")).isEmpty();
  }

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
    assertThatThrownBy(() -> store.copy("incoming/1/5", etag, "public/covers/6.png", "image/png", "no-cache"))
        .isInstanceOf(AssetStore.ObjectChangedException.class);
    assertThatThrownBy(() -> store.copy("incoming/1/404", etag, "public/covers/7.png", "image/png", "no-cache"))
        .isInstanceOf(AssetStore.ObjectChangedException.class);
    assertThat(s3.keys(BUCKET, "public/")).containsExactly("public/covers/5.png");
  }

  @Test
  void delete_isIdempotent() {
    s3.putObject(BUCKET, "incoming/1/8", "image/png", TestImages.png(2, 2));

    store.delete("incoming/1/8");
    store.delete("incoming/1/8");

    assertThat(s3.keys(BUCKET, "")).isEmpty();
  }
}
