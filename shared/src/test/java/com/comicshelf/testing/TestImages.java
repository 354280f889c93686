package com.comicshelf.testing;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;

/** Small but real image files for upload tests, drawn with the JDK's ImageIO. */
public final class TestImages {
  private TestImages() {}

  public static byte[] png(int width, int height) {
    return write("png", width, height);
  }

  public static byte[] jpeg(int width, int height) {
    return write("jpg", width, height);
  }

  public static byte[] gif(int width, int height) {
    return write("gif", width, height);
  }

  /** A minimal lossless WebP (RIFF header, VP8L chunk); browsers need not decode it for these tests. */
  public static byte[] webp() {
    byte[] vp8l = {'V', 'P', '8', 'L', 5, 0, 0, 0, 0x2F, 0, 0, 0, 0, 0};
    byte[] file = new byte[12 + vp8l.length];
    System.arraycopy("RIFF".getBytes(StandardCharsets.US_ASCII), 0, file, 0, 4);
    int riffSize = file.length - 8;
    file[4] = (byte) riffSize;
    file[5] = (byte) (riffSize >> 8);
    System.arraycopy("WEBP".getBytes(StandardCharsets.US_ASCII), 0, file, 8, 4);
    System.arraycopy(vp8l, 0, file, 12, vp8l.length);
    return file;
  }

  private static byte[] write(String format, int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    var graphics = image.createGraphics();
    graphics.setColor(new Color(0x2A, 0x6F, 0xDB));
    graphics.fillRect(0, 0, width, height);
    graphics.setColor(Color.YELLOW);
    graphics.fillOval(width / 4, height / 4, width / 2, height / 2);
    graphics.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, format, out)) {
        throw new IllegalStateException("no ImageIO writer for " + format);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
