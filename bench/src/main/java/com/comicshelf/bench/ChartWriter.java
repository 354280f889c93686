package com.comicshelf.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Draws p50 (solid) and p99 (dashed) latency against friend count, one colour per variant, log-log. */
final class ChartWriter {
  private static final Map<String, Color> COLORS =
      Map.of(
          "ours", new Color(0x1b9e77),
          "ours, ranking only", new Color(0x66a61e),
          "ours, likers walked", new Color(0xe6ab02),
          "aggregated SQL", new Color(0xd95f02),
          "per-friend JDBC", new Color(0x7570b3),
          "in-memory bound", new Color(0x666666),
          "materialized only (what-if)", new Color(0xe7298a));

  private ChartWriter() {}

  static void write(SizeResult result, List<String> variants, String subtitle, Path png) throws IOException {
    XYChart chart =
        new XYChartBuilder()
            .width(1100)
            .height(680)
            .title("Top-20 ranking vs friend count: " + subtitle)
            .xAxisTitle("friends of the user (log)")
            .yAxisTitle("ms per call (log): p50 solid, p99 dashed")
            .build();
    XYStyler styler = chart.getStyler();
    styler.setXAxisLogarithmic(true);
    styler.setYAxisLogarithmic(true);
    styler.setLegendPosition(Styler.LegendPosition.OutsideE);
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotGridLinesColor(new Color(0xdddddd));
    styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    styler.setMarkerSize(8);
    styler.setDecimalPattern("#,##0.###");

    for (String variant : variants) {
      List<Double> x = new ArrayList<>();
      List<Double> p50 = new ArrayList<>();
      List<Double> p99 = new ArrayList<>();
      for (FriendClass c : result.classes()) {
        Samples.Stats s = result.read(variant, c);
        if (s != null) {
          x.add(c.avgFriends());
          p50.add(Math.max(s.p50(), 1e-3));
          p99.add(Math.max(s.p99(), 1e-3));
        }
      }
      if (x.isEmpty()) {
        continue;
      }
      Color color = COLORS.getOrDefault(variant, Color.BLACK);
      XYSeries a = chart.addSeries(variant + " p50", x, p50);
      a.setLineColor(color);
      a.setMarkerColor(color);
      a.setMarker(SeriesMarkers.CIRCLE);
      a.setLineStyle(new BasicStroke(2.5f));
      XYSeries b = chart.addSeries(variant + " p99", x, p99);
      b.setLineColor(color);
      b.setMarkerColor(color);
      b.setMarker(SeriesMarkers.DIAMOND);
      b.setLineStyle(
          new BasicStroke(1.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {7f, 5f}, 0f));
    }
    List<Double> classes = result.classes().stream().map(FriendClass::avgFriends).toList();
    XYSeries targets =
        chart.addSeries(
            String.format(Locale.ROOT, "target: ours p99 ≤ %.0f ms", Report.RANKING_P99_MS),
            classes,
            classes.stream().map(x -> Report.RANKING_P99_MS).toList());
    targets.setXYSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Scatter);
    targets.setMarker(SeriesMarkers.CROSS);
    targets.setMarkerColor(Color.RED);
    BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
  }
}
