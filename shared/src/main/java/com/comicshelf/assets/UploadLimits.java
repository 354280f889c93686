package com.comicshelf.assets;

import java.time.Duration;
import java.util.Objects;

/** How large an upload may be and how long its presigned URL stays valid. */
public record UploadLimits(long maxBytes, Duration urlTtl) {
  public UploadLimits {
    Objects.requireNonNull(urlTtl, "urlTtl");
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes must be positive");
    }
  }
}
