package dev.vertxsfu.client;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads, from an SDP the SFU sent (an offer, or an answer to a client offer), which m-lines
 * it sends on and which publisher track each carries ({@code a=msid}, RFC 8830).
 *
 * <p>Why the SDP and not the received tracks: libwebrtc keeps a receiver's first track id when
 * the SFU reuses an m-line for another publisher's track, so only the mid and the current
 * {@code a=msid} tell which remote track is which. Pure text work; no state.
 */
final class RemoteDescriptionTracks {
  private RemoteDescriptionTracks() {}

  /**
   * The m-lines of {@code sdp} whose direction lets the remote side send ({@code sendrecv},
   * {@code sendonly}, or none written) and that carry an {@code a=msid}, in SDP order.
   * Rejected m-lines (port 0) and those without a mid are skipped.
   */
  static List<RemoteTrackId> read(String sdp) {
    List<RemoteTrackId> tracks = new ArrayList<>();
    Section section = null;
    for (String raw : sdp.split("\r?\n")) {
      String line = raw.trim();
      if (line.startsWith("m=")) {
        addIfSending(section, tracks);
        section = Section.of(line);
      } else if (section != null && line.startsWith("a=")) {
        section.attribute(line.substring(2));
      }
    }
    addIfSending(section, tracks);
    return tracks;
  }

  private static void addIfSending(Section section, List<RemoteTrackId> tracks) {
    if (section != null && !section.rejected && section.mid != null && section.msid != null
        && section.sends) {
      String[] ids = section.msid.split(" ");
      if (ids.length >= 2) {
        tracks.add(new RemoteTrackId(section.mid, ids[0], ids[1], section.kind));
      }
    }
  }

  /** One media section being read. */
  private static final class Section {
    final String kind;
    final boolean rejected;
    String mid;
    String msid;
    boolean sends = true; // RFC 8866 section 6.7: sendrecv when no direction is written

    private Section(String kind, boolean rejected) {
      this.kind = kind;
      this.rejected = rejected;
    }

    static Section of(String mLine) {
      String[] fields = mLine.substring(2).split(" ");
      return new Section(fields[0], fields.length > 1 && fields[1].equals("0"));
    }

    void attribute(String attribute) {
      if (attribute.startsWith("mid:")) {
        mid = attribute.substring(4).trim();
      } else if (attribute.startsWith("msid:") && msid == null) {
        msid = attribute.substring(5).trim();
      } else if (attribute.equals("recvonly") || attribute.equals("inactive")) {
        sends = false;
      } else if (attribute.equals("sendrecv") || attribute.equals("sendonly")) {
        sends = true;
      }
    }
  }
}
