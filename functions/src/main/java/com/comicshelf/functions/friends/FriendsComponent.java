package com.comicshelf.functions.friends;

import com.comicshelf.config.Environment;
import com.comicshelf.di.ConfigModule;
import com.comicshelf.di.FriendsModule;
import com.comicshelf.di.GuardsModule;
import com.comicshelf.di.SqlModule;
import com.comicshelf.friends.FriendsService;
import com.comicshelf.http.WriteGuard;
import dagger.BindsInstance;
import dagger.Component;
import javax.inject.Singleton;

/** Object graph of the friends function; built once per container. */
@Singleton
@Component(modules = {ConfigModule.class, SqlModule.class, GuardsModule.class, FriendsModule.class})
interface FriendsComponent {
  FriendsComponent INSTANCE = DaggerFriendsComponent.factory().create(Environment.system());

  FriendsService friends();

  WriteGuard writeGuard();

  /** Builds the graph over the settings in {@code environment} (tests pass their own). */
  @Component.Factory
  interface Factory {
    FriendsComponent create(@BindsInstance Environment environment);
  }
}
