package com.comicshelf.functions.schema;

import com.comicshelf.http.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Answers CloudFormation: a JSON document PUT to the request's presigned URL. Until it arrives the
 * stack waits (up to an hour), so every path of the handler answers, failures included.
 */
class CustomResourceResponder {
  /** Stable across updates, so CloudFormation never replaces (and deletes) the schema resource. */
  static final String PHYSICAL_ID = "comic-shelf-database-schema";
  private static final int MAX_REASON = 1000;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  void succeed(CustomResourceEvent event, Map<String, Object> data) {
    send(event, "SUCCESS", "see the function's log", data);
  }

  void fail(CustomResourceEvent event, String reason) {
    send(event, "FAILED", reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason, Map.of());
  }

  private void send(CustomResourceEvent event, String status, String reason, Map<String, Object> data) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("Status", status);
    body.put("Reason", reason);
    body.put("PhysicalResourceId", event.physicalResourceId().orElse(PHYSICAL_ID));
    body.put("StackId", event.stackId());
    body.put("RequestId", event.requestId());
    body.put("LogicalResourceId", event.logicalResourceId());
    body.put("Data", data);
    try {
      // No content type: the presigned URL was signed without one.
      HttpRequest request =
          HttpRequest.newBuilder(event.responseUrl())
              .timeout(Duration.ofSeconds(10))
              .PUT(HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(body)))
              .build();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException("CloudFormation's response URL answered " + response.statusCode());
      }
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("custom resource response not serialisable", e);
    } catch (IOException e) {
      throw new IllegalStateException("cannot answer CloudFormation at its response URL", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while answering CloudFormation", e);
    }
  }
}
