package com.comicshelf.di;

import com.comicshelf.config.Environment;
import com.comicshelf.config.WriteGuardSettings;
import com.comicshelf.dynamodb.DynamoDbClients;
import com.comicshelf.dynamodb.DynamoDbIdempotencyStore;
import com.comicshelf.dynamodb.DynamoDbRateLimiter;
import com.comicshelf.http.WriteGuard;
import com.comicshelf.idempotency.SqlIdempotencyStore;
import com.comicshelf.ratelimit.SqlRateLimiter;
import com.comicshelf.sql.SqlClient;
import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Idempotency keys and rate limits for the routes that create things: DynamoDB in AWS, SQL locally. */
@Module
public final class GuardsModule {
  private GuardsModule() {}

  @Provides
  @Singleton
  static WriteGuard writeGuard(Environment environment, SqlClient sql, Clock clock) {
    WriteGuardSettings settings = WriteGuardSettings.from(environment);
    if (settings.dynamoDbTable().isPresent()) {
      DynamoDbClient dynamo = DynamoDbClients.client(settings.dynamoDbEndpoint());
      String table = settings.dynamoDbTable().get();
      return new WriteGuard(new DynamoDbIdempotencyStore(dynamo, table), new DynamoDbRateLimiter(dynamo, table), clock);
    }
    return new WriteGuard(new SqlIdempotencyStore(sql), new SqlRateLimiter(sql), clock);
  }
}
