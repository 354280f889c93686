package com.comicshelf.functions.assets;

import com.comicshelf.assets.UploadService;

/** Lets tests in other packages build the handler around a hand-wired service. */
public final class UploadsTestAccess {
  private UploadsTestAccess() {}

  public static UploadsHandler handler(UploadService service) {
    return new UploadsHandler(service);
  }
}
