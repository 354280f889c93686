package com.comicshelf.graph;

import com.comicshelf.friends.FriendProfile;
import com.comicshelf.friends.FriendSource;
import com.comicshelf.friends.FriendSourceException;
import com.comicshelf.friends.FriendSourceException.Kind;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link FriendSource} over the Facebook Graph API: {@code GET /me/friends}, following {@code
 * paging.next} to the last page. Only friends who also use the app are listed, which is what the
 * ranking wants. {@code next} links are followed only on the configured host, so a page cannot send
 * the user's token elsewhere.
 */
public final class GraphApiFriendSource implements FriendSource {
  /** Facebook caps friend lists at 5,000; 100 pages of the largest page size is far beyond it. */
  private static final int MAX_PAGES = 100;
  private static final int PAGE_SIZE = 500;
  /** Graph API error code for an invalid or expired access token. */
  private static final int OAUTH_ERROR = 190;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI baseUrl;
  private final HttpClient http;
  private final Duration timeout;

  public GraphApiFriendSource(URI baseUrl, HttpClient http, Duration timeout) {
    String base = baseUrl.toString();
    this.baseUrl = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    this.http = http;
    this.timeout = timeout;
  }

  @Override
  public List<FriendProfile> friendsOf(String accessToken) {
    List<FriendProfile> friends = new ArrayList<>();
    URI next =
        URI.create(
            baseUrl
                + "/me/friends?fields=id,name&limit="
                + PAGE_SIZE
                + "&access_token="
                + URLEncoder.encode(accessToken, StandardCharsets.UTF_8));
    for (int pages = 0; next != null; pages++) {
      if (pages == MAX_PAGES) {
        throw new FriendSourceException(Kind.UNAVAILABLE, "more than " + MAX_PAGES + " pages", null);
      }
      JsonNode page = get(next);
      for (JsonNode friend : page.path("data")) {
        friends.add(parseFriend(friend));
      }
      next = nextPage(page);
    }
    return friends;
  }

  private JsonNode get(URI uri) {
    HttpResponse<byte[]> response;
    try {
      response =
          http.send(
              HttpRequest.newBuilder(uri).timeout(timeout).header("accept", "application/json").GET().build(),
              HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new FriendSourceException(Kind.UNAVAILABLE, "Graph API unreachable", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FriendSourceException(Kind.UNAVAILABLE, "interrupted", e);
    }
    JsonNode body;
    try {
      body = JSON.readTree(response.body());
    } catch (IOException e) {
      throw new FriendSourceException(Kind.UNAVAILABLE, "Graph API answered " + response.statusCode() + " with no JSON", e);
    }
    JsonNode error = body == null ? null : body.get("error");
    if (error != null) {
      Kind kind = error.path("code").asInt() == OAUTH_ERROR ? Kind.TOKEN_REJECTED : Kind.UNAVAILABLE;
      throw new FriendSourceException(kind, "Graph API error " + error.path("code").asInt() + ": " + error.path("message").asText(), null);
    }
    if (response.statusCode() != 200 || body == null || !body.path("data").isArray()) {
      throw new FriendSourceException(Kind.UNAVAILABLE, "Graph API answered " + response.statusCode(), null);
    }
    return body;
  }

  private static FriendProfile parseFriend(JsonNode friend) {
    String id = friend.path("id").asText();
    if (!id.matches("[1-9][0-9]{0,18}")) {
      throw new FriendSourceException(Kind.UNAVAILABLE, "friend without a numeric id", null);
    }
    try {
      return new FriendProfile(Long.parseLong(id), friend.path("name").isTextual() ? friend.path("name").asText() : null);
    } catch (NumberFormatException e) {
      throw new FriendSourceException(Kind.UNAVAILABLE, "friend id out of range", e);
    }
  }

  private URI nextPage(JsonNode page) {
    JsonNode next = page.path("paging").path("next");
    if (!next.isTextual() || next.asText().isEmpty()) {
      return null;
    }
    URI uri;
    try {
      uri = URI.create(next.asText());
    } catch (IllegalArgumentException e) {
      throw new FriendSourceException(Kind.UNAVAILABLE, "invalid paging.next", e);
    }
    if (!baseUrl.getScheme().equals(uri.getScheme())
        || !baseUrl.getHost().equalsIgnoreCase(uri.getHost())
        || baseUrl.getPort() != uri.getPort()) {
      throw new FriendSourceException(Kind.UNAVAILABLE, "paging.next points to another host", null);
    }
    return uri;
  }
}
