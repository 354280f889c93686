package com.comicshelf.functions.favorites;

import com.comicshelf.di.ConfigModule;
import com.comicshelf.di.JdbcModule;
import com.comicshelf.favorites.FavoritesService;
import dagger.Component;
import javax.inject.Singleton;

/** Object graph of the favorites function; built once per container. */
@Singleton
@Component(modules = {ConfigModule.class, JdbcModule.class})
interface FavoritesComponent {
  FavoritesComponent INSTANCE = DaggerFavoritesComponent.create();

  FavoritesService favorites();
}
