package com.comicshelf.testing;

import java.net.URI;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;

/**
 * One LocalStack container per test JVM (Testcontainers, {@value #IMAGE}), shared by every suite
 * that runs against it: the S3 contract ({@link S3Server#LOCALSTACK}), the upload flow, and whatever
 * else needs an AWS service LocalStack emulates (DynamoDB is enabled too: point a client at it with
 * {@link #configure}, as with {@link MotoServer#configure}).
 *
 * <p>Where no Docker engine runs (our dev and CI machines: {@code docker} there is only the client)
 * {@link #shared()} aborts the calling test, so it shows as skipped, never failed, CI included.
 */
public final class LocalStackServers {
  public static final String IMAGE = "localstack/localstack:3.8.1";
  private static LocalStackServers shared;

  private final LocalStackContainer container;

  private LocalStackServers(LocalStackContainer container) {
    this.container = container;
  }

  /** Whether Testcontainers finds a Docker engine (cached by Testcontainers after the first probe). */
  public static boolean dockerAvailable() {
    return DockerClientFactory.instance().isDockerAvailable();
  }

  /**
   * The shared container, started on first use (pulling the image the first time); aborts the calling
   * test where no Docker engine runs.
   */
  public static synchronized LocalStackServers shared() {
    Assumptions.assumeTrue(dockerAvailable(), "no Docker engine here: the LocalStack tests are skipped");
    if (shared == null) {
      LocalStackContainer container =
          new LocalStackContainer(DockerImageName.parse(IMAGE))
              .withServices(LocalStackContainer.Service.S3, LocalStackContainer.Service.DYNAMODB);
      container.start();
      Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "localstack-stop"));
      shared = new LocalStackServers(container);
    }
    return shared;
  }

  public LocalStackContainer container() {
    return container;
  }

  /** One endpoint for every service (LocalStack's edge port). */
  public URI endpoint() {
    return container.getEndpoint();
  }

  public String region() {
    return container.getRegion();
  }

  public AwsCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(container.getAccessKey(), container.getSecretKey()));
  }

  /** Points an SDK client builder at LocalStack, with its region and keys. */
  public <B extends AwsClientBuilder<B, ?>> B configure(B builder) {
    builder.endpointOverride(endpoint()).region(Region.of(region())).credentialsProvider(credentials());
    return builder;
  }

  /** LocalStack's S3 as an {@link S3Target} (path-style). */
  public S3Target s3() {
    return new S3Target(S3Server.LOCALSTACK, endpoint(), region(), credentials());
  }
}
