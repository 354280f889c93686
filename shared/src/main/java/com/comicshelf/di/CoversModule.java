package com.comicshelf.di;

import com.comicshelf.assets.CoverUrls;
import com.comicshelf.config.Environment;
import com.comicshelf.config.S3Settings;
import dagger.Module;
import dagger.Provides;
import javax.inject.Singleton;

/** Where comic JSON points for covers: the CloudFront distribution in AWS. */
@Module
public final class CoversModule {
  private CoversModule() {}

  @Provides
  @Singleton
  static CoverUrls coverUrls(Environment environment) {
    return new CoverUrls(S3Settings.publicBaseUrl(environment));
  }
}
