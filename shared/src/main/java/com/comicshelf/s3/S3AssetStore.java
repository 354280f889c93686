package com.comicshelf.s3;

import com.comicshelf.assets.AssetStore;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/** {@link AssetStore} over one S3 bucket (AWS, LocalStack or any S3-protocol server). */
public final class S3AssetStore implements AssetStore {
  private static final int NOT_FOUND = 404;
  private static final int PRECONDITION_FAILED = 412;
  private static final int RANGE_NOT_SATISFIABLE = 416;

  private final S3Client s3;
  private final S3Presigner presigner;
  private final String bucket;

  public S3AssetStore(S3Client s3, S3Presigner presigner, String bucket) {
    this.s3 = Objects.requireNonNull(s3, "s3");
    this.presigner = Objects.requireNonNull(presigner, "presigner");
    this.bucket = Objects.requireNonNull(bucket, "bucket");
  }

  @Override
  public PresignedPut presignPut(String key, String contentType, long contentLength, Duration ttl) {
    PutObjectRequest put =
        PutObjectRequest.builder().bucket(bucket).key(key).contentType(contentType).contentLength(contentLength).build();
    PresignedPutObjectRequest presigned =
        presigner.presignPutObject(request -> request.signatureDuration(ttl).putObjectRequest(put));
    // The client sends every signed header itself except host, which its HTTP stack derives from the URL.
    Map<String, String> headers = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> header : presigned.signedHeaders().entrySet()) {
      if (!header.getKey().equalsIgnoreCase("host")) {
        headers.put(header.getKey(), String.join(",", header.getValue()));
      }
    }
    try {
      return new PresignedPut(presigned.url().toURI(), headers, presigned.expiration());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("presigned URL is not a URI", e);
    }
  }

  @Override
  public Optional<StoredObject> head(String key) {
    try {
      HeadObjectResponse head = s3.headObject(request -> request.bucket(bucket).key(key));
      return Optional.of(new StoredObject(head.contentLength(), head.eTag()));
    } catch (S3Exception e) {
      if (e.statusCode() == NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public Optional<byte[]> readPrefix(String key, String etag, int length) {
    if (length < 1) {
      throw new IllegalArgumentException("length must be positive");
    }
    try {
      return Optional.of(
          s3.getObjectAsBytes(
                  request -> request.bucket(bucket).key(key).ifMatch(etag).range("bytes=0-" + (length - 1)))
              .asByteArray());
    } catch (S3Exception e) {
      if (e.statusCode() == NOT_FOUND) {
        return Optional.empty();
      }
      if (e.statusCode() == PRECONDITION_FAILED || e.statusCode() == RANGE_NOT_SATISFIABLE) {
        throw new ObjectChangedException(key);
      }
      throw e;
    }
  }

  @Override
  public void copy(String fromKey, String etag, String toKey, String contentType, String cacheControl) {
    try {
      s3.copyObject(
          request ->
              request
                  .sourceBucket(bucket)
                  .sourceKey(fromKey)
                  .copySourceIfMatch(etag)
                  .destinationBucket(bucket)
                  .destinationKey(toKey)
                  .metadataDirective(MetadataDirective.REPLACE)
                  .contentType(contentType)
                  .cacheControl(cacheControl));
    } catch (S3Exception e) {
      if (e.statusCode() == NOT_FOUND || e.statusCode() == PRECONDITION_FAILED) {
        throw new ObjectChangedException(fromKey);
      }
      throw e;
    }
  }

  @Override
  public void delete(String key) {
    s3.deleteObject(request -> request.bucket(bucket).key(key));
  }
}
