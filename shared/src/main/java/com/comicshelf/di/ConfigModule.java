package com.comicshelf.di;

import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import javax.inject.Singleton;

/**
 * The clock every service uses. The {@link com.comicshelf.config.Environment} settings are read
 * from is given to each component when it is built (see the functions' components).
 */
@Module
public final class ConfigModule {
  private ConfigModule() {}

  @Provides
  @Singleton
  static Clock clock() {
    return Clock.systemUTC();
  }
}
