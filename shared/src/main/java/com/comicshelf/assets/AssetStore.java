package com.comicshelf.assets;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The object store holding uploads and public assets (S3 in AWS, an S3-protocol server locally).
 * Keys are full object keys such as {@code incoming/42/7} or {@code public/covers/7.png}.
 */
public interface AssetStore {

  /**
   * A URL that lets its holder {@code PUT} exactly one object at {@code key}, of this media type and
   * exactly this many bytes, until {@code ttl} has passed. No network call.
   */
  PresignedPut presignPut(String key, String contentType, long contentLength, Duration ttl);

  /** The object's size and version tag, or empty when there is no object at {@code key}. */
  Optional<StoredObject> head(String key);

  /**
   * Up to {@code length} leading bytes of the object, provided it still has version {@code etag};
   * empty when it is gone.
   *
   * @throws ObjectChangedException when the object was replaced since {@code etag} was read
   */
  Optional<byte[]> readPrefix(String key, String etag, int length);

  /**
   * Copies the object at {@code fromKey}, provided it still has version {@code etag}, to {@code toKey}
   * with the given media type and cache policy.
   *
   * @throws ObjectChangedException when the source was replaced since {@code etag} was read, or is gone
   */
  void copy(String fromKey, String etag, String toKey, String contentType, String cacheControl);

  /** Deletes the object if it exists. */
  void delete(String key);

  /**
   * A presigned {@code PUT}.
   *
   * @param url where to send the request
   * @param headers headers that were signed in and must be sent unchanged (without {@code host})
   * @param expiresAt when the URL stops working
   */
  record PresignedPut(URI url, Map<String, String> headers, Instant expiresAt) {
    public PresignedPut {
      headers = Map.copyOf(headers);
    }
  }

  /** What a {@code HEAD} tells about an object. */
  record StoredObject(long size, String etag) {}

  /** The object changed (or vanished) between two calls that were meant to see the same version. */
  final class ObjectChangedException extends RuntimeException {
    public ObjectChangedException(String key) {
      super("object " + key + " changed", null, false, false);
    }
  }
}
