package com.comicshelf.local;

import java.net.URI;

/** The local gateway for programs outside this package (the benchmarks): start one as the command line would, and call it. */
public final class LocalGateways {
  private LocalGateways() {}

  /** Starts a gateway with these command-line arguments (see {@code --help}); close it when done. */
  public static LocalGateway start(String... args) {
    return LocalGateway.start(args);
  }

  /** {@code http://localhost:<port>}. */
  public static URI baseUri(LocalGateway gateway) {
    return gateway.baseUri();
  }

  /** A token for {@code Authorization: Bearer} that the gateway's authorizer accepts for {@code userId} now. */
  public static String signedRequest(LocalGateway gateway, long userId) {
    return gateway.signedRequest(userId);
  }
}
