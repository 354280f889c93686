package com.comicshelf.local.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** Plain HTTP calls to the gateway, and the percent-encoding that puts any text into a URL. */
final class Api {
  static final ObjectMapper JSON = new ObjectMapper();
  /** Far beyond any honest answer; a request that ran {@code SLEEP(5)} a few times still arrives. */
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** What came back. */
  record Reply(int status, String contentType, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (" + status + ", " + contentType + "): " + body, e);
      }
    }

    @Override
    public String toString() {
      return status + " " + contentType + " " + body;
    }
  }

  private final GatewayUnderTest gateway;

  Api(GatewayUnderTest gateway) {
    this.gateway = gateway;
  }

  /**
   * Sends {@code method pathAndQuery} with {@code authorization} as the whole header value (none when
   * empty) and {@code jsonBody} as an {@code application/json} body (none when null).
   *
   * <p>Plain HTTP/1.1 over a fresh socket with {@code Connection: close}: the gateway's JDK HTTP server
   * leaves Nagle's algorithm on, so on a kept-alive connection each answer waits ~40 ms for the client's
   * delayed ACK (java.net.http reuses connections and will not send {@code Connection: close}). A new
   * loopback connection per request answers in a few milliseconds, which is what keeps ~800 rows fast.
   */
  Reply send(String method, String pathAndQuery, Optional<String> authorization, String jsonBody) {
    return send(method, pathAndQuery, authorization, jsonBody, "application/json");
  }

  /** {@link #send} with a body of another media type, e.g. a Facebook callback's form. */
  Reply send(String method, String pathAndQuery, Optional<String> authorization, String textBody, String contentType) {
    URI uri = gateway.uri(pathAndQuery);
    String jsonBody = textBody;
    byte[] body = jsonBody == null ? new byte[0] : jsonBody.getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder();
    head.append(method).append(' ').append(uri.getRawPath())
        .append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()).append(" HTTP/1.1\r\n")
        .append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n")
        .append("Connection: close\r\n");
    authorization.ifPresent(value -> head.append("Authorization: ").append(value).append("\r\n"));
    if (jsonBody != null) {
      head.append("Content-Type: ").append(contentType).append("\r\n");
    }
    if (jsonBody != null || !method.equals("GET")) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("\r\n");
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      socket.setSoTimeout((int) TIMEOUT.toMillis());
      socket.setTcpNoDelay(true);
      OutputStream out = socket.getOutputStream();
      ByteArrayOutputStream request = new ByteArrayOutputStream();
      request.write(head.toString().getBytes(StandardCharsets.UTF_8));
      request.write(body);
      out.write(request.toByteArray());
      out.flush();
      return parse(socket.getInputStream().readAllBytes(), method + " " + pathAndQuery);
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + pathAndQuery + " got no answer", e);
    }
  }

  /** Status line, headers (only content-type and content-length matter here) and body. */
  private static Reply parse(byte[] response, String request) {
    int end = -1;
    for (int i = 0; i + 3 < response.length; i++) {
      if (response[i] == '\r' && response[i + 1] == '\n' && response[i + 2] == '\r' && response[i + 3] == '\n') {
        end = i;
        break;
      }
    }
    if (end < 0) {
      throw new IllegalStateException(request + ": no complete HTTP answer: " + new String(response, StandardCharsets.UTF_8));
    }
    String[] lines = new String(response, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    String contentType = "";
    int length = response.length - end - 4;
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = lines[i].substring(colon + 1).trim();
      if (name.equals("content-type")) {
        contentType = value;
      } else if (name.equals("content-length")) {
        length = Integer.parseInt(value);
      } else if (name.equals("transfer-encoding")) {
        throw new IllegalStateException(request + ": chunked answers are not expected from the gateway");
      }
    }
    return new Reply(status, contentType, new String(response, end + 4, length, StandardCharsets.UTF_8));
  }

  /**
   * {@code text} percent-encoded as UTF-8, every byte but RFC 3986's unreserved characters escaped, so
   * it survives as one path segment or one query value exactly ({@code +} becomes {@code %2B}, never a
   * space; {@code /} becomes {@code %2F}, never a segment break).
   */
  static String encode(String text) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }

  /** {@code value} as a JSON string literal, quotes included. */
  static String jsonString(String value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
