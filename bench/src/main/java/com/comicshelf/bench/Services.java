package com.comicshelf.bench;

import com.comicshelf.assets.CoverUrls;
import java.net.URI;

/** What the services need besides the SQL client, built by hand as the handlers' Dagger modules would. */
final class Services {
  /** Cover URLs are only formatted, never fetched, so any base will do. */
  static final CoverUrls COVERS = new CoverUrls(URI.create("http://localhost:3000/covers"));

  private Services() {}
}
