package com.comicshelf.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work SnapStart runs once, before it snapshots an initialised container (a CRaC {@code
 * beforeCheckpoint} hook), so every container restored from the snapshot starts warm: classes loaded,
 * Jackson's serializers built, the request path run once. Priming never opens a connection or reads
 * a secret: a snapshot must hold neither. On a JDK without CRaC the hooks never fire ({@link #runAll}
 * runs them by hand, for measurements).
 */
public final class Priming implements Resource {
  private static final Logger log = LoggerFactory.getLogger(Priming.class);
  private static final Pattern PATH_PARAMETER = Pattern.compile("\\{(\\w+)}");
  /** CRaC keeps only weak references to resources: these keep the hooks alive. */
  private static final List<Priming> REGISTERED = new CopyOnWriteArrayList<>();

  private final String what;
  private final Runnable work;

  private Priming(String what, Runnable work) {
    this.what = what;
    this.work = work;
  }

  /** Registers {@code work} to run before the snapshot. */
  public static void register(String what, Runnable work) {
    Priming priming = new Priming(what, work);
    REGISTERED.add(priming);
    Core.getGlobalContext().register(priming);
  }

  /** Runs every registered priming now, as the checkpoint would; returns how many ran. */
  public static int runAll() {
    REGISTERED.forEach(Priming::run);
    return REGISTERED.size();
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {
    run();
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) {
    // Nothing to undo: priming leaves no connection, no secret and no per-request state behind.
  }

  private void run() {
    long started = System.nanoTime();
    try {
      work.run();
      log.info("primed {} in {} ms", what, (System.nanoTime() - started) / 1_000_000);
    } catch (RuntimeException e) {
      // A snapshot without priming is slower to its first answer, not wrong.
      log.warn("priming {} failed", what, e);
    }
  }

  /**
   * A request to {@code routeKey} that every handler rejects before calling its service: ids of 0,
   * {@code limit=0}, a body that is not JSON, no Facebook token, an {@code Idempotency-Key} that is not
   * one (the guarded routes refuse it before counting or claiming anything). It runs routing, event
   * parsing, validation and the problem+json answer, and reaches no database.
   */
  public static APIGatewayV2HTTPEvent rejectedRequest(String routeKey) {
    Map<String, String> pathParameters = new java.util.HashMap<>();
    Matcher m = PATH_PARAMETER.matcher(routeKey);
    while (m.find()) {
      pathParameters.put(m.group(1), "0");
    }
    boolean hasBody = routeKey.startsWith("POST ") || routeKey.startsWith("PUT ");
    return APIGatewayV2HTTPEvent.builder()
        .withRouteKey(routeKey)
        .withRawPath(routeKey.substring(routeKey.indexOf(' ') + 1))
        .withPathParameters(pathParameters)
        .withQueryStringParameters(Map.of("limit", "0"))
        .withHeaders(Map.of("content-type", "application/json", WriteGuard.HEADER, " "))
        .withBody(hasBody ? "[" : null)
        .withIsBase64Encoded(false)
        .withRequestContext(
            APIGatewayV2HTTPEvent.RequestContext.builder()
                .withRouteKey(routeKey)
                .withAuthorizer(
                    APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                        .withLambda(Map.of("userId", "1"))
                        .build())
                .build())
        .build();
  }
}
