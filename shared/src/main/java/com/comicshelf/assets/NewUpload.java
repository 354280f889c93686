package com.comicshelf.assets;

import com.comicshelf.common.ClientError;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of {@code POST /me/uploads}: what the client is about to upload, and for which comic.
 * Nothing here ends up in an object key.
 */
public record NewUpload(String contentType, Long contentLength, Long comicId) {

  /** A checked request. */
  public record Valid(ImageType type, long contentLength, long comicId) {}

  /** Validates against the size cap; every problem is reported at once (422). */
  public Valid validated(long maxBytes) {
    List<String> problems = new ArrayList<>();
    ImageType type = null;
    if (contentType == null || contentType.isBlank()) {
      problems.add("contentType is required; allowed: " + ImageType.allowedContentTypes());
    } else {
      type = ImageType.ofContentType(contentType).orElse(null);
      if (type == null) {
        problems.add(
            "contentType '" + abbreviate(contentType) + "' is not allowed; allowed: " + ImageType.allowedContentTypes());
      }
    }
    if (contentLength == null) {
      problems.add("contentLength is required");
    } else if (contentLength < 1) {
      problems.add("contentLength must be at least 1 byte");
    } else if (contentLength > maxBytes) {
      problems.add("contentLength must be at most " + maxBytes + " bytes, got " + contentLength);
    }
    if (comicId == null) {
      problems.add("comicId is required");
    } else if (comicId < 1) {
      problems.add("comicId must be a positive whole number");
    }
    if (!problems.isEmpty()) {
      throw ClientError.unprocessable(String.join("; ", problems));
    }
    return new Valid(type, contentLength, comicId);
  }

  private static String abbreviate(String raw) {
    return raw.length() <= 40 ? raw : raw.substring(0, 40) + "…";
  }
}
