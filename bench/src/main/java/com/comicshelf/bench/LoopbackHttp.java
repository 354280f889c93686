package com.comicshelf.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The least an HTTP/1.1 client can do: one kept-alive socket, a POST written in one go, the answer read
 * by its Content-Length. Used to time the local Data API endpoint without the AWS SDK in front of it.
 */
final class LoopbackHttp implements AutoCloseable {
  private final URI base;
  private Socket socket;
  private OutputStream out;
  private InputStream in;

  LoopbackHttp(URI base) {
    this.base = base;
  }

  /** POSTs {@code json} to {@code path}; returns the status and the body. */
  Response post(String path, String json) {
    try {
      if (socket == null) {
        socket = new Socket(base.getHost(), base.getPort());
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream());
      }
      byte[] body = json.getBytes(StandardCharsets.UTF_8);
      String head =
          "POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
              + "\r\nContent-Type: application/x-amz-json-1.1\r\nContent-Length: " + body.length + "\r\n\r\n";
      byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
      byte[] request = new byte[headBytes.length + body.length];
      System.arraycopy(headBytes, 0, request, 0, headBytes.length);
      System.arraycopy(body, 0, request, headBytes.length, body.length);
      out.write(request);
      out.flush();
      return read();
    } catch (IOException e) {
      close();
      throw new UncheckedIOException(e);
    }
  }

  private Response read() throws IOException {
    String status = line();
    int code = Integer.parseInt(status.split(" ")[1]);
    int length = -1;
    for (String header = line(); !header.isEmpty(); header = line()) {
      String lower = header.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        length = Integer.parseInt(lower.substring("content-length:".length()).strip());
      }
    }
    if (length < 0) {
      throw new IOException("no Content-Length in the answer");
    }
    byte[] body = in.readNBytes(length);
    return new Response(code, new String(body, StandardCharsets.UTF_8));
  }

  private String line() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      if (c != '\r') {
        bytes.write(c);
      }
    }
    if (c == -1 && bytes.size() == 0) {
      throw new IOException("connection closed");
    }
    return bytes.toString(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing anyway
      }
      socket = null;
    }
  }

  record Response(int status, String body) {}
}
