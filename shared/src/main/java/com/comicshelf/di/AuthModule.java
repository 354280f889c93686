package com.comicshelf.di;

import com.comicshelf.auth.SignedRequestVerifier;
import com.comicshelf.aws.AwsClients;
import com.comicshelf.config.AuthSettings;
import com.comicshelf.config.Environment;
import com.comicshelf.secrets.CachedSecrets;
import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import java.util.function.Supplier;
import javax.inject.Singleton;

/**
 * The signed_request verifier. In AWS its key is the app secret in Secrets Manager, read through the
 * container's cache on the first request (not at start, so no SnapStart snapshot holds it).
 */
@Module
public final class AuthModule {
  private AuthModule() {}

  @Provides
  @Singleton
  static SignedRequestVerifier verifier(Environment environment, Clock clock) {
    AuthSettings settings = AuthSettings.from(environment);
    Supplier<String> secret;
    if (settings.appSecretArn().isPresent()) {
      CachedSecrets secrets = new CachedSecrets(AwsClients.secretsManager());
      String arn = settings.appSecretArn().get();
      secret = () -> secrets.string(arn);
    } else {
      String plain = settings.appSecret().orElseThrow();
      secret = () -> plain;
    }
    return new SignedRequestVerifier(secret, settings.maxAge(), clock);
  }
}
