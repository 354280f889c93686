package com.comicshelf.config;

import java.time.Duration;
import java.util.Optional;

/**
 * How signed requests are checked.
 *
 * @param appSecretArn the Secrets Manager secret holding the Facebook app secret (AWS)
 * @param appSecret the app secret itself (developer machines only)
 * @param maxAge how old a signed request may be before it is refused
 */
public record AuthSettings(Optional<String> appSecretArn, Optional<String> appSecret, Duration maxAge) {
  public static final String APP_SECRET_ARN = "COMICSHELF_APP_SECRET_ARN";
  public static final String APP_SECRET = "COMICSHELF_APP_SECRET";
  public static final String SIGNED_REQUEST_MAX_AGE_SECONDS = "COMICSHELF_SIGNED_REQUEST_MAX_AGE_SECONDS";
  public static final Duration DEFAULT_MAX_AGE = Duration.ofHours(1);

  public static AuthSettings from(Environment env) {
    Optional<String> arn = Optional.ofNullable(env.requiredInAws(APP_SECRET_ARN, null));
    // Read even when the ARN is set, so a deployed function carrying it is noticed (see TemplateTest).
    Optional<String> plain = env.localOnly(APP_SECRET).filter(secret -> arn.isEmpty());
    if (arn.isEmpty() && plain.isEmpty()) {
      throw new IllegalArgumentException(APP_SECRET_ARN + " (or, on a developer machine, " + APP_SECRET + ") must be set");
    }
    return new AuthSettings(
        arn, plain, Duration.ofSeconds(env.optionalLong(SIGNED_REQUEST_MAX_AGE_SECONDS, DEFAULT_MAX_AGE.toSeconds())));
  }

  @Override
  public String toString() {
    return "AuthSettings[appSecretArn=" + appSecretArn + ", maxAge=" + maxAge + "]";
  }
}
