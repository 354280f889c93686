package com.comicshelf.functions.fanout;

import com.comicshelf.config.Environment;
import com.comicshelf.di.ConfigModule;
import com.comicshelf.di.SqlModule;
import com.comicshelf.ranking.PopularityOutbox;
import dagger.BindsInstance;
import dagger.Component;
import javax.inject.Singleton;

/** Object graph of the fan-out function; built once per container. */
@Singleton
@Component(modules = {ConfigModule.class, SqlModule.class})
interface FanOutComponent {
  FanOutComponent INSTANCE = DaggerFanOutComponent.factory().create(Environment.system());

  PopularityOutbox outbox();

  /** Builds the graph over the settings in {@code environment} (tests pass their own). */
  @Component.Factory
  interface Factory {
    FanOutComponent create(@BindsInstance Environment environment);
  }
}
