package dev.vertxsfu.ops;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parser of the Prometheus text exposition format (version 0.0.4), enough for tests: each
 * sample line {@code name{label="value",...} number} becomes an entry keyed by the name and its
 * labels in name order ({@code sfu_producers{kind=video}}); comments are skipped. A line that is
 * neither fails the parse.
 */
public final class PrometheusText {
  private static final Pattern SAMPLE =
      Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})?\\s+(\\S+)(\\s+-?\\d+)?");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

  private final Map<String, Double> samples;

  private PrometheusText(Map<String, Double> samples) {
    this.samples = samples;
  }

  public static PrometheusText parse(String text) {
    Map<String, Double> samples = new TreeMap<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher m = SAMPLE.matcher(line.trim());
      if (!m.matches()) {
        throw new IllegalArgumentException("not a Prometheus sample line: " + line);
      }
      Map<String, String> labels = new TreeMap<>();
      if (m.group(3) != null) {
        Matcher label = LABEL.matcher(m.group(3));
        int at = 0;
        while (label.find() && label.start() == at) {
          labels.put(label.group(1), label.group(2));
          at = label.end();
        }
        if (at != m.group(3).length()) {
          throw new IllegalArgumentException("bad labels: " + line);
        }
      }
      samples.put(key(m.group(1), labels), parseValue(m.group(4)));
    }
    return new PrometheusText(samples);
  }

  private static double parseValue(String value) {
    return switch (value) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> Double.parseDouble(value);
    };
  }

  private static String key(String name, Map<String, String> labels) {
    if (labels.isEmpty()) {
      return name;
    }
    StringBuilder key = new StringBuilder(name).append('{');
    labels.forEach((k, v) -> key.append(k).append('=').append(v).append(','));
    key.setLength(key.length() - 1);
    return key.append('}').toString();
  }

  /** The value of {@code key} (e.g. {@code sfu_producers{kind=video}}), or -1 if absent. */
  public double value(String key) {
    return samples.getOrDefault(key, -1.0);
  }

  public Map<String, Double> samples() {
    return samples;
  }
}
