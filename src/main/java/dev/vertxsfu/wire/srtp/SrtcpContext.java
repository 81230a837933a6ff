package dev.vertxsfu.wire.srtp;

import static dev.vertxsfu.wire.srtp.RtpHeaderFields.checkRange;

/**
 * The SRTCP cryptographic context of one RTCP sender (the SSRC of the first packet of each
 * compound) in one direction (RFC 3711 §3.4): its own 31-bit SRTCP index, carried in every packet
 * after the E flag, and its own replay list.
 *
 * <pre>
 *        0                   1                   2                   3
 *        0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+&lt;+
 *       |V=2|P|    RC   |   PT=SR or RR   |             length          | |
 *       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+ |
 *       |                         SSRC of sender                        | |
 *     +&gt;+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+ |
 *     | ~                          sender info                          ~ |
 *     | +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+ |
 *     | ~                         report block 1                        ~ |
 *     | +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+ |
 *     | ~                              ...                              ~ |
 *     +&gt;+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+ |
 *     | |E|                         SRTCP index                         | |
 *     | +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+&lt;+
 *     | ~                     SRTCP MKI (OPTIONAL)                      ~ |
 *     | +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+ |
 *     | :                     authentication tag                        : |
 *     | +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+ |
 *     |                                                                   |
 *     +-- Encrypted Portion                    Authenticated Portion -----+
 * </pre>
 *
 * (RFC 3711 §3.4, Figure 2, abridged. With the AEAD profiles the tag comes before the E flag and
 * index, which are associated data: RFC 7714 §9.2 and §17.)
 *
 * <p>Who calls it: {@code media.transport}, one instance per RTCP sender SSRC and direction, on
 * the transport's event loop; not thread-safe. {@code protect} always encrypts (E = 1) and
 * numbers packets from 0; {@code unprotect} also accepts packets a peer sent authenticated but
 * unencrypted (E = 0). Results and errors are those of {@link SrtpContext}: the RTCP length, a
 * negative {@link SrtpStatus}, or {@link SrtpFormatException} for bytes that cannot be SRTCP.
 * Only the fixed 8-byte header is checked here; the compound packet is {@code wire.rtcp}'s.
 */
public final class SrtcpContext {
  private static final int MAX_INDEX = 0x7fff_ffff;

  private final SrtpProfile profile;
  private final SrtpTransform transform;
  private final ReplayWindow received = new ReplayWindow(ReplayWindow.SRTCP_WINDOW);
  private int nextIndex;

  public SrtcpContext(SrtpSessionKeys keys) {
    this.profile = keys.profile();
    this.transform = keys.newRtcpTransform();
  }

  /**
   * A context for another RTCP sender under the same {@code keys} as {@code sibling}, sharing its
   * AES-GCM cipher; both must be used by one thread only.
   */
  public SrtcpContext(SrtpSessionKeys keys, SrtcpContext sibling) {
    this.profile = keys.profile();
    this.transform = keys.newRtcpTransform(sibling.transform);
  }

  public SrtpProfile profile() {
    return profile;
  }

  /** Protects {@code buf[off, off+len)} in place; {@code buf} needs room for index and tag. */
  public int protect(byte[] buf, int off, int len) {
    return protect(buf, off, len, buf, off);
  }

  /**
   * Encrypts and authenticates the RTCP packet {@code in[inOff, inOff+len)} into
   * {@code out[outOff, outOff + len + profile().srtcpOverhead())}, with the next SRTCP index.
   *
   * @return the length of the SRTCP packet
   */
  public int protect(byte[] in, int inOff, int len, byte[] out, int outOff) {
    checkRange(in, inOff, len, "RTCP input");
    RtpHeaderFields.checkRtcpHeader(in, inOff, len);
    SrtpContext.checkOutput(in, inOff, len, out, outOff, len + 4 + transform.tagLength);
    int index = nextIndex;
    // RFC 3711 §3.4: incremented by one, modulo 2^31, after each packet sent.
    nextIndex = (index + 1) & MAX_INDEX;
    return transform.protectRtcp(in, inOff, len, RtpHeaderFields.rtcpSsrc(in, inOff), index,
        out, outOff);
  }

  /** Unprotects {@code buf[off, off+len)} in place. */
  public int unprotect(byte[] buf, int off, int len) {
    return unprotect(buf, off, len, buf, off);
  }

  /**
   * Verifies the SRTCP packet {@code in[inOff, inOff+len)} and writes the RTCP packet at
   * {@code out[outOff]}; the replay list moves only when it authenticates.
   *
   * @return the RTCP length, or {@link SrtpStatus#AUTHENTICATION_FAILED},
   *     {@link SrtpStatus#REPLAYED} or {@link SrtpStatus#TOO_OLD}
   */
  public int unprotect(byte[] in, int inOff, int len, byte[] out, int outOff) {
    checkRange(in, inOff, len, "SRTCP input");
    int overhead = 4 + transform.tagLength;
    if (len < RtpHeaderFields.RTCP_HEADER_LENGTH + overhead) {
      throw new SrtpFormatException("SRTCP packet of " + len + " bytes at offset " + inOff
          + " is shorter than an 8-byte RTCP header, the E flag and index and a "
          + transform.tagLength + "-byte tag");
    }
    RtpHeaderFields.checkRtcpHeader(in, inOff, len - overhead);
    SrtpContext.checkOutput(in, inOff, len, out, outOff, len - overhead);
    int eAndIndex = RtpHeaderFields.readInt(in, inOff + transform.srtcpIndexOffset(len));
    long index = eAndIndex & MAX_INDEX;
    int replay = received.check(index);
    if (replay != 0) {
      return replay;
    }
    int rtcpLength = transform.unprotectRtcp(in, inOff, len, RtpHeaderFields.rtcpSsrc(in, inOff),
        eAndIndex, out, outOff);
    if (rtcpLength < 0) {
      return SrtpStatus.AUTHENTICATION_FAILED;
    }
    received.accept(index);
    return rtcpLength;
  }

  /** The SRTCP index the next {@code protect} will use. */
  public int nextIndex() {
    return nextIndex;
  }

  /** The highest authenticated SRTCP index, or -1 before any. */
  public long highestReceivedIndex() {
    return received.highest();
  }

  /** Starts sending at {@code index}, as RFC 7714 §17's vectors need (index 0x5d4). */
  void startSendingAt(int index) {
    this.nextIndex = index & MAX_INDEX;
  }
}
