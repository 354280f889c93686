package com.comicshelf.dynamodb;

import com.comicshelf.idempotency.IdempotencyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * {@link IdempotencyStore} in the stack's DynamoDB table: one item per user and key ({@code pk =
 * "idempotency#<userId>#<key>"}), claimed with a conditional put, expired by the table's TTL
 * ({@code expiresAt}, epoch seconds) and treated as absent once past it, since TTL deletes lazily.
 */
public final class DynamoDbIdempotencyStore implements IdempotencyStore {
  /** What a function's role must allow on the table (template.yaml is checked against it). */
  public static final List<String> IAM_ACTIONS =
      List.of("dynamodb:PutItem", "dynamodb:GetItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem");

  private final DynamoDbClient dynamo;
  private final String table;

  public DynamoDbIdempotencyStore(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  @Override
  public Claim claim(String key, String requestHash, Instant now, Duration lockedFor) {
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        dynamo.putItem(
            r ->
                r.tableName(table)
                    .item(
                        Map.of(
                            "pk", s(pk(key)),
                            "requestHash", s(requestHash),
                            "state", s("in_progress"),
                            "lockedUntil", n(now.plus(lockedFor).toEpochMilli()),
                            "expiresAt", n(now.plus(RETENTION).getEpochSecond())))
                    .conditionExpression("attribute_not_exists(pk) OR expiresAt < :now")
                    .expressionAttributeValues(Map.of(":now", n(now.getEpochSecond()))));
        return new Claimed();
      } catch (ConditionalCheckFailedException taken) {
        GetItemResponse existing =
            dynamo.getItem(r -> r.tableName(table).key(Map.of("pk", s(pk(key)))).consistentRead(true));
        if (!existing.hasItem()) {
          continue; // expired and deleted between the two calls: claim again
        }
        Map<String, AttributeValue> item = existing.item();
        if (Long.parseLong(item.get("expiresAt").n()) < now.getEpochSecond()) {
          continue; // the put's condition saw it as live a moment ago; now it is not
        }
        if (!item.get("requestHash").s().equals(requestHash)) {
          return new Mismatch();
        }
        if (item.get("state").s().equals("completed")) {
          return new Completed(
              new StoredResponse(
                  Integer.parseInt(item.get("responseStatus").n()),
                  item.get("responseContentType").s(),
                  item.get("responseBody").s()));
        }
        long lockedUntil = Long.parseLong(item.get("lockedUntil").n());
        if (lockedUntil > now.toEpochMilli()) {
          return new InProgress(Instant.ofEpochMilli(lockedUntil));
        }
        if (takeOver(key, lockedUntil, now.plus(lockedFor))) {
          return new Claimed();
        }
      }
    }
    throw new IllegalStateException("idempotency key " + key + " kept changing while claimed");
  }

  /** The first attempt ran past its timeout without finishing: it died. Only one retry may take over. */
  private boolean takeOver(String key, long abandonedLock, Instant newLock) {
    try {
      dynamo.updateItem(
          r ->
              r.tableName(table)
                  .key(Map.of("pk", s(pk(key))))
                  .updateExpression("SET lockedUntil = :new")
                  .conditionExpression("#state = :inProgress AND lockedUntil = :old")
                  .expressionAttributeNames(Map.of("#state", "state"))
                  .expressionAttributeValues(
                      Map.of(":new", n(newLock.toEpochMilli()), ":old", n(abandonedLock), ":inProgress", s("in_progress"))));
      return true;
    } catch (ConditionalCheckFailedException anotherRetryWasFaster) {
      return false;
    }
  }

  @Override
  public void complete(String key, String requestHash, StoredResponse response, Instant now) {
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":completed", s("completed"));
    values.put(":status", n(response.status()));
    values.put(":type", s(response.contentType()));
    values.put(":body", s(response.body()));
    values.put(":hash", s(requestHash));
    dynamo.updateItem(
        r ->
            r.tableName(table)
                .key(Map.of("pk", s(pk(key))))
                .updateExpression(
                    "SET #state = :completed, responseStatus = :status, responseContentType = :type, responseBody = :body")
                .conditionExpression("requestHash = :hash")
                .expressionAttributeNames(Map.of("#state", "state"))
                .expressionAttributeValues(values));
  }

  @Override
  public void release(String key, String requestHash) {
    try {
      dynamo.deleteItem(
          r ->
              r.tableName(table)
                  .key(Map.of("pk", s(pk(key))))
                  .conditionExpression("requestHash = :hash AND #state = :inProgress")
                  .expressionAttributeNames(Map.of("#state", "state"))
                  .expressionAttributeValues(Map.of(":hash", s(requestHash), ":inProgress", s("in_progress"))));
    } catch (ConditionalCheckFailedException alreadyGone) {
      // completed, taken over or expired meanwhile: nothing of ours to release
    }
  }

  @Override
  public void forgetUser(long userId) {
    PrefixDeletion.deleteItems(dynamo, table, pk(userId + "#"));
  }

  private static String pk(String key) {
    return "idempotency#" + key;
  }

  static AttributeValue s(String value) {
    return AttributeValue.fromS(value == null ? "" : value);
  }

  static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }
}
