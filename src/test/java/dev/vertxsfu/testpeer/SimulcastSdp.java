package dev.vertxsfu.testpeer;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Turns libwebrtc's offer for a video track into an SSRC simulcast offer (three encodings, as
 * {@code a=ssrc-group:SIM}, each with its RTX stream): webrtc-java 0.14.0 cannot give encodings
 * rids, but libwebrtc still honours a local description munged so, sending the camera at a
 * quarter, half and full size (as many layers as the capture's size allows). Test code only.
 */
public final class SimulcastSdp {
  private SimulcastSdp() {}

  /** {@code sdp} with its first video section's SSRCs made three simulcast encodings. */
  public static String threeLayers(String sdp, Random random) {
    String[] lines = sdp.split("\r\n");
    List<String> out = new ArrayList<>();
    boolean inVideo = false;
    boolean done = false;
    long media = -1;
    long rtx = -1;
    String cname = null;
    String msid = null;
    int lastSsrcLine = -1;
    for (String line : lines) {
      if (line.startsWith("m=")) {
        if (inVideo && !done) {
          done = insert(out, lastSsrcLine, media, rtx, cname, msid, random);
        }
        inVideo = line.startsWith("m=video") && !done;
      }
      out.add(line);
      if (!inVideo) {
        continue;
      }
      if (line.startsWith("a=ssrc-group:FID ")) {
        String[] ssrcs = line.substring("a=ssrc-group:FID ".length()).split(" ");
        media = Long.parseLong(ssrcs[0]);
        rtx = Long.parseLong(ssrcs[1]);
      } else if (line.startsWith("a=ssrc:")) {
        lastSsrcLine = out.size() - 1;
        String rest = line.substring(line.indexOf(' ') + 1);
        if (rest.startsWith("cname:")) {
          cname = rest.substring("cname:".length());
        } else if (rest.startsWith("msid:")) {
          msid = rest.substring("msid:".length());
        }
      }
    }
    if (inVideo && !done) {
      insert(out, lastSsrcLine, media, rtx, cname, msid, random);
    }
    return String.join("\r\n", out) + "\r\n";
  }

  private static boolean insert(List<String> out, int after, long media, long rtx, String cname,
      String msid, Random random) {
    if (after < 0 || media < 0 || cname == null) {
      throw new IllegalArgumentException("no video SSRCs to make simulcast of");
    }
    long[] layers = {media, ssrc(random), ssrc(random)};
    long[] repairs = {rtx, ssrc(random), ssrc(random)};
    List<String> added = new ArrayList<>();
    added.add("a=ssrc-group:SIM " + layers[0] + " " + layers[1] + " " + layers[2]);
    for (int i = 1; i < 3; i++) {
      added.add("a=ssrc-group:FID " + layers[i] + " " + repairs[i]);
    }
    for (int i = 1; i < 3; i++) {
      for (long ssrc : new long[] {layers[i], repairs[i]}) {
        added.add("a=ssrc:" + ssrc + " cname:" + cname);
        if (msid != null) {
          added.add("a=ssrc:" + ssrc + " msid:" + msid);
        }
      }
    }
    out.addAll(after + 1, added);
    return true;
  }

  private static long ssrc(Random random) {
    return 1 + (random.nextInt() & 0x7FFFFFFFL);
  }
}
