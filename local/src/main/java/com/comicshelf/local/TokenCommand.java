package com.comicshelf.local;

import com.comicshelf.auth.SignedRequestVerifier;
import java.time.Clock;
import java.util.Map;

/**
 * {@code token <userId> [--secret S]}: prints a {@code signed_request} for any user, signed with the
 * local secret, without starting anything, so that {@code curl -H "Authorization: Bearer $(...)"}
 * works in a shell.
 */
final class TokenCommand {
  private TokenCommand() {}

  /** Returns the token for {@code args} (everything after {@code token}). */
  static String run(String[] args, Map<String, String> env, Clock clock) {
    Long userId = null;
    String secret = LocalSettings.appSecret(env);
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--secret")) {
        secret = GatewayOptions.value(args, ++i, "--secret");
      } else if (userId == null) {
        userId = parseUserId(args[i]);
      } else {
        throw new IllegalArgumentException("unexpected argument " + args[i]);
      }
    }
    if (userId == null) {
      throw new IllegalArgumentException("token needs a user id");
    }
    // The max age only matters when verifying; minting needs the secret and the clock.
    return new SignedRequestVerifier(secret, LocalSettings.LOCAL_MAX_AGE, clock).sign(userId, clock.instant(), LocalSettings.oauthTokenOf(userId));
  }

  private static long parseUserId(String text) {
    try {
      long id = Long.parseLong(text);
      if (id <= 0) {
        throw new NumberFormatException();
      }
      return id;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("the user id must be a positive whole number, got '" + text + "'");
    }
  }
}
