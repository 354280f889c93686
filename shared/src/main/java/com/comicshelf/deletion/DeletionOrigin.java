package com.comicshelf.deletion;

/** Who asked for a deletion: Facebook's data deletion callback, or the person through the API. */
public enum DeletionOrigin {
  FACEBOOK("facebook"),
  API("api");

  private final String text;

  DeletionOrigin(String text) {
    this.text = text;
  }

  String text() {
    return text;
  }
}
