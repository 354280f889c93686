package com.comicshelf.local.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, so a request can be anything at all: the bytes are sent as given,
 * the connection is half-closed, and everything the server answers until it closes is read and split
 * into responses (interim 1xx ones dropped).
 */
final class RawHttp {
  private RawHttp() {}

  /** One response as it came over the wire. */
  record Response(int status, Map<String, List<String>> headers, byte[] body) {
    String header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null || values.isEmpty() ? null : values.get(0);
    }

    String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      String text = bodyText();
      return status + " " + headers + " " + (text.length() > 300 ? text.substring(0, 300) + "…" : text);
    }
  }

  /** What came back for one connection: the responses, and whether the server cut a response short. */
  record Exchange(List<Response> responses, String problem, byte[] raw) {}

  /** Sends {@code request} on a fresh connection and reads until the server closes it (or {@code timeout}). */
  static Exchange send(int port, byte[] request, Duration timeout) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout((int) timeout.toMillis());
      socket.setTcpNoDelay(true);
      OutputStream out = socket.getOutputStream();
      try {
        out.write(request);
        out.flush();
        socket.shutdownOutput();
      } catch (IOException serverClosedEarly) {
        // The server may answer and close before reading everything (e.g. a rejected head): read what it said.
      }
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      String problem = null;
      try {
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[16384];
        long deadline = System.nanoTime() + timeout.toNanos();
        int n;
        while ((n = in.read(buffer)) >= 0) {
          received.write(buffer, 0, n);
          if (System.nanoTime() > deadline) {
            problem = "the server kept the connection open past " + timeout;
            break;
          }
        }
      } catch (SocketTimeoutException e) {
        problem = "no end of the answer within " + timeout;
      } catch (IOException e) {
        // A reset after the answers is how some servers close; the answers read so far still count.
        if (received.size() == 0) {
          problem = "the connection was reset: " + e.getMessage();
        }
      }
      byte[] raw = received.toByteArray();
      List<Response> responses = new ArrayList<>();
      String parseProblem = parse(raw, head(request), responses);
      return new Exchange(responses, problem != null ? problem : parseProblem, raw);
    }
  }

  /** The request's first line, to know a HEAD request's responses carry no body. */
  private static String head(byte[] request) {
    int end = 0;
    while (end < request.length && request[end] != '\r' && request[end] != '\n') {
      end++;
    }
    return new String(request, 0, end, StandardCharsets.ISO_8859_1);
  }

  private static String parse(byte[] raw, String requestLine, List<Response> out) {
    int at = 0;
    boolean head = requestLine.startsWith("HEAD ");
    while (at < raw.length) {
      int end = indexOf(raw, at, "\r\n\r\n");
      if (end < 0) {
        return "an incomplete response head: " + new String(raw, at, Math.min(200, raw.length - at), StandardCharsets.ISO_8859_1);
      }
      String[] lines = new String(raw, at, end - at, StandardCharsets.ISO_8859_1).split("\r\n");
      String[] statusLine = lines[0].split(" ", 3);
      if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
        return "not an HTTP response: " + lines[0];
      }
      int status;
      try {
        status = Integer.parseInt(statusLine[1]);
      } catch (NumberFormatException e) {
        return "not a status: " + lines[0];
      }
      Map<String, List<String>> headers = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        if (colon <= 0) {
          return "a malformed response header: " + lines[i];
        }
        headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
            .add(lines[i].substring(colon + 1).trim());
      }
      at = end + 4;
      if (status < 200) {
        continue;
      }
      byte[] body;
      String length = first(headers, "content-length");
      String transfer = first(headers, "transfer-encoding");
      if (head || status == 204 || status == 304) {
        body = new byte[0];
      } else if (transfer != null && transfer.equalsIgnoreCase("chunked")) {
        ByteArrayOutputStream chunks = new ByteArrayOutputStream();
        while (true) {
          int lineEnd = indexOf(raw, at, "\r\n");
          if (lineEnd < 0) {
            return "a chunked body cut short";
          }
          int size;
          try {
            size = Integer.parseInt(new String(raw, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].trim(), 16);
          } catch (NumberFormatException e) {
            return "a malformed chunk size";
          }
          at = lineEnd + 2;
          if (size == 0) {
            int trailerEnd = indexOf(raw, at, "\r\n");
            at = trailerEnd < 0 ? raw.length : trailerEnd + 2;
            break;
          }
          if (at + size > raw.length) {
            return "a chunk cut short";
          }
          chunks.write(raw, at, size);
          at += size + 2;
        }
        body = chunks.toByteArray();
      } else if (length != null) {
        int n;
        try {
          n = Integer.parseInt(length);
        } catch (NumberFormatException e) {
          return "a malformed content-length " + length;
        }
        if (at + n > raw.length) {
          return "a body cut short: " + (raw.length - at) + " of " + n + " bytes";
        }
        body = java.util.Arrays.copyOfRange(raw, at, at + n);
        at += n;
      } else {
        body = java.util.Arrays.copyOfRange(raw, at, raw.length);
        at = raw.length;
      }
      out.add(new Response(status, headers, body));
    }
    return null;
  }

  private static String first(Map<String, List<String>> headers, String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static int indexOf(byte[] data, int from, String what) {
    byte[] needle = what.getBytes(StandardCharsets.ISO_8859_1);
    outer:
    for (int i = from; i <= data.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (data[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
