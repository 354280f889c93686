package com.comicshelf.local;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/**
 * Paints a demo comic's cover with {@code java.awt}, headless: a colour of its own (from a hash of
 * its identity, so the same comic always gets the same cover), a masthead with the publisher and
 * year, sunburst rays and halftone dots, and the title in outlined capitals. PNG, 2:3, 240 × 360
 * pixels: sharp at the widget's largest cover size (96 × 144 CSS pixels) on a 2× screen.
 *
 * <p>If the JVM can render no font at all (a server without any installed), the cover is painted
 * without lettering rather than not at all.
 */
final class CoverPainter {
  static final int WIDTH = 240;
  static final int HEIGHT = 360;
  private static final int MASTHEAD = 46;
  private static final int MARGIN = 16;

  private CoverPainter() {}

  /** The PNG bytes of the cover of {@code title}. */
  static byte[] paint(String title, String publisher, int year) {
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      long hash = hash(title + "|" + publisher + "|" + year);
      float hue = (hash % 360) / 360f;
      Color base = Color.getHSBColor(hue, 0.62f, 0.58f);
      Color light = Color.getHSBColor(hue, 0.45f, 0.78f);
      Color dark = Color.getHSBColor(hue, 0.75f, 0.30f);
      Color accent = Color.getHSBColor((hue + 0.5f) % 1f, 0.80f, 0.95f);

      g.setColor(base);
      g.fillRect(0, 0, WIDTH, HEIGHT);
      paintRays(g, light, (int) (hash >>> 9 & 0xff));
      paintDots(g, dark, (hash >>> 17 & 1) == 0);
      paintBurst(g, accent, dark, (int) (hash >>> 21 & 0xff));
      try {
        paintLettering(g, title, publisher, year, dark);
      } catch (RuntimeException | Error e) {
        // No usable font (e.g. fontconfig without fonts): a cover without lettering is still a cover.
      }
      g.setColor(Color.BLACK);
      g.setStroke(new BasicStroke(6));
      g.drawRect(3, 3, WIDTH - 6, HEIGHT - 6);
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream png = new ByteArrayOutputStream(24 * 1024);
    try {
      ImageIO.write(image, "png", png);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return png.toByteArray();
  }

  /** Alternating wedges from a point below the masthead: the classic comic-cover sunburst. */
  private static void paintRays(Graphics2D g, Color light, int seed) {
    int cx = WIDTH / 2 + (seed % 60) - 30;
    int cy = HEIGHT / 2 + 20;
    int rays = 18;
    double radius = HEIGHT * 1.2;
    g.setColor(light);
    for (int i = 0; i < rays; i += 2) {
      double a0 = 2 * Math.PI * i / rays + seed / 40.0;
      double a1 = 2 * Math.PI * (i + 1) / rays + seed / 40.0;
      Polygon wedge = new Polygon();
      wedge.addPoint(cx, cy);
      wedge.addPoint((int) (cx + radius * Math.cos(a0)), (int) (cy + radius * Math.sin(a0)));
      wedge.addPoint((int) (cx + radius * Math.cos(a1)), (int) (cy + radius * Math.sin(a1)));
      g.fillPolygon(wedge);
    }
  }

  /** Halftone dots growing towards one lower corner. */
  private static void paintDots(Graphics2D g, Color dark, boolean leftCorner) {
    g.setColor(new Color(dark.getRed(), dark.getGreen(), dark.getBlue(), 140));
    int step = 12;
    for (int y = HEIGHT / 2; y < HEIGHT; y += step) {
      for (int x = (y / step) % 2 == 0 ? 0 : step / 2; x < WIDTH; x += step) {
        double fromCorner = Math.hypot(leftCorner ? x : WIDTH - x, HEIGHT - y) / Math.hypot(WIDTH, HEIGHT / 2.0);
        double d = Math.max(0, 1 - fromCorner) * step * 0.9;
        if (d > 1) {
          g.fill(new Ellipse2D.Double(x - d / 2, y - d / 2, d, d));
        }
      }
    }
  }

  /** A jagged "POW" burst in the complementary colour, low on the cover. */
  private static void paintBurst(Graphics2D g, Color accent, Color dark, int seed) {
    int cx = (seed & 1) == 0 ? WIDTH - 62 : 62;
    int cy = HEIGHT - 78;
    int points = 14;
    Polygon burst = new Polygon();
    for (int i = 0; i < points * 2; i++) {
      double angle = Math.PI * i / points + seed / 50.0;
      double r = i % 2 == 0 ? 50 : 30;
      burst.addPoint((int) (cx + r * Math.cos(angle)), (int) (cy + r * Math.sin(angle)));
    }
    g.setColor(accent);
    g.fillPolygon(burst);
    g.setColor(dark);
    g.setStroke(new BasicStroke(3, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    g.drawPolygon(burst);
  }

  private static void paintLettering(Graphics2D g, String title, String publisher, int year, Color dark) {
    FontRenderContext frc = g.getFontRenderContext();
    // Masthead: publisher and year on a black band.
    g.setColor(Color.BLACK);
    g.fillRect(0, 0, WIDTH, MASTHEAD);
    Font small = new Font(Font.SANS_SERIF, Font.BOLD, 13);
    g.setFont(small);
    g.setColor(Color.WHITE);
    String yearText = Integer.toString(year);
    int yearWidth = g.getFontMetrics().stringWidth(yearText);
    g.drawString(fit(g, publisher.toUpperCase(Locale.ROOT), WIDTH - 2 * MARGIN - yearWidth - 10), MARGIN, 29);
    g.drawString(yearText, WIDTH - MARGIN - yearWidth, 29);

    // Title: the largest bold size at which it fits in four lines across the cover.
    String text = title.toUpperCase(Locale.ROOT);
    List<String> lines = List.of(text);
    Font font = null;
    for (int size = 44; size >= 14; size -= 2) {
      font = new Font(Font.SANS_SERIF, Font.BOLD, size);
      lines = wrap(text, font, frc, WIDTH - 2 * MARGIN);
      if (lines.size() <= 4 && fits(lines, font, frc, WIDTH - 2 * MARGIN)) {
        break;
      }
    }
    float lineHeight = font.getSize2D() * 1.08f;
    float y = MASTHEAD + 22 + font.getSize2D();
    for (String line : lines) {
      TextLayout layout = new TextLayout(line, font, frc);
      float x = (WIDTH - (float) layout.getBounds().getWidth()) / 2f - (float) layout.getBounds().getX();
      Shape outline = layout.getOutline(AffineTransform.getTranslateInstance(x, y));
      g.setColor(dark);
      g.fill(AffineTransform.getTranslateInstance(3, 3).createTransformedShape(outline));
      g.setStroke(new BasicStroke(4, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      g.setColor(Color.BLACK);
      g.draw(outline);
      g.setColor(Color.WHITE);
      g.fill(outline);
      y += lineHeight;
    }
  }

  /** Greedy word wrap; a word longer than the line is left whole (the caller then tries a smaller size). */
  private static List<String> wrap(String text, Font font, FontRenderContext frc, int maxWidth) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split("\\s+")) {
      String candidate = line.length() == 0 ? word : line + " " + word;
      if (line.length() > 0 && width(candidate, font, frc) > maxWidth) {
        lines.add(line.toString());
        line = new StringBuilder(word);
      } else {
        line = new StringBuilder(candidate);
      }
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return lines;
  }

  private static boolean fits(List<String> lines, Font font, FontRenderContext frc, int maxWidth) {
    for (String line : lines) {
      if (width(line, font, frc) > maxWidth) {
        return false;
      }
    }
    return true;
  }

  private static double width(String text, Font font, FontRenderContext frc) {
    return font.getStringBounds(text, frc).getWidth();
  }

  /** {@code text}, cut with an ellipsis to fit {@code maxWidth} in the current font. */
  private static String fit(Graphics2D g, String text, int maxWidth) {
    if (g.getFontMetrics().stringWidth(text) <= maxWidth) {
      return text;
    }
    String cut = text;
    while (cut.length() > 1 && g.getFontMetrics().stringWidth(cut + "…") > maxWidth) {
      cut = cut.substring(0, cut.length() - 1);
    }
    return cut.strip() + "…";
  }

  private static long hash(String identity) {
    CRC32 crc = new CRC32();
    crc.update(identity.getBytes(StandardCharsets.UTF_8));
    return crc.getValue();
  }
}
