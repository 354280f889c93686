package com.comicshelf.functions.auth;

import com.comicshelf.config.Environment;
import com.comicshelf.auth.SignedRequestVerifier;

/** Lets tests in other packages build the handler around a hand-wired service. */
public final class AuthorizerTestAccess {
  private AuthorizerTestAccess() {}

  public static AuthorizerHandler handler(SignedRequestVerifier service) {
    return new AuthorizerHandler(service);
  }

  /** Builds the function's whole object graph from {@code environment}, as its container does. */
  public static Object graph(Environment environment) {
    return DaggerAuthorizerComponent.factory().create(environment).verifier();
  }
}
