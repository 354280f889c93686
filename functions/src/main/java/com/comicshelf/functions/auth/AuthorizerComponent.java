package com.comicshelf.functions.auth;

import com.comicshelf.auth.SignedRequestVerifier;
import com.comicshelf.config.Environment;
import com.comicshelf.di.AuthModule;
import com.comicshelf.di.ConfigModule;
import dagger.BindsInstance;
import dagger.Component;
import javax.inject.Singleton;

/** Object graph of the authorizer function; built once per container. */
@Singleton
@Component(modules = {ConfigModule.class, AuthModule.class})
interface AuthorizerComponent {
  AuthorizerComponent INSTANCE = DaggerAuthorizerComponent.factory().create(Environment.system());

  SignedRequestVerifier verifier();

  /** Builds the graph over the settings in {@code environment} (tests pass their own). */
  @Component.Factory
  interface Factory {
    AuthorizerComponent create(@BindsInstance Environment environment);
  }
}
