package com.comicshelf.config;

import java.net.URI;
import java.util.Optional;

/**
 * Where idempotency keys and rate counters live: the stack's DynamoDB table in AWS; without one (a
 * developer machine), the relational database.
 *
 * @param dynamoDbTable the table's name
 * @param dynamoDbEndpoint a DynamoDB-compatible endpoint instead of AWS's (moto, LocalStack); the SDK also
 *     honours {@code AWS_ENDPOINT_URL_DYNAMODB}
 */
public record WriteGuardSettings(Optional<String> dynamoDbTable, Optional<URI> dynamoDbEndpoint) {
  public static final String DYNAMODB_TABLE = "COMICSHELF_DYNAMODB_TABLE";
  public static final String DYNAMODB_ENDPOINT = "COMICSHELF_DYNAMODB_ENDPOINT";

  public static WriteGuardSettings from(Environment env) {
    return new WriteGuardSettings(
        Optional.ofNullable(env.requiredInAws(DYNAMODB_TABLE, null)),
        env.optional(DYNAMODB_ENDPOINT).map(URI::create));
  }
}
