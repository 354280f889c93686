package com.comicshelf.local;

import java.util.Optional;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's answer to every request it rejects itself (a bad request line, URI, header or body framing)
 * and to any failure no handler answered: an RFC 9457 problem+json document, never Jetty's HTML page.
 */
final class ProblemErrorHandler extends ErrorHandler {
  /** Longest detail taken from Jetty's reason; a reason may quote what the client sent. */
  private static final int MAX_DETAIL = 200;

  private final Optional<OpenApiGatewayCheck> check;

  ProblemErrorHandler(Optional<OpenApiGatewayCheck> check) {
    this.check = check;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    HttpException http = HttpException.asHttpException((Throwable) request.getAttribute(ERROR_EXCEPTION));
    String reason = (String) request.getAttribute(ERROR_MESSAGE);
    int status = request.getAttribute(ERROR_STATUS) instanceof Integer code ? code : response.getStatus();
    if (http != null) {
      status = http.getCode();
      reason = reason == null ? http.getReason() : reason;
      if (status >= 500) {
        // Jetty's 5xx for a message it cannot take is still the client's mistake (501 for an unknown
        // Transfer-Encoding, 505 for an HTTP version other than 1.x): the gateway itself is fine.
        status = 400;
      }
    }
    if (status < 400) {
      status = 500;
    }
    Answer answer = Answer.problem(status, HttpStatus.getMessage(status), detail(reason, status));
    // Answered before any route was chosen: checked against the gateway's own answers.
    check.ifPresent(c -> c.beforeRouting(request.getMethod(), pathOf(request), answer));
    GatewayServer.send(answer, response, callback);
    return true;
  }

  private static String pathOf(Request request) {
    try {
      return request.getHttpURI() == null ? null : request.getHttpURI().getPath();
    } catch (RuntimeException unparsable) {
      return null;
    }
  }

  /**
   * Jetty's reason when it is a plain sentence (e.g. "Ambiguous URI path separator", "Duplicate
   * Content-Length"), printable ASCII only and short; otherwise a generic one naming the status.
   */
  private static String detail(String reason, int status) {
    if (reason == null || reason.isBlank() || reason.contains("Exception") || reason.contains("java.")) {
      return status == 400 ? "the request is malformed" : "the request was refused (" + status + ")";
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < reason.length() && out.length() < MAX_DETAIL; i++) {
      char c = reason.charAt(i);
      out.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return out.toString();
  }
}
