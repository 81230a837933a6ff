package dev.vertxsfu.media.negotiation;

import dev.vertxsfu.wire.sdp.Attributes;
import dev.vertxsfu.wire.sdp.Direction;
import dev.vertxsfu.wire.sdp.ExtMap;
import dev.vertxsfu.wire.sdp.MediaDescription;
import dev.vertxsfu.wire.sdp.SessionDescription;
import dev.vertxsfu.wire.sdp.Simulcast;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The SFU's side of each m-line of a client's offer (RFC 8829 sections 5.3.1 and 5.3.2):
 *
 * <ul>
 *   <li>RTP audio/video in the BUNDLE group with a codec in common: accepted, with the codecs
 *       ({@link CodecNegotiation}) and extensions ({@link ExtensionNegotiation}) in the client's
 *       order and numbers;
 *   <li>anything else (the data channel: the SFU has no SCTP; an m-line outside BUNDLE; no
 *       codec in common; port 0): rejected with port 0, the m-line kept (RFC 3264 section 6).
 *       Rejecting one m-line rather than the whole offer lets the client's other tracks work;
 *   <li>direction: the reverse of the client's, intersected with what the SFU does there
 *       (RFC 8829 section 5.3.1): it receives every track the client sends, and sends where
 *       a SendTrack is placed and the client receives;
 *   <li>simulcast: the client's {@code send} rids answered as {@code recv} (RFC 8853
 *       section 5.3).
 * </ul>
 *
 * <p>An m-line keeps its mid and kind for the whole session; only a rejected one may come back
 * with a new mid (the client recycled it, RFC 8829 section 5.2.2).
 */
final class AnswerBuilder {
  /** RFC 8843 section 6: an m-line with port 0 that shares the BUNDLE transport. */
  static final String BUNDLE_ONLY = "bundle-only";

  private final MediaCapabilities capabilities;

  AnswerBuilder(MediaCapabilities capabilities) {
    this.capabilities = capabilities;
  }

  /** The sections after answering {@code offer}, given those negotiated so far. */
  List<Section> sections(SessionDescription offer, List<Section> previous) {
    List<MediaDescription> media = offer.media();
    if (media.size() < previous.size()) {
      throw new NegotiationException("the offer has " + media.size() + " m-lines, the session "
          + previous.size() + ": m-lines are never removed (RFC 8829 section 5.2.2)");
    }
    List<Section> sections = new ArrayList<>();
    for (int i = 0; i < media.size(); i++) {
      MediaDescription m = media.get(i);
      Section before = i < previous.size() ? previous.get(i) : null;
      if (before != null && !Objects.equals(before.mid(), m.mid())) {
        if (!before.rejected()) {
          throw new NegotiationException(RemoteChecks.where(m, i) + " was mid " + before.mid()
              + ": only a rejected m-line may get a new mid (RFC 8829 section 5.2.2)");
        }
        before = null;
      }
      if (before != null && !before.rejected() && before.kind() != MediaKind.fromSdpName(m.media())) {
        throw new NegotiationException(RemoteChecks.where(m, i) + " was " + before.kind()
            + ": an m-line keeps its media type");
      }
      sections.add(section(offer, m, i, before));
    }
    return sections;
  }

  private Section section(SessionDescription offer, MediaDescription m, int index,
      Section before) {
    MediaKind kind = MediaKind.fromSdpName(m.media());
    boolean rtp = kind != null && RemoteChecks.isRtp(m);
    if (rtp && (m.port() != 0 || m.attributes().has(BUNDLE_ONLY)) && m.mid() == null) {
      throw new NegotiationException(RemoteChecks.where(m, index) + " has no a=mid "
          + "(RFC 8829 section 5.2.1: every m-line has one)");
    }
    // port 0 rejects an m-line, unless it is bundle-only (RFC 8843 section 6)
    boolean live = m.port() != 0 || m.attributes().has(BUNDLE_ONLY);
    if (!rtp || !live || !RemoteChecks.bundled(offer, m)) {
      return Section.rejected(m.mid(), kind, header(m));
    }
    RemoteChecks.checkTransport(offer, m, index, true);
    List<NegotiatedCodec> codecs =
        CodecNegotiation.intersect(kind, OfferedFormat.read(m), capabilities);
    if (codecs.isEmpty()) {
      return Section.rejected(m.mid(), kind, header(m));
    }
    List<ExtMap> extensions = ExtensionNegotiation.answer(kind,
        offer.effective(m, Attributes::extMaps), capabilities);
    Direction remote = offer.direction(m);
    ReceivedTrack received = remote.sends()
        ? ReceivedTrackReader.read(m, kind, codecs, extensions) : null;
    SendTrack sending = before == null || before.rejected() ? null : before.sending();
    NegotiatedSendTrack state = sending == null ? null
        : SendNegotiation.negotiate(sending, m.mid(), remote, codecs, extensions);
    Direction local = Direction.of(state != null && state.accepted(), received != null);
    return new Section(m.mid(), kind, header(m), false, codecs, extensions,
        m.attributes().rtcpRsize(), local, remote, received, receiveSimulcast(m, received),
        sending, state);
  }

  /** The client's send streams whose first rid it declared, as the SFU's recv list. */
  private static Simulcast receiveSimulcast(MediaDescription m, ReceivedTrack received) {
    if (received == null || received.rids().isEmpty()) {
      return null;
    }
    List<List<Simulcast.Stream>> streams = new ArrayList<>();
    for (List<Simulcast.Stream> alternatives : m.attributes().simulcast().send()) {
      if (received.rids().contains(alternatives.get(0).rid())) {
        streams.add(alternatives);
      }
    }
    return new Simulcast(List.of(), streams);
  }

  static List<String> header(MediaDescription m) {
    List<String> header = new ArrayList<>(List.of(m.media(), m.proto()));
    header.addAll(m.formats());
    return header;
  }
}
