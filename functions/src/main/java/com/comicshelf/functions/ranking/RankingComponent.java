package com.comicshelf.functions.ranking;

import com.comicshelf.di.ConfigModule;
import com.comicshelf.di.JdbcModule;
import com.comicshelf.ranking.RankingService;
import dagger.Component;
import javax.inject.Singleton;

/** Object graph of the ranking function; built once per container. */
@Singleton
@Component(modules = {ConfigModule.class, JdbcModule.class})
interface RankingComponent {
  RankingComponent INSTANCE = DaggerRankingComponent.create();

  RankingService ranking();
}
