package com.comicshelf.functions.auth;

import com.comicshelf.auth.SignedRequestVerifier;
import com.comicshelf.di.AuthModule;
import com.comicshelf.di.ConfigModule;
import dagger.Component;
import javax.inject.Singleton;

/** Object graph of the authorizer function; built once per container. */
@Singleton
@Component(modules = {ConfigModule.class, AuthModule.class})
interface AuthorizerComponent {
  AuthorizerComponent INSTANCE = DaggerAuthorizerComponent.create();

  SignedRequestVerifier verifier();
}
