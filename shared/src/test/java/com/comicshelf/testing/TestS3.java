package com.comicshelf.testing;

import com.adobe.testing.s3mock.S3MockApplication;
import com.comicshelf.config.S3Settings;
import com.comicshelf.s3.S3AssetStore;
import com.comicshelf.s3.S3Clients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The in-process S3 server the tests talk to (Adobe S3Mock, started once per JVM on free ports), with
 * helpers to make a bucket per test class, list keys, and play the client's part over plain HTTP.
 * S3Mock does not check signatures, so any credentials do.
 */
public final class TestS3 {
  public static final String REGION = "us-east-1";
  private static TestS3 instance;

  private final S3MockApplication server;
  private final URI endpoint;
  private final S3Client client;

  private TestS3(S3MockApplication server) {
    this.server = server;
    this.endpoint = URI.create("http://127.0.0.1:" + server.getHttpPort());
    this.client = S3Clients.client(settings("unused"), credentials());
  }

  /** The server for this JVM, started on first use (~3 s) and stopped when the JVM exits. */
  public static synchronized TestS3 shared() {
    if (instance == null) {
      Path root;
      try {
        // Under java.io.tmpdir, which the build points at target/.
        root = Files.createTempDirectory("s3mock-root");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Map<String, Object> properties = new HashMap<>(); // S3MockApplication.start mutates the map
      properties.put(S3MockApplication.PROP_HTTP_PORT, "0");
      properties.put(S3MockApplication.PROP_HTTPS_PORT, "0");
      properties.put(S3MockApplication.PROP_ROOT_DIRECTORY, root.toString());
      properties.put(S3MockApplication.PROP_SILENT, true);
      TestS3 started = new TestS3(S3MockApplication.start(properties));
      Runtime.getRuntime().addShutdownHook(new Thread(started.server::stop, "s3mock-stop"));
      instance = started;
    }
    return instance;
  }

  public static AwsCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create("test-key", "test-secret"));
  }

  public URI endpoint() {
    return endpoint;
  }

  public S3Client client() {
    return client;
  }

  /** Settings for {@code bucket} on this server: 5 MiB cap, 5-minute URLs, covers served by the server. */
  public S3Settings settings(String bucket) {
    return new S3Settings(
        bucket, endpoint, REGION, S3Settings.DEFAULT_MAX_UPLOAD_BYTES, S3Settings.DEFAULT_UPLOAD_URL_TTL);
  }

  /** Where this server serves {@code bucket}'s public keys (path-style). */
  public URI publicBaseUrl(String bucket) {
    return URI.create(endpoint + "/" + bucket);
  }

  public S3AssetStore store(String bucket) {
    return new S3AssetStore(client, S3Clients.presigner(settings(bucket), credentials()), bucket);
  }

  /** This server as an {@link S3Target}, for tests that run on several S3 servers ({@link S3Server}). */
  public S3Target target() {
    return new S3Target(S3Server.S3MOCK, endpoint, REGION, credentials());
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
}
