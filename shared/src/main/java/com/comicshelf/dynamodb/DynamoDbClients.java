package com.comicshelf.dynamodb;

import com.comicshelf.aws.AwsClients;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The DynamoDB client the functions use: the URL-connection HTTP client, short time limits. */
public final class DynamoDbClients {
  private DynamoDbClients() {}

  public static DynamoDbClient client(Optional<URI> endpoint) {
    var builder =
        DynamoDbClient.builder()
            .region(AwsClients.region())
            .httpClient(AwsClients.httpClient(Duration.ofSeconds(2), Duration.ofSeconds(5)))
            .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(8)));
    endpoint.ifPresent(builder::endpointOverride);
    return builder.build();
  }
}
