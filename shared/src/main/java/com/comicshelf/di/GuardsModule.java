package com.comicshelf.di;

import com.comicshelf.config.Environment;
import com.comicshelf.config.WriteGuardSettings;
import com.comicshelf.dynamodb.DynamoDbClients;
import com.comicshelf.dynamodb.DynamoDbIdempotencyStore;
import com.comicshelf.dynamodb.DynamoDbRateLimiter;
import com.comicshelf.http.WriteGuard;
import com.comicshelf.idempotency.IdempotencyStore;
import com.comicshelf.idempotency.SqlIdempotencyStore;
import com.comicshelf.ratelimit.RateLimiter;
import com.comicshelf.ratelimit.SqlRateLimiter;
import com.comicshelf.sql.SqlClient;
import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import java.util.Optional;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Idempotency keys and rate limits for the routes that create things: DynamoDB in AWS, SQL locally. */
@Module
public final class GuardsModule {
  private GuardsModule() {}

  @Provides
  @Singleton
  static WriteGuardSettings settings(Environment environment) {
    return WriteGuardSettings.from(environment);
  }

  /** The stack's table when one is configured; then both stores live there. */
  @Provides
  @Singleton
  static Optional<DynamoDbClient> dynamoDb(WriteGuardSettings settings) {
    return settings.dynamoDbTable().map(table -> DynamoDbClients.client(settings.dynamoDbEndpoint()));
  }

  @Provides
  @Singleton
  static IdempotencyStore idempotencyStore(
      WriteGuardSettings settings, Optional<DynamoDbClient> dynamo, SqlClient sql) {
    return dynamo.<IdempotencyStore>map(d -> new DynamoDbIdempotencyStore(d, settings.dynamoDbTable().orElseThrow()))
        .orElseGet(() -> new SqlIdempotencyStore(sql));
  }

  @Provides
  @Singleton
  static RateLimiter rateLimiter(WriteGuardSettings settings, Optional<DynamoDbClient> dynamo, SqlClient sql) {
    return dynamo.<RateLimiter>map(d -> new DynamoDbRateLimiter(d, settings.dynamoDbTable().orElseThrow()))
        .orElseGet(() -> new SqlRateLimiter(sql));
  }

  @Provides
  @Singleton
  static WriteGuard writeGuard(IdempotencyStore idempotency, RateLimiter rateLimiter, Clock clock) {
    return new WriteGuard(idempotency, rateLimiter, clock);
  }
}
