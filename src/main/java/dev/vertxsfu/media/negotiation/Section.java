package dev.vertxsfu.media.negotiation;

import dev.vertxsfu.wire.sdp.Direction;
import dev.vertxsfu.wire.sdp.ExtMap;
import dev.vertxsfu.wire.sdp.Simulcast;
import dev.vertxsfu.wire.sdp.MediaDescription;
import java.util.ArrayList;
import java.util.List;

/**
 * What the SFU knows about one m-line of a client's session (an RTP transceiver, in JSEP
 * terms): its mid and kind, the SFU's side of it (codecs and extmaps as the SFU last wrote them,
 * the SendTrack it carries) and the client's side (its direction, the track it sends). The
 * negotiator keeps one per m-line, in m-line order; JSEP never removes or reorders m-lines
 * (RFC 8829 section 5.2.2), so the index is the m-line's for the life of the session.
 *
 * <p>Immutable; builders make changed copies with the {@code with...} methods.
 *
 * @param mid the {@code a=mid}
 * @param kind audio or video; {@code null} for an m-line that is not RTP (the data channel)
 * @param header the rejected m-line's {@code <media> <proto> <fmt>...}, written back with port 0
 * @param rejected whether the m-line is rejected or stopped (port 0, RFC 3264 section 6)
 * @param codecs the SFU's codecs on it, with the session's payload types
 * @param extensions the SFU's extmaps on it
 * @param rtcpRsize whether {@code a=rtcp-rsize} is written (RFC 5506)
 * @param localDirection the direction the SFU last wrote (its own view)
 * @param remoteDirection the client's direction, in the client's view
 * @param received the track the client sends on it, or {@code null}
 * @param receiveSimulcast the simulcast the SFU receives ({@code a=simulcast:recv}), or null
 * @param sending the SFU's track on it, or {@code null}
 * @param sendState what the client agreed to for {@code sending}, or {@code null} before it did
 */
record Section(String mid, MediaKind kind, List<String> header, boolean rejected,
    List<NegotiatedCodec> codecs, List<ExtMap> extensions, boolean rtcpRsize,
    Direction localDirection, Direction remoteDirection, ReceivedTrack received,
    Simulcast receiveSimulcast, SendTrack sending, NegotiatedSendTrack sendState) {

  Section {
    header = List.copyOf(header);
    codecs = List.copyOf(codecs);
    extensions = List.copyOf(extensions);
  }

  /** A rejected m-line: {@code header} is its media, proto and formats. */
  static Section rejected(String mid, MediaKind kind, List<String> header) {
    return new Section(mid, kind, header, true, List.of(), List.of(), false, Direction.INACTIVE,
        Direction.INACTIVE, null, null, null, null);
  }

  /**
   * This m-line rejected (port 0), written with its last header, or one made from its codecs
   * if the client never saw it.
   */
  Section asRejected() {
    List<String> rejectedHeader = header;
    if (rejectedHeader.isEmpty()) {
      rejectedHeader = new ArrayList<>(List.of(kind.sdpName(), MediaDescription.RTP_PROTO));
      for (NegotiatedCodec codec : codecs) {
        rejectedHeader.add(Integer.toString(codec.payloadType()));
      }
    }
    return rejected(mid, kind, rejectedHeader);
  }

  /** Whether neither side sends: an m-line a new SendTrack of its kind may take over. */
  boolean recyclable(MediaKind wanted) {
    return !rejected && kind == wanted && sending == null && received == null;
  }

  Section withSending(SendTrack track, NegotiatedSendTrack state) {
    return new Section(mid, kind, header, rejected, codecs, extensions, rtcpRsize, localDirection,
        remoteDirection, received, receiveSimulcast, track, state);
  }

  Section withLocal(List<NegotiatedCodec> newCodecs, List<ExtMap> newExtensions,
      Direction direction) {
    return new Section(mid, kind, header, rejected, newCodecs, newExtensions, rtcpRsize,
        direction, remoteDirection, received, receiveSimulcast, sending, sendState);
  }

  Section withRemote(Direction direction, ReceivedTrack track, Direction local) {
    return new Section(mid, kind, header, rejected, codecs, extensions, rtcpRsize, local,
        direction, track, track == null ? null : receiveSimulcast, sending, sendState);
  }
}
