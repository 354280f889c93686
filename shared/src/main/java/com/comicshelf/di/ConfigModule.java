package com.comicshelf.di;

import com.comicshelf.config.AppConfig;
import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import javax.inject.Singleton;

/** Configuration read once from the environment, and the clock every service uses. */
@Module
public final class ConfigModule {
  private ConfigModule() {}

  @Provides
  @Singleton
  static AppConfig config() {
    return AppConfig.fromEnvironment();
  }

  @Provides
  @Singleton
  static Clock clock() {
    return Clock.systemUTC();
  }
}
