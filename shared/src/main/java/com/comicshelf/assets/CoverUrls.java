package com.comicshelf.assets;

import com.comicshelf.config.AppConfig;
import java.net.URI;
import java.util.Objects;
import javax.inject.Inject;

/** Turns the key of a public object (a cover) into the URL clients load it from. */
public final class CoverUrls {
  private final String base;

  /** {@code publicBaseUrl} serves key {@code k} at {@code publicBaseUrl + "/" + k}. */
  public CoverUrls(URI publicBaseUrl) {
    String text = Objects.requireNonNull(publicBaseUrl, "publicBaseUrl").toString();
    this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }

  @Inject
  public CoverUrls(AppConfig config) {
    this(config.s3().publicBaseUrl());
  }

  /** The public URL of {@code key}; null when there is no key (a comic without cover). */
  public String urlOf(String key) {
    return key == null ? null : base + "/" + key;
  }
}
