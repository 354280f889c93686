package com.comicshelf.assets;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class CoverUrlsTest {

  @Test
  void urlOf_appendsTheKeyToTheBase_withOneSlash() {
    assertThat(new CoverUrls(URI.create("https://d111.cloudfront.net")).urlOf("public/covers/7.png"))
        .isEqualTo("https://d111.cloudfront.net/public/covers/7.png");
    assertThat(new CoverUrls(URI.create("http://localhost:9090/comic-shelf-local/")).urlOf("public/covers/7.png"))
        .isEqualTo("http://localhost:9090/comic-shelf-local/public/covers/7.png");
  }

  @Test
  void noKey_meansNoUrl() {
    assertThat(new CoverUrls(URI.create("https://d111.cloudfront.net")).urlOf(null)).isNull();
  }
}
