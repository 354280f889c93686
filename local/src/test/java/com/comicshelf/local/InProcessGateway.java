package com.comicshelf.local;

import com.comicshelf.sql.SqlClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The local gateway started in-process, for the tests of other packages (security, widget): the
 * gateway's members are package-private to {@code com.comicshelf.local}, and this class, in the same
 * package on the test side, is the one door to them.
 */
public final class InProcessGateway implements AutoCloseable {
  /** The demo seed's reader and their friend (see {@code DemoData}). */
  public static final long DEMO_USER_ID = DemoData.DEMO_USER_ID;
  public static final long DEMO_FRIEND_ID = DemoData.DEMO_FRIEND_ID;

  /** One route of template.yaml as the gateway reads it: its function and its authorizer's function. */
  public record TemplateRoute(String method, String path, String functionId, Optional<String> authorizerFunctionId) {}

  private final LocalGateway gateway;

  private InProcessGateway(LocalGateway gateway) {
    this.gateway = gateway;
  }

  /** Starts a gateway as the command line would, with these arguments. */
  public static InProcessGateway start(String... args) {
    return new InProcessGateway(LocalGateway.start(args));
  }

  /** Every route of the project's template.yaml, in template order. */
  public static List<TemplateRoute> templateRoutes() {
    Path here = Path.of("").toAbsolutePath();
    Path template =
        TemplateRoutes.find(here).orElseThrow(() -> new IllegalStateException("no template.yaml in " + here + " or above"));
    return TemplateRoutes.read(template).stream()
        .map(route -> new TemplateRoute(
            route.method(),
            route.path(),
            route.function().logicalId(),
            route.authorizer().map(authorizer -> authorizer.function().logicalId())))
        .toList();
  }

  /** Runs the demo seed on {@code sql} as a (re)starting gateway does. */
  public static void seedDemoData(SqlClient sql, Clock clock, int materializeMinFriends) {
    new DemoData(sql, clock, materializeMinFriends).seed();
  }

  public int port() {
    return gateway.port();
  }

  /** A {@code signed_request} for {@code userId} that this gateway's authorizer accepts now. */
  public String signedRequest(long userId) {
    return gateway.signedRequest(userId);
  }

  /** How often the function with this logical id has run; an unchanged count proves it never ran. */
  public long invocations(String functionLogicalId) {
    return gateway.invocations(functionLogicalId);
  }

  @Override
  public void close() {
    gateway.close();
  }
}
