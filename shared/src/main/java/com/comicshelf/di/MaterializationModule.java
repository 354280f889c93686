package com.comicshelf.di;

import com.comicshelf.config.Environment;
import com.comicshelf.config.FriendSettings;
import com.comicshelf.ranking.MaterializationPolicy;
import dagger.Module;
import dagger.Provides;

/** Which users get a precomputed ranking: every function that changes friend sets applies it. */
@Module
public final class MaterializationModule {
  private MaterializationModule() {}

  @Provides
  static MaterializationPolicy materializationPolicy(Environment environment) {
    return new MaterializationPolicy(FriendSettings.materializeMinFriends(environment));
  }
}
