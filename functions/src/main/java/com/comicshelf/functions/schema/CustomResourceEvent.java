package com.comicshelf.functions.schema;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * The fields of a CloudFormation custom resource request the migration function needs.
 *
 * @param requestType {@code Create}, {@code Update} or {@code Delete}
 * @param responseUrl the presigned S3 URL CloudFormation waits on for the answer
 */
record CustomResourceEvent(
    String requestType,
    URI responseUrl,
    String stackId,
    String requestId,
    String logicalResourceId,
    Optional<String> physicalResourceId) {

  /** The event in {@code input}, or null when the function was invoked directly. */
  static CustomResourceEvent from(Map<String, Object> input) {
    if (input == null || !(input.get("RequestType") instanceof String type) || !(input.get("ResponseURL") instanceof String url)) {
      return null;
    }
    return new CustomResourceEvent(
        type,
        URI.create(url),
        text(input, "StackId"),
        text(input, "RequestId"),
        text(input, "LogicalResourceId"),
        Optional.ofNullable(input.get("PhysicalResourceId")).map(Object::toString));
  }

  private static String text(Map<String, Object> input, String key) {
    Object value = input.get(key);
    if (value == null) {
      throw new IllegalArgumentException("custom resource event without " + key);
    }
    return value.toString();
  }
}
