package com.comicshelf.functions.schema;

import com.comicshelf.config.DatabaseSettings;
import com.comicshelf.config.Environment;
import com.comicshelf.di.SqlModule;
import dagger.BindsInstance;
import dagger.Component;
import javax.inject.Singleton;

/** Object graph of the migration function; built once per container. */
@Singleton
@Component(modules = {SqlModule.class})
interface MigrateComponent {
  MigrateComponent INSTANCE = DaggerMigrateComponent.factory().create(Environment.system());

  DatabaseSettings databaseSettings();

  /** Builds the graph over the settings in {@code environment} (tests pass their own). */
  @Component.Factory
  interface Factory {
    MigrateComponent create(@BindsInstance Environment environment);
  }
}
