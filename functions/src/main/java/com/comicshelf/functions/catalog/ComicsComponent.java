package com.comicshelf.functions.catalog;

import com.comicshelf.catalog.CatalogService;
import com.comicshelf.config.Environment;
import com.comicshelf.di.ConfigModule;
import com.comicshelf.di.CoversModule;
import com.comicshelf.di.GuardsModule;
import com.comicshelf.di.SqlModule;
import com.comicshelf.http.WriteGuard;
import dagger.BindsInstance;
import dagger.Component;
import javax.inject.Singleton;

/** Object graph of the comics function; built once per container. */
@Singleton
@Component(modules = {ConfigModule.class, SqlModule.class, GuardsModule.class, CoversModule.class})
interface ComicsComponent {
  ComicsComponent INSTANCE = DaggerComicsComponent.factory().create(Environment.system());

  CatalogService catalog();

  WriteGuard writeGuard();

  /** Builds the graph over the settings in {@code environment} (tests pass their own). */
  @Component.Factory
  interface Factory {
    ComicsComponent create(@BindsInstance Environment environment);
  }
}
