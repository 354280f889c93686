package com.comicshelf.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Assertions on handler responses: status, content type and body, every time. */
public final class HttpAssertions {
  private static final ObjectMapper JSON = new ObjectMapper();

  private HttpAssertions() {}

  /** Asserts a JSON success response and returns its parsed body. */
  public static JsonNode assertJson(APIGatewayV2HTTPResponse response, int status) {
    assertThat(response.getStatusCode()).as("status; body %s", response.getBody()).isEqualTo(status);
    assertThat(response.getHeaders()).containsEntry("content-type", "application/json");
    return parse(response);
  }

  /** Asserts an RFC 9457 problem response whose detail mentions {@code detailFragment}. */
  public static JsonNode assertProblem(APIGatewayV2HTTPResponse response, int status, String detailFragment) {
    assertThat(response.getStatusCode()).as("status; body %s", response.getBody()).isEqualTo(status);
    assertThat(response.getHeaders()).containsEntry("content-type", "application/problem+json");
    JsonNode body = parse(response);
    assertThat(body.path("status").asInt()).isEqualTo(status);
    assertThat(body.path("title").asText()).isNotBlank();
    assertThat(body.path("detail").asText()).contains(detailFragment);
    assertThat(response.getBody()).doesNotContain("Exception").doesNotContain("\tat ");
    return body;
  }

  private static JsonNode parse(APIGatewayV2HTTPResponse response) {
    try {
      return JSON.readTree(response.getBody());
    } catch (Exception e) {
      throw new AssertionError("body is not JSON: " + response.getBody(), e);
    }
  }
}
