package com.comicshelf.testing;

import com.comicshelf.sql.dataapi.DataApiSqlClient;
import com.comicshelf.testing.dataapi.DataApiEndpoint;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rdsdata.RdsDataClient;

/**
 * One Data-API-protocol endpoint per test JVM, over the test MariaDB, and the real SDK client
 * pointed at it. Tests that change the endpoint's behaviour (a paused cluster, injected faults) start
 * their own with {@link #startEndpoint}.
 */
public final class TestDataApi {
  private static DataApiEndpoint shared;
  private static RdsDataClient sharedClient;

  private TestDataApi() {}

  /** The shared endpoint, started on first use. */
  public static synchronized DataApiEndpoint endpoint() {
    if (shared == null) {
      shared = startEndpoint(DataApiEndpoint.Options.defaults(TestDatabase.SERVER_URL, TestDatabase.USER, TestDatabase.PASSWORD));
      sharedClient = rdsData(shared);
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "data-api-endpoint-shutdown"));
    }
    return shared;
  }

  public static DataApiEndpoint startEndpoint(DataApiEndpoint.Options options) {
    return DataApiEndpoint.start(options);
  }

  /** The default options over the test MariaDB, to adjust with the endpoint's withers. */
  public static DataApiEndpoint.Options options() {
    return DataApiEndpoint.Options.defaults(TestDatabase.SERVER_URL, TestDatabase.USER, TestDatabase.PASSWORD);
  }

  /** A client of the shared endpoint for {@code database}. */
  public static synchronized DataApiSqlClient client(String database) {
    DataApiEndpoint endpoint = endpoint();
    return new DataApiSqlClient(sharedClient, endpoint.resourceArn(), endpoint.secretArn(), database);
  }

  /** A client of {@code endpoint} for {@code database}, over the real SDK as the functions build it. */
  public static DataApiSqlClient client(DataApiEndpoint endpoint, String database) {
    return new DataApiSqlClient(rdsData(endpoint), endpoint.resourceArn(), endpoint.secretArn(), database);
  }

  /** The SDK client, configured as in production (no SDK retries) but for the endpoint and dummy keys. */
  public static RdsDataClient rdsData(DataApiEndpoint endpoint) {
    return RdsDataClient.builder()
        .endpointOverride(endpoint.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(60)).build())
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }
}
