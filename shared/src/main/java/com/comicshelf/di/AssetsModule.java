package com.comicshelf.di;

import com.comicshelf.assets.AssetStore;
import com.comicshelf.assets.UploadLimits;
import com.comicshelf.config.AppConfig;
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
@Module
public final class AssetsModule {
  private AssetsModule() {}

  @Provides
  @Singleton
  static AwsCredentialsProvider credentials() {
    return DefaultCredentialsProvider.builder().build();
  }

  @Provides
  @Singleton
  static S3Client s3Client(AppConfig config, AwsCredentialsProvider credentials) {
    return S3Clients.client(config.s3(), credentials);
  }

  @Provides
  @Singleton
  static S3Presigner s3Presigner(AppConfig config, AwsCredentialsProvider credentials) {
    return S3Clients.presigner(config.s3(), credentials);
  }

  @Provides
  @Singleton
  static AssetStore assetStore(S3Client s3, S3Presigner presigner, AppConfig config) {
    return new S3AssetStore(s3, presigner, config.s3().bucket());
  }

  @Provides
  static UploadLimits uploadLimits(AppConfig config) {
    return new UploadLimits(config.s3().maxUploadBytes(), config.s3().uploadUrlTtl());
  }
}
