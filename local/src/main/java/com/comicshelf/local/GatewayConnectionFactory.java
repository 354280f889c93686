package com.comicshelf.local;

import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.internal.HttpConnection;

/**
 * Jetty's HTTP/1.1 connections, taking two request targets that no compliance setting lets through
 * to a handler, each noted in a connection attribute that {@link GatewayServer} reads.
 *
 * <p>A percent-encoded NUL ({@code %00}) in the path: Jetty's {@code HttpURI} refuses it outright, but
 * API Gateway passes it to the route like any other byte (the handlers then refuse such ids). Jetty
 * checks the path with {@code %01} in its place, equally suspicious, and the route sees the path as sent.
 *
 * <p>A target Jetty cannot parse at all (a bad percent-encoding, {@code ..} above the root): Jetty
 * would answer it as a request it made up, {@code GET /badMessage}, so even the answer to a HEAD
 * request would carry a body the client then reads as the next response. Here the request keeps its
 * method, and the gateway answers it 400 itself.
 */
final class GatewayConnectionFactory extends HttpConnectionFactory {
  /** Connection attribute: the current request's path as sent, when it held {@code %00}. */
  static final String RAW_PATH = GatewayConnectionFactory.class.getName() + ".rawPath";
  /** Connection attribute: why the current request's target is not a URI. */
  static final String BAD_TARGET = GatewayConnectionFactory.class.getName() + ".badTarget";

  GatewayConnectionFactory(HttpConfiguration configuration) {
    super(configuration);
  }

  @Override
  public Connection newConnection(Connector connector, EndPoint endPoint) {
    HttpConnection connection = new HttpConnection(getHttpConfiguration(), connector, endPoint) {
      @Override
      protected HttpStreamOverHTTP1 newHttpStream(String method, String target, HttpVersion version) {
        // One request at a time per HTTP/1.1 connection: the attributes describe the request being read.
        removeAttribute(RAW_PATH);
        removeAttribute(BAD_TARGET);
        String checked = target;
        if (target != null && target.startsWith("/")) {
          int queryAt = target.indexOf('?');
          String path = queryAt < 0 ? target : target.substring(0, queryAt);
          if (path.contains("%00")) {
            setAttribute(RAW_PATH, path);
            checked = path.replace("%00", "%01") + target.substring(path.length());
          }
        }
        try {
          return super.newHttpStream(method, checked, version);
        } catch (IllegalArgumentException e) {
          // Jetty's message may quote the target; the client is told in words of our own.
          setAttribute(BAD_TARGET, e instanceof NumberFormatException
              ? "the request target has a malformed percent-encoding"
              : "the request target is not a valid URI (is there a '..' above the root?)");
          return super.newHttpStream(method, "/", version);
        }
      }
    };
    connection.setTransferEncodingChunkMaxLength(getTransferEncodingChunkMaxLength());
    return configure(connection, connector, endPoint);
  }
}
