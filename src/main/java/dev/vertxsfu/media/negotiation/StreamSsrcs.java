package dev.vertxsfu.media.negotiation;

/**
 * The SSRC of one RTP stream a client announced ({@code a=ssrc}, RFC 5576 section 4.1) and of
 * its retransmission stream ({@code a=ssrc-group:FID}, RFC 5576 section 4.2 and RFC 4588).
 *
 * @param ssrc the media stream's SSRC
 * @param rtxSsrc the RTX stream's SSRC, or {@link #NONE}
 */
public record StreamSsrcs(long ssrc, long rtxSsrc) {
  /** No SSRC. */
  public static final long NONE = -1;

  public StreamSsrcs {
    if (ssrc < 0 || ssrc > 0xFFFF_FFFFL || rtxSsrc < NONE || rtxSsrc > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("SSRC out of 0..2^32-1");
    }
  }

  public boolean hasRtx() {
    return rtxSsrc != NONE;
  }
}
