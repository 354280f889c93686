package com.comicshelf.di;

import com.comicshelf.config.Environment;
import com.comicshelf.config.FriendSettings;
import com.comicshelf.friends.FriendSource;
import com.comicshelf.graph.GraphApiFriendSource;
import com.comicshelf.ranking.MaterializationPolicy;
import dagger.Module;
import dagger.Provides;
import java.net.http.HttpClient;
import java.time.Duration;
import javax.inject.Singleton;

/** The Graph API friend source and the ranking materialization policy. */
@Module
public final class FriendsModule {
  private FriendsModule() {}

  @Provides
  @Singleton
  static FriendSettings friendSettings(Environment environment) {
    return FriendSettings.from(environment);
  }

  @Provides
  @Singleton
  static FriendSource friendSource(FriendSettings settings) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    return new GraphApiFriendSource(settings.graphApiBaseUrl(), http, Duration.ofSeconds(5));
  }

  @Provides
  static MaterializationPolicy materializationPolicy(FriendSettings settings) {
    return new MaterializationPolicy(settings.materializeMinFriends());
  }
}
