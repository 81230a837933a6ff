package dev.vertxsfu.wire.sdp;

import java.util.List;

/**
 * A time description, RFC 8866 sections 5.9 to 5.11: a {@code t=} line with the {@code r=}
 * repeat times and the {@code z=} time-zone adjustments that follow it. WebRTC only ever writes
 * {@code t=0 0} (a permanent session, RFC 8829 section 5.2.1); the repeat and zone lines are
 * kept as the text they are, for the round trip.
 *
 * <pre>
 * t=&lt;start-time&gt; &lt;stop-time&gt;
 * r=&lt;repeat interval&gt; &lt;active duration&gt; &lt;offsets from start-time&gt;
 * z=&lt;adjustment time&gt; &lt;offset&gt; &lt;adjustment time&gt; &lt;offset&gt; ....
 *
 * t=0 0
 * t=3034423619 3042462419
 * r=7d 1h 0 25h
 * z=2882844526 -1h 2898848070 0
 * </pre>
 *
 * @param startTime NTP seconds, or 0
 * @param stopTime NTP seconds, or 0 (unbounded)
 * @param repeats the values of the {@code r=} lines, in order
 * @param zone the value of the {@code z=} line, or {@code null}
 */
public record Timing(long startTime, long stopTime, List<String> repeats, String zone) {
  /** {@code t=0 0}. */
  public static final Timing PERMANENT = new Timing(0, 0, List.of(), null);

  public Timing {
    if (startTime < 0 || stopTime < 0) {
      throw new IllegalArgumentException("negative time");
    }
    repeats = List.copyOf(repeats);
    for (String repeat : repeats) {
      if (!isTimeText(repeat)) {
        throw new IllegalArgumentException("bad r= value: " + repeat);
      }
    }
    if (zone != null && !isTimeText(zone)) {
      throw new IllegalArgumentException("bad z= value: " + zone);
    }
  }

  /** The {@code t=} line's value. */
  public String format() {
    return Long.toString(startTime) + ' ' + stopTime;
  }

  static Timing parse(String value, int lineNumber, String line) {
    int space = value.indexOf(' ');
    long start = space < 0 ? -1 : SdpSyntax.number(value.substring(0, space));
    long stop = space < 0 ? -1 : SdpSyntax.number(value.substring(space + 1));
    if (start < 0 || stop < 0) {
      throw new SdpFormatException(
          "bad t= line: it needs two numbers (no leading zero) separated by a single space",
          lineNumber, line);
    }
    return new Timing(start, stop, List.of(), null);
  }

  /**
   * Whether {@code value} can be an {@code r=} or {@code z=} value: typed times (digits with an
   * optional d/h/m/s unit, a leading minus in zone offsets) separated by single spaces.
   */
  static boolean isTimeText(String value) {
    if (value == null || value.isEmpty()) {
      return false;
    }
    for (String field : SdpSyntax.split(value, ' ')) {
      String digits = field.startsWith("-") ? field.substring(1) : field;
      if (!digits.isEmpty() && "dhms".indexOf(digits.charAt(digits.length() - 1)) >= 0) {
        digits = digits.substring(0, digits.length() - 1);
      }
      if (!SdpSyntax.isDigits(digits)) {
        return false;
      }
    }
    return true;
  }
}
