package dev.vertxsfu.bench;

import dev.vertxsfu.media.rtp.SsrcTable;
import dev.vertxsfu.wire.WireFormatException;
import dev.vertxsfu.wire.srtp.SrtcpContext;
import dev.vertxsfu.wire.srtp.SrtpContext;
import dev.vertxsfu.wire.srtp.SrtpSessionKeys;

/**
 * One direction of a synthetic peer's SRTP: a cryptographic context per SSRC (RFC 3711 §3.2.3),
 * made on first use from the session keys the DTLS handshake exported. The SFU's own
 * equivalent is package-private in {@code media.transport}; this one also protects and
 * unprotects, returning -1 instead of throwing, so the receive path stays branch-only.
 *
 * <p>Threads: the owning {@link PeerLoop} only.
 */
final class SrtpStreams {
  private final SrtpSessionKeys keys;
  private final SsrcTable<SrtpContext> rtp = new SsrcTable<>();
  private final SsrcTable<SrtcpContext> rtcp = new SsrcTable<>();

  SrtpStreams(SrtpSessionKeys keys) {
    this.keys = keys;
  }

  /** Protects RTP in place ({@code buf} has 16 spare bytes); the new length, or -1. */
  int protectRtp(byte[] buf, int off, int len) {
    try {
      return rtp(ssrc(buf, off + 8)).protect(buf, off, len);
    } catch (WireFormatException e) {
      return -1;
    }
  }

  /** Protects RTCP in place ({@code buf} has 20 spare bytes); the new length, or -1. */
  int protectRtcp(byte[] buf, int off, int len) {
    try {
      return rtcp(ssrc(buf, off + 4)).protect(buf, off, len);
    } catch (WireFormatException e) {
      return -1;
    }
  }

  /** Unprotects SRTP in place; the plain length, or -1 for a forged, replayed or bad packet. */
  int unprotectRtp(byte[] buf, int off, int len) {
    if (len < 12) {
      return -1;
    }
    try {
      return rtp(ssrc(buf, off + 8)).unprotect(buf, off, len);
    } catch (WireFormatException e) {
      return -1;
    }
  }

  /** Unprotects SRTCP in place; the plain length, or -1. */
  int unprotectRtcp(byte[] buf, int off, int len) {
    if (len < 8) {
      return -1;
    }
    try {
      return rtcp(ssrc(buf, off + 4)).unprotect(buf, off, len);
    } catch (WireFormatException e) {
      return -1;
    }
  }

  private SrtpContext rtp(int ssrc) {
    SrtpContext context = rtp.get(ssrc);
    if (context == null) {
      context = new SrtpContext(keys);
      rtp.put(ssrc, context);
    }
    return context;
  }

  private SrtcpContext rtcp(int ssrc) {
    SrtcpContext context = rtcp.get(ssrc);
    if (context == null) {
      context = new SrtcpContext(keys);
      rtcp.put(ssrc, context);
    }
    return context;
  }

  static int ssrc(byte[] buf, int at) {
    return ((buf[at] & 0xFF) << 24) | ((buf[at + 1] & 0xFF) << 16) | ((buf[at + 2] & 0xFF) << 8)
        | (buf[at + 3] & 0xFF);
  }
}
