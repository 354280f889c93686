package com.comicshelf.di;

import com.comicshelf.aws.AwsClients;
import com.comicshelf.aws.LambdaFanOutTrigger;
import com.comicshelf.config.Environment;
import com.comicshelf.config.FanOutSettings;
import com.comicshelf.ranking.FanOutTrigger;
import dagger.Module;
import dagger.Provides;
import java.time.Duration;
import javax.inject.Singleton;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** How a function that records likes wakes the fan-out function (see {@link FanOutTrigger}). */
@Module
public final class FanOutModule {
  private FanOutModule() {}

  @Provides
  @Singleton
  static FanOutTrigger fanOutTrigger(Environment environment) {
    FanOutSettings settings = FanOutSettings.from(environment);
    return settings
        .function()
        .<FanOutTrigger>map(
            function -> {
              var builder =
                  LambdaClient.builder()
                      .region(AwsClients.region())
                      .httpClient(AwsClients.httpClient(Duration.ofSeconds(1), Duration.ofSeconds(2)))
                      .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(3)));
              settings.lambdaEndpoint().ifPresent(builder::endpointOverride);
              return new LambdaFanOutTrigger(builder.build(), function);
            })
        .orElse(FanOutTrigger.NONE);
  }
}
