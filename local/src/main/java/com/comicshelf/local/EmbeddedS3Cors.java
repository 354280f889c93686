package com.comicshelf.local;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * The embedded S3 server's CORS rule, the local twin of the bucket's {@code WidgetUploads} rule in
 * {@code template.yaml}: a browser page may {@code PUT} to a presigned URL (with {@code content-type}
 * and {@code x-amz-*} headers) and read the {@code ETag}; nothing else is allowed cross-origin. S3Mock
 * has no CORS support of its own, so this servlet filter runs in front of it (registered as a Spring
 * source by {@link EmbeddedS3}).
 *
 * <p>In AWS the allowed origin is exactly the stack's {@code WidgetOrigin}. Locally the widget's origin
 * is the gateway's, whose port may be picked at start ({@code --port 0}), so any loopback origin
 * ({@code http://localhost:*}, {@code http://127.0.0.1:*}, {@code http://[::1]:*}) is allowed, and
 * every other origin refused as S3 refuses it: a preflight gets 403 and no {@code Access-Control-*}
 * header, so the browser blocks the request.
 */
final class EmbeddedS3Cors implements Filter {
  static final Set<String> ALLOWED_METHODS = Set.of("PUT");
  static final String MAX_AGE_SECONDS = "3000";
  static final String EXPOSED_HEADERS = "ETag";

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) res;
    String origin = request.getHeader("Origin");
    String requestedMethod = request.getHeader("Access-Control-Request-Method");
    if (origin == null) {
      chain.doFilter(req, res);
      return;
    }
    response.addHeader("Vary", "Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
    if ("OPTIONS".equals(request.getMethod()) && requestedMethod != null) {
      preflight(response, origin, requestedMethod, request.getHeader("Access-Control-Request-Headers"));
      return;
    }
    if (allowedOrigin(origin) && ALLOWED_METHODS.contains(request.getMethod())) {
      response.setHeader("Access-Control-Allow-Origin", origin);
      response.setHeader("Access-Control-Expose-Headers", EXPOSED_HEADERS);
    }
    chain.doFilter(req, res);
  }

  private static void preflight(HttpServletResponse response, String origin, String method, String headers)
      throws IOException {
    if (!allowedOrigin(origin) || !ALLOWED_METHODS.contains(method) || !allowedHeaders(headers)) {
      // S3's answer to a preflight no rule matches.
      byte[] body =
          ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessForbidden</Code>"
                  + "<Message>CORSResponse: This CORS request is not allowed.</Message></Error>")
              .getBytes(StandardCharsets.UTF_8);
      response.setStatus(403);
      response.setContentType("application/xml");
      response.setContentLength(body.length);
      response.getOutputStream().write(body);
      return;
    }
    response.setStatus(200);
    response.setHeader("Access-Control-Allow-Origin", origin);
    response.setHeader("Access-Control-Allow-Methods", String.join(", ", ALLOWED_METHODS));
    if (headers != null && !headers.isBlank()) {
      response.setHeader("Access-Control-Allow-Headers", headers);
    }
    response.setHeader("Access-Control-Expose-Headers", EXPOSED_HEADERS);
    response.setHeader("Access-Control-Max-Age", MAX_AGE_SECONDS);
    response.setContentLength(0);
  }

  /** A loopback origin over http or https, any port. */
  static boolean allowedOrigin(String origin) {
    try {
      URI uri = URI.create(origin);
      String host = uri.getHost();
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && host != null
          && (uri.getPath() == null || uri.getPath().isEmpty())
          && (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]"));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** As the bucket rule's {@code AllowedHeaders: [content-type, x-amz-*]}. */
  static boolean allowedHeaders(String requested) {
    if (requested == null || requested.isBlank()) {
      return true;
    }
    return Arrays.stream(requested.split(","))
        .map(h -> h.strip().toLowerCase(Locale.ROOT))
        .filter(h -> !h.isEmpty())
        .allMatch(h -> h.equals("content-type") || h.startsWith("x-amz-"));
  }
}
