package com.comicshelf.functions.assets;

import com.comicshelf.config.Environment;
import com.comicshelf.assets.UploadService;

/** Lets tests in other packages build the handler around a hand-wired service. */
public final class UploadsTestAccess {
  private UploadsTestAccess() {}

  public static UploadsHandler handler(UploadService service) {
    return new UploadsHandler(service);
  }

  /** Builds the function's whole object graph from {@code environment}, as its container does. */
  public static Object graph(Environment environment) {
    return DaggerUploadsComponent.factory().create(environment).uploads();
  }
}
