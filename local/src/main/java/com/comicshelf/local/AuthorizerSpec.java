package com.comicshelf.local;

import java.util.List;
import java.util.Objects;

/**
 * A Lambda authorizer of an HTTP API (payload 2.0, simple responses): the function that decides and
 * the request headers that form its identity source.
 */
record AuthorizerSpec(String name, FunctionSpec function, List<String> identityHeaders) {
  AuthorizerSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(function, "function");
    identityHeaders = List.copyOf(identityHeaders);
  }
}
