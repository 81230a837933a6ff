package dev.vertxsfu.media.cc;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Writes a congestion-control trace as a CSV and a PNG plot under {@code target/cc/}: the
 * shaped link rate (grey), the estimate (blue) and the forwarded allocation (green) against
 * time. Test output only, for the figures of the closing note; nothing asserts on it.
 */
final class TracePlot {
  private static final int WIDTH = 900;
  private static final int HEIGHT = 400;
  private static final int MARGIN = 50;

  private TracePlot() {}

  /** Each row: time ms, link bit/s, estimate bit/s, allocated bit/s. */
  static void write(String name, String title, List<long[]> rows) {
    System.setProperty("java.awt.headless", "true");
    try {
      Path dir = Path.of("target", "cc");
      Files.createDirectories(dir);
      StringBuilder csv = new StringBuilder("time_ms,link_bps,estimate_bps,allocated_bps\n");
      long maxTime = 1;
      long maxRate = 1;
      for (long[] row : rows) {
        csv.append(row[0]).append(',').append(row[1]).append(',').append(row[2]).append(',')
            .append(row[3]).append('\n');
        maxTime = Math.max(maxTime, row[0]);
        maxRate = Math.max(maxRate, Math.max(row[2], Math.min(row[1], 3 * row[2])));
      }
      Files.writeString(dir.resolve(name + ".csv"), csv);

      BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = image.createGraphics();
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, WIDTH, HEIGHT);
      g.setColor(Color.BLACK);
      g.drawString(title, MARGIN, 20);
      g.drawLine(MARGIN, HEIGHT - MARGIN, WIDTH - 10, HEIGHT - MARGIN);
      g.drawLine(MARGIN, 30, MARGIN, HEIGHT - MARGIN);
      for (long s = 0; s <= maxTime / 1000; s += 5) {
        int x = x(s * 1000, maxTime);
        g.drawString(s + " s", x - 8, HEIGHT - MARGIN + 15);
      }
      for (int i = 0; i <= 4; i++) {
        long rate = maxRate * i / 4;
        g.drawString(String.format("%.1f", rate / 1e6), 5, y(rate, maxRate) + 4);
      }
      g.drawString("Mbit/s", 5, 40);
      int[][] colors = {{160, 160, 160}, {30, 90, 220}, {20, 150, 40}};
      String[] labels = {"link", "estimate", "allocated"};
      g.setStroke(new BasicStroke(2f));
      for (int series = 0; series < 3; series++) {
        g.setColor(new Color(colors[series][0], colors[series][1], colors[series][2]));
        g.drawString(labels[series], WIDTH - 250 + series * 80, 38);
        for (int i = 1; i < rows.size(); i++) {
          long[] a = rows.get(i - 1);
          long[] b = rows.get(i);
          g.drawLine(x(a[0], maxTime), y(Math.min(a[series + 1], maxRate), maxRate),
              x(b[0], maxTime), y(Math.min(b[series + 1], maxRate), maxRate));
        }
      }
      g.dispose();
      ImageIO.write(image, "png", dir.resolve(name + ".png").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int x(long time, long maxTime) {
    return MARGIN + (int) ((WIDTH - MARGIN - 20) * time / maxTime);
  }

  private static int y(long rate, long maxRate) {
    return HEIGHT - MARGIN - (int) ((HEIGHT - MARGIN - 40) * rate / maxRate);
  }
}
