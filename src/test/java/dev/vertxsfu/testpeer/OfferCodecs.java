package dev.vertxsfu.testpeer;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Edits the codec lists of an offer's SDP text the way a client with other codecs would have
 * written it: {@link #without} leaves a codec out (a Firefox without OpenH264 lists no H.264),
 * {@link #preferring} moves one first (a client whose codec preference is H.264 sends it). Only
 * the payload type lists of the m-lines and their {@code a=rtpmap}, {@code a=fmtp} and
 * {@code a=rtcp-fb} lines change; RTX formats follow the codec they repair. Pure functions, for
 * tests.
 */
public final class OfferCodecs {
  private static final Pattern RTPMAP = Pattern.compile("^a=rtpmap:(\\d+) ([^/]+)/.*$");
  private static final Pattern APT = Pattern.compile("^a=fmtp:(\\d+) .*\\bapt=(\\d+).*$");
  private static final Pattern PT_LINE = Pattern.compile("^a=(rtpmap|fmtp|rtcp-fb):(\\d+)\\b.*$");

  private OfferCodecs() {}

  /** {@code sdp} with every format of encoding {@code name} (and its RTX) left out. */
  public static String without(String sdp, String name) {
    List<String> lines = List.of(sdp.split("\r\n"));
    Set<String> dropped = payloadTypes(lines, name, null);
    dropped.addAll(rtxOf(lines, dropped));
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      Matcher pt = PT_LINE.matcher(line);
      if (pt.matches() && dropped.contains(pt.group(2))) {
        continue;
      }
      if (line.startsWith("m=")) {
        String[] parts = line.split(" ");
        List<String> kept = new ArrayList<>(List.of(parts).subList(0, 3));
        for (int i = 3; i < parts.length; i++) {
          if (!dropped.contains(parts[i])) {
            kept.add(parts[i]);
          }
        }
        line = String.join(" ", kept);
      }
      out.add(line);
    }
    return String.join("\r\n", out) + "\r\n";
  }

  /**
   * {@code sdp} with the first format of encoding {@code name} whose {@code a=fmtp} contains
   * {@code fmtpPart} (any, if null) moved to the front of its m-line: the codec the client
   * prefers, and so the one it sends.
   */
  public static String preferring(String sdp, String name, String fmtpPart) {
    List<String> lines = List.of(sdp.split("\r\n"));
    Set<String> matching = payloadTypes(lines, name, fmtpPart);
    if (matching.isEmpty()) {
      throw new IllegalArgumentException("no " + name + " format in the offer");
    }
    String first = matching.iterator().next();
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      if (line.startsWith("m=") && List.of(line.split(" ")).subList(3, line.split(" ").length)
          .contains(first)) {
        String[] parts = line.split(" ");
        List<String> reordered = new ArrayList<>(List.of(parts).subList(0, 3));
        reordered.add(first);
        for (int i = 3; i < parts.length; i++) {
          if (!parts[i].equals(first)) {
            reordered.add(parts[i]);
          }
        }
        line = String.join(" ", reordered);
      }
      out.add(line);
    }
    return String.join("\r\n", out) + "\r\n";
  }

  private static Set<String> payloadTypes(List<String> lines, String name, String fmtpPart) {
    Set<String> found = new LinkedHashSet<>();
    for (String line : lines) {
      Matcher map = RTPMAP.matcher(line);
      if (map.matches() && map.group(2).toLowerCase(Locale.ROOT)
          .equals(name.toLowerCase(Locale.ROOT))) {
        String pt = map.group(1);
        if (fmtpPart == null || lines.stream()
            .anyMatch(l -> l.startsWith("a=fmtp:" + pt + " ") && l.contains(fmtpPart))) {
          found.add(pt);
        }
      }
    }
    return found;
  }

  private static Set<String> rtxOf(List<String> lines, Set<String> payloadTypes) {
    Set<String> rtx = new LinkedHashSet<>();
    for (String line : lines) {
      Matcher apt = APT.matcher(line);
      if (apt.matches() && payloadTypes.contains(apt.group(2))) {
        rtx.add(apt.group(1));
      }
    }
    return rtx;
  }
}
