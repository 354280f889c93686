package com.comicshelf.di;

import com.comicshelf.config.Environment;
import com.comicshelf.config.FriendSettings;
import com.comicshelf.friends.FriendSource;
import com.comicshelf.graph.GraphApiFriendSource;
import dagger.Module;
import dagger.Provides;
import java.net.http.HttpClient;
import java.time.Duration;
import javax.inject.Singleton;

/** The Graph API friend source (and the ranking materialization policy a sync applies). */
@Module(includes = MaterializationModule.class)
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

}
