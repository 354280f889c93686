package com.comicshelf.assets;

import static org.assertj.core.api.Assertions.assertThat;

import com.comicshelf.testing.TestImages;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ImageTypeTest {

  @Test
  void sniff_recognisesRealFiles_ofEveryAllowedType() {
    assertThat(ImageType.sniff(head(TestImages.jpeg(8, 8)))).contains(ImageType.JPEG);
    assertThat(ImageType.sniff(head(TestImages.png(8, 8)))).contains(ImageType.PNG);
    assertThat(ImageType.sniff(head(TestImages.gif(8, 8)))).contains(ImageType.GIF);
    assertThat(ImageType.sniff(head(TestImages.webp()))).contains(ImageType.WEBP);
    assertThat(ImageType.sniff("GIF87a......".getBytes(StandardCharsets.US_ASCII))).contains(ImageType.GIF);
  }

  @Test
  void sniff_findsNothing_inTextSvgOrOtherRiffFiles_orTooFewBytes() {
    assertThat(ImageType.sniff("hello, world".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    assertThat(ImageType.sniff("<svg xmlns=".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    assertThat(ImageType.sniff("RIFF\0\0\0\0WAVE".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    assertThat(ImageType.sniff(new byte[] {(byte) 0xFF, (byte) 0xD8})).isEmpty();
    assertThat(ImageType.sniff(Arrays.copyOf(TestImages.png(8, 8), 7))).isEmpty();
    assertThat(ImageType.sniff(new byte[0])).isEmpty();
  }

  @Test
  void ofContentType_acceptsOnlyTheFourTypes_caseInsensitively() {
    assertThat(ImageType.ofContentType("image/jpeg")).contains(ImageType.JPEG);
    assertThat(ImageType.ofContentType(" IMAGE/PNG ")).contains(ImageType.PNG);
    assertThat(ImageType.ofContentType("image/webp")).contains(ImageType.WEBP);
    assertThat(ImageType.ofContentType("image/gif")).contains(ImageType.GIF);
    assertThat(ImageType.ofContentType("image/svg+xml")).isEmpty();
    assertThat(ImageType.ofContentType("image/jpg")).isEmpty();
    assertThat(ImageType.ofContentType("image/png; charset=binary")).isEmpty();
    assertThat(ImageType.ofContentType("text/plain")).isEmpty();
    assertThat(ImageType.ofContentType(null)).isEmpty();
  }

  private static byte[] head(byte[] file) {
    return Arrays.copyOf(file, Math.min(file.length, ImageType.SNIFF_LENGTH));
  }
}
