package com.comicshelf.functions.account;

import com.comicshelf.auth.SignedRequestVerifier;
import com.comicshelf.config.Environment;
import com.comicshelf.deletion.DataDeletionService;

/** Lets tests in other packages build the account handlers around a hand-wired service. */
public final class AccountTestAccess {
  private AccountTestAccess() {}

  public static AccountHandler handler(DataDeletionService deletions, SignedRequestVerifier verifier) {
    return new AccountHandler(deletions, verifier);
  }

  public static DeletionSweepHandler sweep(DataDeletionService deletions) {
    return new DeletionSweepHandler(deletions);
  }

  /** Builds the function's whole object graph from {@code environment}, as its container does. */
  public static Object graph(Environment environment) {
    var component = DaggerAccountComponent.factory().create(environment);
    return java.util.List.of(component.deletions(), component.verifier());
  }
}
