package com.comicshelf.dynamodb;

import static com.comicshelf.dynamodb.DynamoDbIdempotencyStore.n;
import static com.comicshelf.dynamodb.DynamoDbIdempotencyStore.s;

import com.comicshelf.ratelimit.RateLimiter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * {@link RateLimiter} over the stack's DynamoDB table: an atomic counter per user, action and window
 * ({@code pk = "rate#<userId>#<ACTION>#<window start>"}), incremented only while under the limit (one
 * conditional update), expired by the table's TTL after its window.
 */
public final class DynamoDbRateLimiter implements RateLimiter {
  /** What a function's role must allow on the table (template.yaml is checked against it). */
  public static final List<String> IAM_ACTIONS = List.of("dynamodb:UpdateItem");

  private final DynamoDbClient dynamo;
  private final String table;

  public DynamoDbRateLimiter(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  @Override
  public Decision acquire(long userId, Action action, Instant now) {
    Instant start = action.windowStart(now);
    Instant end = start.plus(action.window());
    try {
      dynamo.updateItem(
          r ->
              r.tableName(table)
                  .key(Map.of("pk", s(pk(userId, action, start))))
                  .updateExpression("ADD hits :one SET expiresAt = :expires")
                  .conditionExpression("attribute_not_exists(hits) OR hits < :limit")
                  .expressionAttributeValues(
                      Map.of(":one", n(1), ":limit", n(action.limit()), ":expires", n(end.getEpochSecond()))));
      return Decision.allow(start);
    } catch (ConditionalCheckFailedException overTheLimit) {
      return Decision.refuseUntil(start, end, now);
    }
  }

  @Override
  public void refund(long userId, Action action, Instant windowStart) {
    try {
      dynamo.updateItem(
          r ->
              r.tableName(table)
                  .key(Map.of("pk", s(pk(userId, action, windowStart))))
                  .updateExpression("ADD hits :minusOne")
                  .conditionExpression("hits > :zero")
                  .expressionAttributeValues(Map.of(":minusOne", n(-1), ":zero", n(0))));
    } catch (ConditionalCheckFailedException nothingCounted) {
      // the window expired and was deleted, or was never counted: nothing to take back
    }
  }

  @Override
  public void forgetUser(long userId) {
    PrefixDeletion.deleteItems(dynamo, table, "rate#" + userId + "#");
  }

  private static String pk(long userId, Action action, Instant windowStart) {
    return "rate#" + userId + "#" + action.name() + "#" + windowStart.toEpochMilli();
  }
}
