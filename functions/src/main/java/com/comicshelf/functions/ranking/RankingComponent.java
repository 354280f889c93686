package com.comicshelf.functions.ranking;

import com.comicshelf.config.Environment;
import com.comicshelf.di.ConfigModule;
import com.comicshelf.di.CoversModule;
import com.comicshelf.di.SqlModule;
import com.comicshelf.ranking.RankingService;
import dagger.BindsInstance;
import dagger.Component;
import javax.inject.Singleton;

/** Object graph of the ranking function; built once per container. */
@Singleton
@Component(modules = {ConfigModule.class, SqlModule.class, CoversModule.class})
interface RankingComponent {
  RankingComponent INSTANCE = DaggerRankingComponent.factory().create(Environment.system());

  RankingService ranking();

  /** Builds the graph over the settings in {@code environment} (tests pass their own). */
  @Component.Factory
  interface Factory {
    RankingComponent create(@BindsInstance Environment environment);
  }
}
