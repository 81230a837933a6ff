package dev.vertxsfu.shaped;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A PNG of kbit/s over seconds, one step line per series (the shaped rate, the SFU's estimate
 * toward the subscriber, what the subscriber received), drawn with java.awt headless. Pure
 * drawing; the caller gives the points.
 */
final class EstimatePlot {
  private static final int WIDTH = 900;
  private static final int HEIGHT = 420;
  private static final int MARGIN = 60;

  /** One named series of (seconds, kbit/s) points, in time order. */
  record Series(String name, Color color, List<double[]> points) {}

  private EstimatePlot() {}

  static void write(String title, List<Series> series, Path png) throws IOException {
    System.setProperty("java.awt.headless", "true");
    double maxX = 1;
    double maxY = 1;
    for (Series one : series) {
      for (double[] point : one.points()) {
        maxX = Math.max(maxX, point[0]);
        maxY = Math.max(maxY, point[1]);
      }
    }
    maxY *= 1.1;
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, WIDTH, HEIGHT);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    g.drawString(title, MARGIN, 20);
    int plotW = WIDTH - 2 * MARGIN;
    int plotH = HEIGHT - 2 * MARGIN;
    g.drawRect(MARGIN, MARGIN, plotW, plotH);
    for (int i = 0; i <= 5; i++) {
      int y = MARGIN + plotH - i * plotH / 5;
      g.drawString(String.format("%.0f", maxY * i / 5), 5, y + 4);
      int x = MARGIN + i * plotW / 5;
      g.drawString(String.format("%.0f s", maxX * i / 5), x - 10, MARGIN + plotH + 18);
    }
    g.drawString("kbit/s", 5, MARGIN - 8);
    int legendY = MARGIN + plotH + 40;
    int legendX = MARGIN;
    for (Series one : series) {
      g.setColor(one.color());
      g.setStroke(new BasicStroke(2f));
      double[] previous = null;
      for (double[] point : one.points()) {
        if (previous != null) {
          int x0 = MARGIN + (int) (previous[0] / maxX * plotW);
          int x1 = MARGIN + (int) (point[0] / maxX * plotW);
          int y0 = MARGIN + plotH - (int) (previous[1] / maxY * plotH);
          int y1 = MARGIN + plotH - (int) (point[1] / maxY * plotH);
          g.drawLine(x0, y0, x1, y0); // a step: the value holds until the next point
          g.drawLine(x1, y0, x1, y1);
        }
        previous = point;
      }
      g.fillRect(legendX, legendY - 8, 14, 8);
      g.setColor(Color.BLACK);
      g.drawString(one.name(), legendX + 18, legendY);
      legendX += 18 + g.getFontMetrics().stringWidth(one.name()) + 24;
    }
    g.dispose();
    Files.createDirectories(png.getParent());
    ImageIO.write(image, "png", png.toFile());
  }
}
