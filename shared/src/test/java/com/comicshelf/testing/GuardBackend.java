package com.comicshelf.testing;

import com.comicshelf.dynamodb.DynamoDbIdempotencyStore;
import com.comicshelf.dynamodb.DynamoDbRateLimiter;
import com.comicshelf.idempotency.IdempotencyStore;
import com.comicshelf.idempotency.SqlIdempotencyStore;
import com.comicshelf.ratelimit.RateLimiter;
import com.comicshelf.ratelimit.SqlRateLimiter;
import com.comicshelf.sql.SqlClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Where idempotency keys and rate counters live: the relational database (the local gateway's
 * default) or DynamoDB (the deployed stack; moto_server here). The contract tests run on both.
 */
public enum GuardBackend {
  SQL,
  DYNAMODB;

  /** The stores of this backend: over {@code sql} for SQL, over a fresh moto table for DynamoDB. */
  public Stores open(SqlClient sql) {
    if (this == SQL) {
      return new Stores(new SqlIdempotencyStore(sql), new SqlRateLimiter(sql));
    }
    MotoServer moto = MotoServer.shared();
    String table = moto.createGuardTable("comicshelf-guards");
    DynamoDbClient dynamo = moto.dynamoDb();
    return new Stores(new DynamoDbIdempotencyStore(dynamo, table), new DynamoDbRateLimiter(dynamo, table));
  }

  /** One backend's two stores. */
  public record Stores(IdempotencyStore idempotency, RateLimiter rateLimiter) {}
}
