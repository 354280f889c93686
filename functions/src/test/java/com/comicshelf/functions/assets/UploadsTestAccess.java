package com.comicshelf.functions.assets;

import com.comicshelf.config.Environment;
import com.comicshelf.http.WriteGuard;
import com.comicshelf.assets.UploadService;

/** Lets tests in other packages build the handler around a hand-wired service. */
public final class UploadsTestAccess {
  private UploadsTestAccess() {}

  public static UploadsHandler handler(UploadService service, WriteGuard guard) {
    return new UploadsHandler(service, guard);
  }

  /** Builds the function's whole object graph from {@code environment}, as its container does. */
  public static Object graph(Environment environment) {
    var component = DaggerUploadsComponent.factory().create(environment);
    return java.util.List.of(component.uploads(), component.writeGuard());
  }
}
