package com.comicshelf.observability;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import software.amazon.cloudwatchlogs.emf.model.DimensionSet;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.cloudwatchlogs.emf.model.Unit;

/**
 * One structured JSON line per request, which is also a CloudWatch Embedded Metric Format document:
 * CloudWatch keeps it as a log event (request id, route, status, latency, the user as a pseudonym;
 * never a token, a body or a secret) and extracts the request metrics from it, by route and overall.
 * What {@link Telemetry} collected during the request follows as one more line per kind of metric.
 *
 * <p>Lines go to standard output, which Lambda sends to the function's log group. The system property
 * {@value #SINK_PROPERTY} {@code = off} silences them (the local gateway prints its own access log).
 */
public final class RequestLog {
  /** The CloudWatch namespace of every metric; the template's dashboard and alarms read it. */
  public static final String NAMESPACE = "ComicShelf";

  public static final String REQUESTS = "Requests";
  public static final String CLIENT_ERRORS = "ClientErrors";
  public static final String SERVER_ERRORS = "ServerErrors";
  public static final String LATENCY = "Latency";
  public static final String RANKING_LATENCY = "RankingLatency";
  public static final String FAN_OUT_ROWS = "FanOutRows";
  public static final String UPLOADS = "Uploads";
  public static final String DATABASE_RESUME_WAITS = "DatabaseResumeWaits";
  /** Every metric name this class writes, for the template test. */
  public static final List<String> METRICS =
      List.of(REQUESTS, CLIENT_ERRORS, SERVER_ERRORS, LATENCY, RANKING_LATENCY, FAN_OUT_ROWS, UPLOADS, DATABASE_RESUME_WAITS);
  /**
   * The dimension each metric is written with (besides none at all, for the request metrics), which the
   * template's dashboard and alarms must name; the template test reads it.
   */
  public static final Map<String, String> DIMENSION_OF =
      Map.of(
          REQUESTS, "Route", CLIENT_ERRORS, "Route", SERVER_ERRORS, "Route", LATENCY, "Route",
          RANKING_LATENCY, "RankingPath", FAN_OUT_ROWS, "Write", UPLOADS, "Outcome");

  public static final String SINK_PROPERTY = "comicshelf.requestLog";

  private static final Consumer<String> OFF = line -> {};
  private static volatile Consumer<String> sink =
      "off".equals(System.getProperty(SINK_PROPERTY)) ? OFF : RequestLog::toStandardOutput;

  private RequestLog() {}

  /** Where lines go instead of standard output (tests read them); returns the previous sink. */
  public static Consumer<String> sendTo(Consumer<String> lines) {
    Consumer<String> previous = sink;
    sink = lines;
    return previous;
  }

  /** Who served the request and for whom; filled in as the request is read. */
  public record Request(String route, String requestId, String lambdaRequestId, String userId) {}

  /**
   * Runs {@code work} as {@code request}, with a {@link Telemetry} context open, and writes its lines
   * when it returns (or throws: the line then says 500 and the exception propagates).
   */
  public static <T> T around(Request request, Supplier<T> work, ToIntFunction<T> statusOf) {
    if (sink == OFF) {
      // Nothing would be written (the local gateway, the tests): no measuring, no JSON per request.
      return work.get();
    }
    long started = System.nanoTime();
    Telemetry telemetry = Telemetry.open();
    int status = 500;
    try {
      T answer = work.get();
      status = statusOf.applyAsInt(answer);
      return answer;
    } finally {
      Telemetry.close();
      write(request, status, Duration.ofNanos(System.nanoTime() - started), telemetry);
    }
  }

  static void write(Request request, int status, Duration latency, Telemetry telemetry) {
    try {
      MetricsContext line = context(request);
      line.setDimensions(DimensionSet.of(DIMENSION_OF.get(REQUESTS), request.route()), new DimensionSet());
      line.putMetric(REQUESTS, 1, Unit.COUNT);
      line.putMetric(CLIENT_ERRORS, status >= 400 && status < 500 ? 1 : 0, Unit.COUNT);
      line.putMetric(SERVER_ERRORS, status >= 500 ? 1 : 0, Unit.COUNT);
      line.putMetric(LATENCY, millis(latency), Unit.MILLISECONDS);
      line.putProperty("level", status >= 500 ? "ERROR" : "INFO");
      line.putProperty("message", request.route() + " " + status + " " + Math.round(millis(latency)) + " ms");
      line.putProperty("status", status);
      line.putProperty("latencyMs", millis(latency));
      emit(line);
      for (var ranking : telemetry.rankings.entrySet()) {
        emit(metric(request, ranking.getKey().dimension, RANKING_LATENCY, millis(ranking.getValue()), Unit.MILLISECONDS));
      }
      for (var fanOut : telemetry.fanOut.entrySet()) {
        emit(metric(request, fanOut.getKey().dimension, FAN_OUT_ROWS, fanOut.getValue(), Unit.COUNT));
      }
      for (var upload : telemetry.uploads.entrySet()) {
        emit(metric(request, upload.getKey(), UPLOADS, upload.getValue(), Unit.COUNT));
      }
      if (telemetry.databaseResumeWaits > 0) {
        MetricsContext resumes = context(request);
        resumes.setDimensions(new DimensionSet());
        resumes.putMetric(DATABASE_RESUME_WAITS, telemetry.databaseResumeWaits, Unit.COUNT);
        emit(resumes);
      }
    } catch (RuntimeException | JsonProcessingException e) {
      // Telemetry never fails a request; a broken line is worth a line of its own.
      sink.accept("{\"level\":\"WARN\",\"message\":\"request log failed: " + e.getClass().getSimpleName() + "\"}");
    }
  }

  private static MetricsContext metric(Request request, String value, String name, double amount, Unit unit) {
    MetricsContext line = context(request);
    line.setDimensions(DimensionSet.of(DIMENSION_OF.get(name), value));
    line.putMetric(name, amount, unit);
    return line;
  }

  private static MetricsContext context(Request request) {
    MetricsContext line = new MetricsContext();
    line.setNamespace(NAMESPACE);
    line.putProperty("route", request.route());
    if (request.requestId() != null) {
      line.putProperty("requestId", request.requestId());
    }
    if (request.lambdaRequestId() != null) {
      line.putProperty("lambdaRequestId", request.lambdaRequestId());
    }
    if (request.userId() != null) {
      line.putProperty("user", pseudonym(request.userId()));
    }
    return line;
  }

  private static void emit(MetricsContext line) throws JsonProcessingException {
    for (String json : line.serialize()) {
      sink.accept(json);
    }
  }

  /**
   * The user as 16 hex characters of a SHA-256: the same person gets the same pseudonym, so an operator
   * can follow one person's requests without the logs holding their Facebook id. Not anonymous: whoever
   * has an id can compute its pseudonym.
   */
  static String pseudonym(String userId) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(("comicshelf-user:" + userId).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  private static double millis(Duration duration) {
    return Math.round(duration.toNanos() / 10_000.0) / 100.0;
  }

  private static void toStandardOutput(String line) {
    System.out.println(line);
  }
}
