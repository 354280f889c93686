package com.comicshelf.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * One {@code moto_server} (moto 5.2.1, in the machine image's Python) per test JVM: a real AWS-protocol
 * server for Secrets Manager, DynamoDB and S3. Where it is missing, tests skip with how to install it,
 * except in CI ({@code CI} set), where they fail: CI must run them.
 */
public final class MotoServer {
  private static MotoServer shared;

  private final Process process;
  private final URI endpoint;

  private MotoServer(Process process, URI endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  /** The shared server, started on first use; skips (or, in CI, fails) the calling test without it. */
  public static synchronized MotoServer shared() {
    if (shared == null) {
      Path executable = find().orElse(null);
      if (executable == null) {
        String message = "moto_server is not installed: pip install \"moto[server]\" (moto 5.2.1)";
        if (System.getenv("CI") != null) {
          throw new IllegalStateException(message + "; CI must run the AWS-protocol tests");
        }
        Assumptions.abort(message);
      }
      shared = start(executable);
      Runtime.getRuntime().addShutdownHook(new Thread(shared.process::destroy, "moto-server-shutdown"));
    }
    return shared;
  }

  private static Optional<Path> find() {
    Stream<Path> onPath =
        Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).filter(dir -> !dir.isEmpty()).map(Path::of);
    Stream<Path> pyenv = Stream.of(Path.of(System.getProperty("user.home"), ".pyenv", "shims"));
    return Stream.concat(onPath, pyenv)
        .map(dir -> dir.resolve("moto_server"))
        .filter(Files::isExecutable)
        .findFirst();
  }

  /**
   * moto_server as its own {@code main} runs it, but answering one request at a time: threaded, moto's
   * backends do not lock, so two conditional updates of one DynamoDB item could both pass their
   * condition (seen as 21 of 20 allowed in the rate limiter contract), which DynamoDB never allows.
   */
  private static final String SINGLE_THREADED =
      """
      import sys
      from werkzeug.serving import run_simple
      from moto.server import DomainDispatcherApplication, create_backend_app
      run_simple(sys.argv[1], int(sys.argv[2]), DomainDispatcherApplication(create_backend_app), threaded=False)
      """;

  /** The Python that moto_server's own script runs with: the interpreter beside it. */
  private static String python(Path motoServer) {
    Path beside = motoServer.resolveSibling("python3");
    return Files.isExecutable(beside) ? beside.toString() : "python3";
  }

  private static MotoServer start(Path executable) {
    int port = freePort();
    URI endpoint = URI.create("http://127.0.0.1:" + port);
    try {
      Process process =
          new ProcessBuilder(python(executable), "-c", SINGLE_THREADED, "127.0.0.1", Integer.toString(port))
              .redirectErrorStream(true)
              .redirectOutput(Path.of(System.getProperty("java.io.tmpdir"), "moto-server-" + port + ".log").toFile())
              .start();
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IllegalStateException("moto_server exited with " + process.exitValue());
        }
        try {
          HttpResponse<Void> answer =
              http.send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/")).build(), HttpResponse.BodyHandlers.discarding());
          if (answer.statusCode() < 500) {
            return new MotoServer(process, endpoint);
          }
        } catch (IOException notYet) {
          Thread.sleep(200);
        }
      }
      process.destroyForcibly();
      throw new IllegalStateException("moto_server did not answer within 30 s on " + endpoint);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + executable, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting moto_server", e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port", e);
    }
  }

  public URI endpoint() {
    return endpoint;
  }

  /** Points an SDK client builder at this server, with dummy keys and the URL-connection client. */
  public <B extends AwsClientBuilder<B, ?>> B configure(B builder) {
    builder
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")));
    return builder;
  }

  /** The region {@link #configure} sets (moto keeps separate state per region). */
  public String region() {
    return Region.US_EAST_1.id();
  }

  /** The dummy keys {@link #configure} sets: moto checks no signature. */
  public AwsCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
  }

  /**
   * moto's S3 as an {@link S3Target}: the same endpoint as every other service, path-style. Bucket
   * names must be valid DNS names ({@code asset-store-contract}, not {@code b1}).
   */
  public S3Target s3() {
    return new S3Target(S3Server.MOTO, endpoint, region(), credentials());
  }

  public DynamoDbClient dynamoDb() {
    return configure(DynamoDbClient.builder()).httpClient(UrlConnectionHttpClient.create()).build();
  }

  /**
   * A fresh table shaped as the stack's (partition key {@code pk}, on-demand, TTL on {@code expiresAt})
   * named {@code prefix-<random>}, so tests never see each other's items.
   */
  public String createGuardTable(String prefix) {
    String name = prefix + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    try (DynamoDbClient dynamo = dynamoDb()) {
      dynamo.createTable(
          r ->
              r.tableName(name)
                  .billingMode(software.amazon.awssdk.services.dynamodb.model.BillingMode.PAY_PER_REQUEST)
                  .attributeDefinitions(a -> a.attributeName("pk").attributeType("S"))
                  .keySchema(k -> k.attributeName("pk").keyType("HASH")));
      dynamo.updateTimeToLive(r -> r.tableName(name).timeToLiveSpecification(t -> t.attributeName("expiresAt").enabled(true)));
    }
    return name;
  }

  public SecretsManagerClient secretsManager() {
    return configure(SecretsManagerClient.builder()).httpClient(UrlConnectionHttpClient.create()).build();
  }
}
