package com.comicshelf.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.comicshelf.common.ClientError;
import org.junit.jupiter.api.Test;

class NewUploadTest {
  private static final long MAX = 5 * 1024 * 1024;

  @Test
  void validRequest_isNormalised() {
    NewUpload.Valid valid = new NewUpload("Image/WebP", 1234L, 7L).validated(MAX);

    assertThat(valid).isEqualTo(new NewUpload.Valid(ImageType.WEBP, 1234L, 7L));
  }

  @Test
  void sizeCap_isInclusive() {
    assertThat(new NewUpload("image/png", MAX, 1L).validated(MAX).contentLength()).isEqualTo(MAX);
    assertThatThrownBy(() -> new NewUpload("image/png", MAX + 1, 1L).validated(MAX))
        .isInstanceOf(ClientError.class)
        .hasMessageContaining("contentLength must be at most 5242880 bytes, got 5242881");
  }

  @Test
  void everyProblem_isReportedAtOnce_as422() {
    assertThatThrownBy(() -> new NewUpload("text/plain", 0L, null).validated(MAX))
        .isInstanceOfSatisfying(ClientError.class, e -> assertThat(e.kind()).isEqualTo(ClientError.Kind.UNPROCESSABLE))
        .hasMessageContaining("contentType 'text/plain' is not allowed; allowed: image/jpeg, image/png, image/webp, image/gif")
        .hasMessageContaining("contentLength must be at least 1 byte")
        .hasMessageContaining("comicId is required");
    assertThatThrownBy(() -> new NewUpload(null, null, -3L).validated(MAX))
        .hasMessageContaining("contentType is required")
        .hasMessageContaining("contentLength is required")
        .hasMessageContaining("comicId must be a positive whole number");
  }
}
