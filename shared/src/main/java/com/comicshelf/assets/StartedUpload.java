package com.comicshelf.assets;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

/**
 * The answer to {@code POST /me/uploads}: {@code PUT} the file to {@code url} with exactly these
 * {@code headers} (a browser sets {@code content-length} itself from the body) before {@code
 * expiresAt}, then complete the upload.
 */
public record StartedUpload(long uploadId, URI url, String method, Map<String, String> headers, Instant expiresAt) {
  public StartedUpload {
    headers = Map.copyOf(headers);
  }
}
