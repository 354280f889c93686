package com.comicshelf.functions.account;

import com.comicshelf.auth.SignedRequestVerifier;
import com.comicshelf.config.Environment;
import com.comicshelf.deletion.DataDeletionService;
import com.comicshelf.di.AssetsModule;
import com.comicshelf.di.AuthModule;
import com.comicshelf.di.FanOutModule;
import com.comicshelf.di.ConfigModule;
import com.comicshelf.di.GuardsModule;
import com.comicshelf.di.MaterializationModule;
import com.comicshelf.di.SqlModule;
import dagger.BindsInstance;
import dagger.Component;
import javax.inject.Singleton;

/** Object graph of the account functions (leaving the app); built once per container. */
@Singleton
@Component(
    modules = {
      ConfigModule.class,
      SqlModule.class,
      GuardsModule.class,
      AssetsModule.class,
      AuthModule.class,
      MaterializationModule.class,
      FanOutModule.class
    })
interface AccountComponent {
  AccountComponent INSTANCE = DaggerAccountComponent.factory().create(Environment.system());

  DataDeletionService deletions();

  SignedRequestVerifier verifier();

  /** Builds the graph over the settings in {@code environment} (tests pass their own). */
  @Component.Factory
  interface Factory {
    AccountComponent create(@BindsInstance Environment environment);
  }
}
