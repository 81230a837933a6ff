package dev.vertxsfu.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/**
 * Draws the run's PNG with Java2D (headless): two panels against the load in forwarded
 * packets per second, server CPU µs per forwarded packet on the left and p99 added latency on
 * the right, one line per target and scenario. Both y axes are logarithmic (the fixed cost of
 * an idle server dominates the first steps, saturation the last). Called once at the end of a run, on the
 * harness's main thread.
 */
final class PlotWriter {
  private static final int PANEL_W = 560;
  private static final int PANEL_H = 400;
  private static final int MARGIN = 60;
  private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728),
      new Color(0x2ca02c), new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b)};

  private PlotWriter() {}

  static void write(List<StepResult> results, Path png) throws IOException {
    System.setProperty("java.awt.headless", "true");
    BufferedImage image = new BufferedImage(2 * PANEL_W, PANEL_H, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    Map<String, List<StepResult>> series = new LinkedHashMap<>();
    for (StepResult r : results) {
      series.computeIfAbsent(r.target() + " " + r.scenario(), k -> new ArrayList<>()).add(r);
    }
    panel(g, 0, "server CPU µs per forwarded packet", series, StepResult::cpuMicrosPerPacket);
    panel(g, PANEL_W, "p99 added latency (µs)", series, StepResult::p99Micros);
    g.dispose();
    ImageIO.write(image, "png", png.toFile());
  }

  private static void panel(Graphics2D g, int x0, String title,
      Map<String, List<StepResult>> series, ToDoubleFunction<StepResult> y) {
    double maxX = 1;
    double maxY = 10;
    for (List<StepResult> points : series.values()) {
      for (StepResult r : points) {
        maxX = Math.max(maxX, r.packetsPerSecond());
        maxY = Math.max(maxY, y.applyAsDouble(r));
      }
    }
    maxX *= 1.05;
    int decades = (int) Math.ceil(Math.log10(maxY));
    int left = x0 + MARGIN;
    int right = x0 + PANEL_W - 20;
    int top = 40;
    int bottom = PANEL_H - MARGIN;
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    g.drawString(title, left, 25);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    g.drawLine(left, bottom, right, bottom);
    g.drawLine(left, bottom, left, top);
    for (int i = 0; i <= 4; i++) {
      int gx = left + (right - left) * i / 4;
      g.drawString(String.format("%.0f", maxX * i / 4), gx - 15, bottom + 15);
    }
    for (int d = 0; d <= decades; d++) {
      int gy = bottom - (bottom - top) * d / decades;
      g.setColor(new Color(0xDDDDDD));
      g.drawLine(left + 1, gy, right, gy);
      g.setColor(Color.BLACK);
      g.drawString(String.format("%.0f", Math.pow(10, d)), x0 + 5, gy + 4);
    }
    g.drawString("forwarded packets per second", (left + right) / 2 - 80, bottom + 35);
    int legend = 0;
    for (Map.Entry<String, List<StepResult>> entry : series.entrySet()) {
      Color color = COLORS[legend % COLORS.length];
      g.setColor(color);
      g.setStroke(new BasicStroke(2f));
      int px = -1;
      int py = -1;
      for (StepResult r : entry.getValue()) {
        int sx = left + (int) ((right - left) * r.packetsPerSecond() / maxX);
        double logY = Math.log10(Math.max(1, y.applyAsDouble(r)));
        int sy = bottom - (int) ((bottom - top) * logY / decades);
        g.fillOval(sx - 3, sy - 3, 6, 6);
        if (px >= 0) {
          g.drawLine(px, py, sx, sy);
        }
        px = sx;
        py = sy;
      }
      g.drawString(entry.getKey(), right - 150, top + 15 * legend + 5);
      legend++;
    }
    g.setStroke(new BasicStroke(1f));
  }
}
