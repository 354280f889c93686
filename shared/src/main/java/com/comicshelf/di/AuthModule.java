package com.comicshelf.di;

import com.comicshelf.auth.SignedRequestVerifier;
import com.comicshelf.config.AppConfig;
import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import javax.inject.Singleton;

/** The signed_request verifier, keyed with the app secret from configuration. */
@Module
public final class AuthModule {
  private AuthModule() {}

  @Provides
  @Singleton
  static SignedRequestVerifier verifier(AppConfig config, Clock clock) {
    return new SignedRequestVerifier(config.requireAppSecret(), config.signedRequestMaxAge(), clock);
  }
}
