package com.comicshelf.dynamodb;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Deletes the items whose {@code pk} starts with a prefix. The table is keyed by {@code pk} alone, so
 * finding them is a filtered scan: it reads the whole table, which holds at most a day of keys and an
 * hour of counters (TTL), and runs only when a person's data is deleted.
 */
public final class PrefixDeletion {
  /** What a function's role must allow on the table to forget a user (template.yaml is checked against it). */
  public static final List<String> IAM_ACTIONS = List.of("dynamodb:Scan", "dynamodb:DeleteItem");

  private PrefixDeletion() {}

  static int deleteItems(DynamoDbClient dynamo, String table, String prefix) {
    int deleted = 0;
    var pages =
        dynamo.scanPaginator(
            r ->
                r.tableName(table)
                    .projectionExpression("pk")
                    .filterExpression("begins_with(pk, :prefix)")
                    .expressionAttributeValues(Map.of(":prefix", AttributeValue.fromS(prefix))));
    for (var page : pages) {
      for (Map<String, AttributeValue> item : page.items()) {
        dynamo.deleteItem(r -> r.tableName(table).key(Map.of("pk", item.get("pk"))));
        deleted++;
      }
    }
    return deleted;
  }
}
