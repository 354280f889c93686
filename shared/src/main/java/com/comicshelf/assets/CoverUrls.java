package com.comicshelf.assets;

import java.net.URI;
import java.util.Objects;

/** Turns the key of a public object (a cover) into the URL clients load it from. */
public final class CoverUrls {
  private final String base;

  /** {@code publicBaseUrl} serves key {@code k} at {@code publicBaseUrl + "/" + k}. */
  public CoverUrls(URI publicBaseUrl) {
    String text = Objects.requireNonNull(publicBaseUrl, "publicBaseUrl").toString();
    this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }

  /** The public URL of {@code key}; null when there is no key (a comic without cover). */
  public String urlOf(String key) {
    return key == null ? null : base + "/" + key;
  }
}
