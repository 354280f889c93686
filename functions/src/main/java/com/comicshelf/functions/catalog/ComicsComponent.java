package com.comicshelf.functions.catalog;

import com.comicshelf.catalog.CatalogService;
import com.comicshelf.di.ConfigModule;
import com.comicshelf.di.JdbcModule;
import dagger.Component;
import javax.inject.Singleton;

/** Object graph of the comics function; built once per container. */
@Singleton
@Component(modules = {ConfigModule.class, JdbcModule.class})
interface ComicsComponent {
  ComicsComponent INSTANCE = DaggerComicsComponent.create();

  CatalogService catalog();
}
