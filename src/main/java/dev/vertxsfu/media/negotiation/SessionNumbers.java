package dev.vertxsfu.media.negotiation;

import dev.vertxsfu.wire.sdp.ExtMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The payload types and header extension ids of one client's session. All m-lines of a BUNDLE
 * group share one RTP session, so a number means one thing in all of them (RFC 8843 sections
 * 9.1 and 9.2; libwebrtc refuses a description whose bundled m-lines give a payload type two
 * meanings). The client numbers first: every offer it sends is learnt, and the SFU's own offers
 * reuse its numbers (RFC 8829 section 5.2.2 asks an offerer to keep its numbering, and a client
 * answering our offer keeps what it offered before). A codec or extension the client never
 * numbered gets the capability's preferred number if free, else a free one, and keeps it.
 *
 * <p>Owned by a {@link SessionNegotiator}; a pending SFU offer works on a {@link #copy()} that
 * replaces this one only when the client answers.
 */
final class SessionNumbers {
  /** Where free payload types are looked for: the dynamic range, then what libwebrtc adds. */
  private static final int[][] DYNAMIC_RANGES = {{96, 127}, {35, 63}};

  private record Entry(MediaKind kind, RtpCodec codec, int payloadType, int rtxPayloadType) {}

  private final List<Entry> codecs = new ArrayList<>();
  private final Map<Integer, String> payloadTypeUsers = new HashMap<>();
  private final Map<String, Integer> extensionIds = new LinkedHashMap<>();
  private final Map<Integer, String> extensionUsers = new HashMap<>();

  SessionNumbers copy() {
    SessionNumbers copy = new SessionNumbers();
    copy.codecs.addAll(codecs);
    copy.payloadTypeUsers.putAll(payloadTypeUsers);
    copy.extensionIds.putAll(extensionIds);
    copy.extensionUsers.putAll(extensionUsers);
    return copy;
  }

  /** Takes the client's numbers from one of its m-lines (all formats, supported or not). */
  void learn(MediaKind kind, List<OfferedFormat> formats, List<ExtMap> extMaps) {
    for (OfferedFormat format : formats) {
      if (format.isRtx()) {
        payloadTypeUsers.put(format.payloadType(), "rtx");
        continue;
      }
      OfferedFormat rtx = OfferedFormat.rtxFor(formats, format.payloadType());
      int rtxPt = rtx == null ? -1 : rtx.payloadType();
      codecs.removeIf(e -> e.payloadType == format.payloadType() || e.rtxPayloadType == format
          .payloadType() || (e.kind == kind && CodecMatcher.matches(e.codec, format.codec())));
      codecs.add(new Entry(kind, format.codec(), format.payloadType(), rtxPt));
      payloadTypeUsers.put(format.payloadType(), kind + " " + format.codec().name());
    }
    for (ExtMap map : extMaps) {
      String previous = extensionUsers.get(map.id());
      if (previous != null && !previous.equals(map.uri())) {
        extensionIds.remove(previous);
      }
      extensionIds.put(map.uri(), map.id());
      extensionUsers.put(map.id(), map.uri());
    }
  }

  /**
   * The numbers for sending {@code codec} on an m-line of {@code kind}: the client's if it
   * numbered that codec, else new ones (kept for the next offers).
   */
  NegotiatedCodec assign(MediaKind kind, RtpCodec codec, boolean rtx,
      List<RtcpFeedback> feedback, MediaCapabilities capabilities) {
    Entry entry = null;
    for (Entry candidate : codecs) {
      if (candidate.kind == kind && CodecMatcher.matches(candidate.codec, codec)) {
        entry = candidate;
        break;
      }
    }
    CodecCapability capability = capabilities.match(kind, codec);
    if (entry == null) {
      int pt = freePayloadType(capability == null ? -1 : capability.preferredPayloadType());
      payloadTypeUsers.put(pt, kind + " " + codec.name());
      entry = new Entry(kind, codec, pt, -1);
      codecs.add(entry);
    }
    if (rtx && entry.rtxPayloadType < 0) {
      int rtxPt = freePayloadType(capability == null ? -1 : capability.preferredRtxPayloadType());
      payloadTypeUsers.put(rtxPt, "rtx");
      codecs.remove(entry);
      entry = new Entry(kind, entry.codec, entry.payloadType, rtxPt);
      codecs.add(entry);
    }
    return new NegotiatedCodec(codec, entry.payloadType, rtx ? entry.rtxPayloadType : -1,
        feedback);
  }

  /** The extmaps to offer on an m-line the SFU sends on: the sendable extensions of the kind. */
  List<ExtMap> assignExtensions(MediaKind kind, MediaCapabilities capabilities) {
    List<ExtMap> maps = new ArrayList<>();
    for (HeaderExtensionCapability capability : capabilities.headerExtensions()) {
      if (capability.kind() != kind || !capability.sendable()) {
        continue;
      }
      Integer id = extensionIds.get(capability.uri());
      if (id == null) {
        id = freeExtensionId(capability.preferredId());
        if (id < 0) {
          continue; // all 14 one-byte ids are taken: this extension is left out
        }
        extensionIds.put(capability.uri(), id);
        extensionUsers.put(id, capability.uri());
      }
      maps.add(ExtMap.of(id, capability.uri()));
    }
    return maps;
  }

  private int freePayloadType(int preferred) {
    if (preferred >= 0 && !payloadTypeUsers.containsKey(preferred)) {
      return preferred;
    }
    for (int[] range : DYNAMIC_RANGES) {
      for (int pt = range[0]; pt <= range[1]; pt++) {
        if (!payloadTypeUsers.containsKey(pt)) {
          return pt;
        }
      }
    }
    throw new IllegalStateException("no free payload type left in the session");
  }

  private int freeExtensionId(int preferred) {
    if (!extensionUsers.containsKey(preferred)) {
      return preferred;
    }
    for (int id = 1; id <= ExtMap.MAX_ONE_BYTE_ID; id++) {
      if (!extensionUsers.containsKey(id)) {
        return id;
      }
    }
    return -1;
  }
}
