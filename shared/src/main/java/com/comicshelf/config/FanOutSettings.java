package com.comicshelf.config;

import java.net.URI;
import java.util.Optional;

/**
 * Which function applies the popularity outbox, for the functions that record likes to wake it.
 *
 * @param function the fan-out function's name or ARN; absent where nothing is to be woken (tools and
 *     tests that apply the outbox themselves)
 * @param lambdaEndpoint the Lambda API to invoke it through: the local gateway's on a developer
 *     machine, the region's in AWS (absent)
 */
public record FanOutSettings(Optional<String> function, Optional<URI> lambdaEndpoint) {
  public static final String FUNCTION = "COMICSHELF_FANOUT_FUNCTION";
  public static final String LAMBDA_ENDPOINT = "COMICSHELF_LAMBDA_ENDPOINT";

  public static FanOutSettings from(Environment env) {
    return new FanOutSettings(
        Optional.ofNullable(env.requiredInAws(FUNCTION, null)),
        env.localOnly(LAMBDA_ENDPOINT).map(URI::create));
  }
}
