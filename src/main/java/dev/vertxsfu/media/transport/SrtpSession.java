package dev.vertxsfu.media.transport;

import dev.vertxsfu.media.rtp.SsrcTable;

import dev.vertxsfu.wire.srtp.SrtcpContext;
import dev.vertxsfu.wire.srtp.SrtpContext;
import dev.vertxsfu.wire.srtp.SrtpSessionKeys;

/**
 * One direction of a transport's SRTP: the session keys the DTLS handshake gave, and an
 * {@link SrtpContext} per RTP stream and an {@link SrtcpContext} per RTCP sender, made on first
 * use (RFC 3711 §3.2.3: a cryptographic context per SSRC). The contexts after the first share
 * its AES-GCM cipher, re-initialised per packet anyway (one per context was ~0.9 KB each, nine
 * per subscriber of a room of four).
 *
 * <p>A peer could announce endless SSRCs; after {@link #MAX_STREAMS} new ones get no context
 * and their packets are dropped. Owned by one {@code WebRtcTransport} on the room's loop.
 */
final class SrtpSession {
  static final int MAX_STREAMS = 512;

  private final SrtpSessionKeys keys;
  private final SsrcTable<SrtpContext> rtp = new SsrcTable<>();
  private final SsrcTable<SrtcpContext> rtcp = new SsrcTable<>();
  /** The first context of each kind, whose cipher the later ones share. */
  private SrtpContext firstRtp;
  private SrtcpContext firstRtcp;

  SrtpSession(SrtpSessionKeys keys) {
    this.keys = keys;
  }

  /** The RTP context of {@code ssrc}, or null when the stream limit is reached. */
  SrtpContext rtp(int ssrc) {
    SrtpContext context = rtp.get(ssrc);
    if (context == null && rtp.size() < MAX_STREAMS) {
      context = firstRtp == null ? new SrtpContext(keys) : new SrtpContext(keys, firstRtp);
      if (firstRtp == null) {
        firstRtp = context;
      }
      rtp.put(ssrc, context);
    }
    return context;
  }

  /** The RTCP context of the sender {@code ssrc}, or null when the stream limit is reached. */
  SrtcpContext rtcp(int ssrc) {
    SrtcpContext context = rtcp.get(ssrc);
    if (context == null && rtcp.size() < MAX_STREAMS) {
      context = firstRtcp == null ? new SrtcpContext(keys) : new SrtcpContext(keys, firstRtcp);
      if (firstRtcp == null) {
        firstRtcp = context;
      }
      rtcp.put(ssrc, context);
    }
    return context;
  }

  /** Bytes protection adds to an RTP packet (the tag). */
  int rtpOverhead() {
    return keys.profile().srtpTagLength();
  }

  /** Bytes protection adds to an RTCP packet (E flag and index, and the tag). */
  int rtcpOverhead() {
    return keys.profile().srtcpOverhead();
  }
}
