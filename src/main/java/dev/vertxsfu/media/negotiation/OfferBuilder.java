package dev.vertxsfu.media.negotiation;

import dev.vertxsfu.wire.sdp.Direction;
import dev.vertxsfu.wire.sdp.ExtMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sections of an SFU offer that carries exactly a given list of {@link SendTrack}s (RFC
 * 8829 section 5.2.2, subsequent offers):
 *
 * <ul>
 *   <li>every m-line of the session stays, in its order, with its mid;
 *   <li>a track already on an m-line keeps it; a track no longer wanted leaves its m-line
 *       {@code inactive} (or {@code recvonly} where the client sends), its msid and SSRC lines
 *       gone;
 *   <li>a new track takes the first m-line of its kind where nobody sends in the negotiated
 *       state, keeping that mid (m-lines freed by this same offer are not taken: the client must
 *       see the old track end before a new one starts there, or its receiver would carry on
 *       with the old track and fire no {@code track} event); else a new m-line is appended with
 *       a fresh mid;
 *   <li>a sending m-line offers the producer's codec alone (with RTX if wanted), numbered as the
 *       client numbers it ({@link SessionNumbers}), and the sendable extensions;
 *   <li>the client's own m-lines are offered as the SFU last described them ({@code recvonly},
 *       simulcast {@code recv}...).
 * </ul>
 */
final class OfferBuilder {
  record Result(List<Section> sections, Map<String, String> mids) {}

  private final MediaCapabilities capabilities;

  OfferBuilder(MediaCapabilities capabilities) {
    this.capabilities = capabilities;
  }

  /**
   * @param numbers the session's numbers; new assignments are recorded in it
   * @param usedMids every mid the session ever used; new mids are added to it
   */
  Result build(List<Section> current, List<SendTrack> tracks, SessionNumbers numbers,
      Set<String> usedMids) {
    Map<String, SendTrack> byKey = new LinkedHashMap<>();
    for (SendTrack track : tracks) {
      if (byKey.put(track.key(), track) != null) {
        throw new IllegalArgumentException("two SendTracks with key " + track.key());
      }
    }
    List<Section> sections = new ArrayList<>();
    Map<String, String> placed = new LinkedHashMap<>();
    for (Section section : current) {
      SendTrack track = section.sending() == null ? null : byKey.get(section.sending().key());
      if (track != null) {
        placed.put(track.key(), section.mid());
      }
      sections.add(section.withSending(track, track == null ? null : section.sendState()));
    }
    for (SendTrack track : byKey.values()) {
      if (placed.containsKey(track.key())) {
        continue;
      }
      int index = recyclable(current, sections, track.kind());
      if (index >= 0) {
        sections.set(index, sections.get(index).withSending(track, null));
      } else {
        String mid = freshMid(usedMids);
        sections.add(new Section(mid, track.kind(), List.of(), false, List.of(), List.of(), true,
            Direction.INACTIVE, Direction.INACTIVE, null, null, track, null));
        index = sections.size() - 1;
      }
      placed.put(track.key(), sections.get(index).mid());
    }
    sections.replaceAll(section -> local(section, numbers));
    Map<String, String> mids = new LinkedHashMap<>();
    byKey.keySet().forEach(key -> mids.put(key, placed.get(key)));
    return new Result(sections, mids);
  }

  /** The first m-line of {@code kind} free in the negotiated state and not taken yet. */
  private static int recyclable(List<Section> current, List<Section> sections, MediaKind kind) {
    for (int i = 0; i < current.size(); i++) {
      if (current.get(i).recyclable(kind) && sections.get(i).sending() == null) {
        return i;
      }
    }
    return -1;
  }

  /** The smallest decimal number not yet used as a mid, as browsers number theirs. */
  private static String freshMid(Set<String> usedMids) {
    for (int n = 0; ; n++) {
      String mid = Integer.toString(n);
      if (usedMids.add(mid)) {
        return mid;
      }
    }
  }

  /** The SFU's codecs, extmaps and direction for a section in this offer. */
  private Section local(Section section, SessionNumbers numbers) {
    if (section.rejected()) {
      return section;
    }
    SendTrack track = section.sending();
    boolean receives = section.received() != null;
    if (track == null) {
      return section.withLocal(section.codecs(), section.extensions(),
          Direction.of(false, receives));
    }
    List<NegotiatedCodec> codecs = new ArrayList<>();
    List<ExtMap> extensions;
    if (receives) {
      codecs.addAll(section.codecs());
      extensions = section.extensions();
    } else {
      extensions = numbers.assignExtensions(track.kind(), capabilities);
    }
    if (CodecNegotiation.find(codecs, track.codec()) == null) {
      codecs.add(numbers.assign(track.kind(), track.codec(), track.rtx(), track.rtcpFeedback(),
          capabilities));
    }
    return section.withLocal(codecs, extensions, Direction.of(true, receives));
  }
}
