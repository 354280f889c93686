package com.comicshelf.testing;

import com.comicshelf.config.S3Settings;
import com.comicshelf.s3.S3AssetStore;
import com.comicshelf.s3.S3Clients;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * A running S3-protocol server as the tests see it (see {@link S3Server}): its endpoint, region and
 * credentials, an SDK client built by the production {@link S3Clients}, and the same helpers as
 * {@link TestS3} (a fresh bucket per test class, keys, plain-HTTP client side), so a test written for
 * one server runs unchanged on the others. Addressing is path-style, as under any endpoint override.
 */
public final class S3Target {
  private final S3Server server;
  private final URI endpoint;
  private final String region;
  private final AwsCredentialsProvider credentials;
  private final S3Client client;
  private final Map<String, S3AssetStore> stores = new ConcurrentHashMap<>();

  public S3Target(S3Server server, URI endpoint, String region, AwsCredentialsProvider credentials) {
    this.server = Objects.requireNonNull(server, "server");
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.region = Objects.requireNonNull(region, "region");
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.client = S3Clients.client(settings("unused"), credentials);
  }

  public S3Server server() {
    return server;
  }

  public URI endpoint() {
    return endpoint;
  }

  public String region() {
    return region;
  }

  public AwsCredentialsProvider credentials() {
    return credentials;
  }

  /** A client for arranging and inspecting objects behind the store's back. */
  public S3Client client() {
    return client;
  }

  /** Settings for {@code bucket} on this server: 5 MiB cap, 5-minute URLs, as {@link TestS3#settings}. */
  public S3Settings settings(String bucket) {
    return new S3Settings(
        bucket, endpoint, region, S3Settings.DEFAULT_MAX_UPLOAD_BYTES, S3Settings.DEFAULT_UPLOAD_URL_TTL);
  }

  /** Where this server serves {@code bucket}'s keys (path-style). */
  public URI publicBaseUrl(String bucket) {
    return URI.create(endpoint + "/" + bucket);
  }

  /** The production adapter over {@code bucket} (one per bucket, sharing this target's client). */
  public S3AssetStore store(String bucket) {
    return stores.computeIfAbsent(bucket, b -> new S3AssetStore(client, presigner(b), b));
  }

  /** A presigner as production builds it; the caller closes it. */
  public S3Presigner presigner(String bucket) {
    return S3Clients.presigner(settings(bucket), credentials);
  }

  /** Creates {@code bucket}, or empties it when it exists already. */
  public void freshBucket(String bucket) {
    try {
      for (String key : keys(bucket, "")) {
        client.deleteObject(r -> r.bucket(bucket).key(key));
      }
    } catch (NoSuchBucketException e) {
      client.createBucket(r -> r.bucket(bucket));
    }
  }

  /**
   * Lets anyone {@code GET} the keys under {@code prefix} in {@code bucket}, and nothing else: a bucket
   * policy standing in for production's, where only CloudFront may read {@code public/} and
   * {@code static/} (so a test can load a cover anonymously, as a browser does through the CDN). moto
   * enforces bucket policies on anonymous requests (a private object answers 403); LocalStack stores
   * the policy; S3Mock checks no access at all, so there it is left out.
   */
  public void allowAnonymousGet(String bucket, String prefix) {
    if (server == S3Server.S3MOCK) {
      return;
    }
    String policy =
        """
        {"Version": "2012-10-17", "Statement": [{"Sid": "AnyoneReads%s", "Effect": "Allow", "Principal": "*",
          "Action": "s3:GetObject", "Resource": "arn:aws:s3:::%s/%s*"}]}"""
            .formatted(prefix.replaceAll("[^A-Za-z0-9]", ""), bucket, prefix);
    client.putBucketPolicy(r -> r.bucket(bucket).policy(policy));
  }

  public List<String> keys(String bucket, String prefix) {
    return client.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents().stream()
        .map(S3Object::key)
        .toList();
  }

  public void putObject(String bucket, String key, String contentType, byte[] bytes) {
    client.putObject(r -> r.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(bytes));
  }

  /** See {@link TestHttp#putWithHeaders}. */
  public HttpResponse<String> putWithHeaders(URI url, Map<String, String> headers, byte[] body) {
    return TestHttp.putWithHeaders(url, headers, body);
  }

  /** See {@link TestHttp#get}. */
  public HttpResponse<byte[]> get(URI url) {
    return TestHttp.get(url);
  }

  @Override
  public String toString() {
    return server + " at " + endpoint;
  }
}
