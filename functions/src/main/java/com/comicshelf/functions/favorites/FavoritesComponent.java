package com.comicshelf.functions.favorites;

import com.comicshelf.config.Environment;
import com.comicshelf.di.ConfigModule;
import com.comicshelf.di.CoversModule;
import com.comicshelf.di.FanOutModule;
import com.comicshelf.di.SqlModule;
import com.comicshelf.favorites.FavoritesService;
import dagger.BindsInstance;
import dagger.Component;
import javax.inject.Singleton;

/** Object graph of the favorites function; built once per container. */
@Singleton
@Component(modules = {ConfigModule.class, SqlModule.class, CoversModule.class, FanOutModule.class})
interface FavoritesComponent {
  FavoritesComponent INSTANCE = DaggerFavoritesComponent.factory().create(Environment.system());

  FavoritesService favorites();

  /** Builds the graph over the settings in {@code environment} (tests pass their own). */
  @Component.Factory
  interface Factory {
    FavoritesComponent create(@BindsInstance Environment environment);
  }
}
