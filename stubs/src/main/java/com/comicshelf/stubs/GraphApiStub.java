package com.comicshelf.stubs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A stand-in for the Graph API's {@code GET /me/friends} on localhost, shaped like the real one
 * (cursor pages with {@code paging.next}, OAuth error 190 for unknown tokens). The local gateway
 * serves its demo social graph through it; tests use it to exercise paging and failures.
 */
public final class GraphApiStub implements AutoCloseable {
  /** Maps an access token to its owner's friends; empty for a token the stub does not know. */
  @FunctionalInterface
  public interface Directory {
    Optional<List<Friend>> friendsOf(String accessToken);
  }

  /** A friend as {@code /me/friends} lists them. */
  public record Friend(long id, String name) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final Directory directory;
  private final int pageSize;
  private volatile int failingPage = -1;

  private GraphApiStub(HttpServer server, Directory directory, int pageSize) {
    this.server = server;
    this.directory = directory;
    this.pageSize = pageSize;
  }

  /** Starts on 127.0.0.1:{@code port} (0 for any free port), {@code pageSize} friends per page. */
  public static GraphApiStub start(int port, int pageSize, Directory directory) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    GraphApiStub stub = new GraphApiStub(server, directory, pageSize);
    server.createContext("/", stub::handle);
    server.start();
    return stub;
  }

  /** The base URL to configure as {@code COMICSHELF_GRAPH_API_BASE_URL}. */
  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v21.0");
  }

  /** Makes page {@code page} (0-based) answer with a server error, as Facebook sometimes does. */
  public void failOnPage(int page) {
    this.failingPage = page;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Map<String, String> query = parseQuery(exchange.getRequestURI().getRawQuery());
      if (!exchange.getRequestURI().getPath().endsWith("/me/friends")) {
        send(exchange, 404, error(803, "Unknown path", "OAuthException"));
        return;
      }
      Optional<List<Friend>> friends = directory.friendsOf(query.getOrDefault("access_token", ""));
      if (friends.isEmpty()) {
        send(exchange, 400, error(190, "Error validating access token: Session has expired.", "OAuthException"));
        return;
      }
      int offset = Integer.parseInt(query.getOrDefault("after", "0"));
      int page = offset / pageSize;
      if (page == failingPage) {
        send(exchange, 500, error(2, "An unexpected error has occurred. Please retry your request later.", "OAuthException"));
        return;
      }
      List<Friend> all = friends.get();
      ObjectNode body = JSON.createObjectNode();
      ArrayNode data = body.putArray("data");
      for (Friend f : all.subList(Math.min(offset, all.size()), Math.min(offset + pageSize, all.size()))) {
        data.addObject().put("id", Long.toString(f.id())).put("name", f.name());
      }
      ObjectNode paging = body.putObject("paging");
      paging.putObject("cursors").put("before", Integer.toString(offset)).put("after", Integer.toString(offset + pageSize));
      if (offset + pageSize < all.size()) {
        paging.put(
            "next",
            baseUrl()
                + "/me/friends?fields=id,name&limit="
                + pageSize
                + "&access_token="
                + query.get("access_token")
                + "&after="
                + (offset + pageSize));
      }
      body.putObject("summary").put("total_count", all.size());
      send(exchange, 200, body);
    }
  }

  private static ObjectNode error(int code, String message, String type) {
    ObjectNode body = JSON.createObjectNode();
    body.putObject("error").put("message", message).put("type", type).put("code", code).put("fbtrace_id", "stub");
    return body;
  }

  private static void send(HttpExchange exchange, int status, ObjectNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("content-type", "application/json; charset=UTF-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Map<String, String> parseQuery(String raw) {
    Map<String, String> params = new HashMap<>();
    if (raw == null) {
      return params;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        params.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return params;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
