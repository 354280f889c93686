package com.comicshelf.di;

import com.comicshelf.assets.AssetStore;
import com.comicshelf.assets.UploadLimits;
import com.comicshelf.config.Environment;
import com.comicshelf.config.S3Settings;
import com.comicshelf.s3.S3AssetStore;
import com.comicshelf.s3.S3Clients;
import dagger.Module;
import dagger.Provides;
import javax.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** The asset store over S3 (credentials from the SDK's default chain) and the upload limits. */
@Module(includes = CoversModule.class)
public final class AssetsModule {
  private AssetsModule() {}

  @Provides
  @Singleton
  static S3Settings s3Settings(Environment environment) {
    return S3Settings.from(environment);
  }

  @Provides
  @Singleton
  static AwsCredentialsProvider credentials() {
    return DefaultCredentialsProvider.builder().build();
  }

  @Provides
  @Singleton
  static S3Client s3Client(S3Settings settings, AwsCredentialsProvider credentials) {
    return S3Clients.client(settings, credentials);
  }

  @Provides
  @Singleton
  static S3Presigner s3Presigner(S3Settings settings, AwsCredentialsProvider credentials) {
    return S3Clients.presigner(settings, credentials);
  }

  @Provides
  @Singleton
  static AssetStore assetStore(S3Client s3, S3Presigner presigner, S3Settings settings) {
    return new S3AssetStore(s3, presigner, settings.bucket());
  }

  @Provides
  static UploadLimits uploadLimits(S3Settings settings) {
    return new UploadLimits(settings.maxUploadBytes(), settings.uploadUrlTtl());
  }
}
