package dev.vertxsfu.wire.srtp;

import static dev.vertxsfu.wire.srtp.RtpHeaderFields.checkRange;

/**
 * The SRTP cryptographic context of one RTP stream (one SSRC) in one direction (RFC 3711 §3.2):
 * protects or unprotects its packets in place or into a caller's buffer, and keeps the stream's
 * state, the rollover counter (ROC) and highest index for sending, the ROC estimate and replay
 * list (RFC 3711 §3.3.1, §3.3.2, Appendix A) for receiving.
 *
 * <pre>
 *      0                   1                   2                   3
 *      0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+&lt;+
 *     |V=2|P|X|  CC   |M|     PT      |       sequence number         | |
 *     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+ |
 *     |                           timestamp                           | |
 *     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+ |
 *     |           synchronization source (SSRC) identifier            | |
 *     +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+ |
 *     |            contributing source (CSRC) identifiers             | |
 *     |                               ....                            | |
 *     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+ |
 *     |                   RTP extension (OPTIONAL)                    | |
 *   +&gt;+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+ |
 *   | |                          payload  ...                         | |
 *   | |                               +-------------------------------+ |
 *   | |                               | RTP padding   | RTP pad count | |
 *   +&gt;+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+&lt;+
 *   | ~                     SRTP MKI (OPTIONAL)                       ~ |
 *   | +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+ |
 *   | :                 authentication tag (RECOMMENDED)              : |
 *   | +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+ |
 *   |                                                                   |
 *   +- Encrypted Portion*                      Authenticated Portion ---+
 * </pre>
 *
 * (RFC 3711 §3.1, Figure 1. DTLS-SRTP never uses the MKI; with the AEAD profiles the tag is
 * GCM's and the header is the associated data, RFC 7714 §8.)
 *
 * <p>Who calls it: {@code media.transport}, one instance per SSRC and direction, built from the
 * {@link SrtpSessionKeys} of that direction and owned by the transport's event loop. It is not
 * thread-safe and needs no lock. Use one instance only to send or only to receive.
 *
 * <p>Results: {@code protect} returns the SRTP length. {@code unprotect} returns the RTP length
 * (the SRTP length minus the tag) or a negative {@link SrtpStatus}: a forged, corrupted or
 * replayed packet is an ordinary result, not an exception, and the replay and too-old checks run
 * before any cryptography. Bytes that cannot be an SRTP packet at all (header past the end,
 * shorter than header plus tag, version not 2) and unusable buffers raise
 * {@link SrtpFormatException}. {@code out} may be {@code in} at the same offset (in place) or a
 * region that does not overlap the input; the input is never modified when they differ.
 *
 * <p>Sending: the context tracks the ROC itself from the sequence numbers it is given, so a
 * forwarded stream may arrive reordered or with retransmissions. Protect one sequence number
 * twice only with the same bytes (a retransmission): with GCM two different packets under one
 * index would reveal the authentication key.
 */
public final class SrtpContext {
  private final SrtpProfile profile;
  private final SrtpTransform transform;
  private final ReplayWindow received = new ReplayWindow(ReplayWindow.SRTP_WINDOW);
  private long highestSent = -1;

  public SrtpContext(SrtpSessionKeys keys) {
    this.profile = keys.profile();
    this.transform = keys.newRtpTransform();
  }

  /**
   * A context for another SSRC under the same {@code keys} as {@code sibling}, sharing its AES-GCM
   * cipher (about 0.9 KB less per context); both must be used by one thread only.
   */
  public SrtpContext(SrtpSessionKeys keys, SrtpContext sibling) {
    this.profile = keys.profile();
    this.transform = keys.newRtpTransform(sibling.transform);
  }

  public SrtpProfile profile() {
    return profile;
  }

  /** Protects {@code buf[off, off+len)} in place; {@code buf} needs room for the tag after it. */
  public int protect(byte[] buf, int off, int len) {
    return protect(buf, off, len, buf, off);
  }

  /**
   * Encrypts and authenticates the RTP packet {@code in[inOff, inOff+len)} into
   * {@code out[outOff, outOff + len + profile().srtpTagLength())}.
   *
   * @return the length of the SRTP packet
   * @throws SrtpFormatException if the RTP header does not fit or {@code out} has no room
   */
  public int protect(byte[] in, int inOff, int len, byte[] out, int outOff) {
    checkRange(in, inOff, len, "RTP input");
    int headerLen = RtpHeaderFields.headerLength(in, inOff, len);
    checkOutput(in, inOff, len, out, outOff, len + transform.tagLength);
    long index = estimateIndex(highestSent, RtpHeaderFields.sequenceNumber(in, inOff));
    if (index < 0) {
      // Older than the first packet this context sent: no earlier ROC exists, keep ROC 0.
      index &= 0xffff;
    }
    if (index > highestSent) {
      highestSent = index;
    }
    return transform.protectRtp(in, inOff, len, headerLen, RtpHeaderFields.rtpSsrc(in, inOff),
        index, out, outOff);
  }

  /** Unprotects {@code buf[off, off+len)} in place. */
  public int unprotect(byte[] buf, int off, int len) {
    return unprotect(buf, off, len, buf, off);
  }

  /**
   * Verifies the SRTP packet {@code in[inOff, inOff+len)} and writes the RTP packet at
   * {@code out[outOff]}. The replay list and ROC move only when the packet authenticates.
   *
   * @return the RTP length, or {@link SrtpStatus#AUTHENTICATION_FAILED},
   *     {@link SrtpStatus#REPLAYED} or {@link SrtpStatus#TOO_OLD}
   * @throws SrtpFormatException if the bytes cannot be an SRTP packet or {@code out} has no room
   */
  public int unprotect(byte[] in, int inOff, int len, byte[] out, int outOff) {
    checkRange(in, inOff, len, "SRTP input");
    int tagLength = transform.tagLength;
    if (len < RtpHeaderFields.RTP_FIXED_HEADER_LENGTH + tagLength) {
      throw new SrtpFormatException("SRTP packet of " + len + " bytes at offset " + inOff
          + " is shorter than a 12-byte RTP header and a " + tagLength + "-byte tag");
    }
    int headerLen = RtpHeaderFields.headerLength(in, inOff, len - tagLength);
    checkOutput(in, inOff, len, out, outOff, len - tagLength);
    long index = estimateIndex(received.highest(), RtpHeaderFields.sequenceNumber(in, inOff));
    if (index < 0) {
      return SrtpStatus.TOO_OLD;
    }
    int replay = received.check(index);
    if (replay != 0) {
      return replay;
    }
    if (!transform.unprotectRtp(in, inOff, len, headerLen, RtpHeaderFields.rtpSsrc(in, inOff),
        index, out, outOff)) {
      return SrtpStatus.AUTHENTICATION_FAILED;
    }
    received.accept(index);
    return len - tagLength;
  }

  /** The receiver's rollover counter: ROC of the highest authenticated packet (0 before any). */
  public long rolloverCounter() {
    long highest = received.highest();
    return highest < 0 ? 0 : highest >>> 16;
  }

  /** The highest authenticated 48-bit packet index, ROC * 65536 + SEQ, or -1 before any. */
  public long highestReceivedIndex() {
    return received.highest();
  }

  /** The highest packet index protected so far, or -1 before any. */
  public long highestSentIndex() {
    return highestSent;
  }

  /**
   * The packet index of {@code seq} relative to {@code highest} (RFC 3711 §3.3.1, Appendix A):
   * the ROC guess v is ROC - 1, ROC or ROC + 1, whichever puts the index closest to s_l.
   * Negative when the guess is ROC - 1 with ROC = 0.
   */
  static long estimateIndex(long highest, int seq) {
    if (highest < 0) {
      return seq;
    }
    long roc = highest >>> 16;
    int sl = (int) highest & 0xffff;
    long v;
    if (sl < 32768) {
      v = seq - sl > 32768 ? roc - 1 : roc;
    } else {
      v = sl - 32768 > seq ? roc + 1 : roc;
    }
    return v < 0 ? -1 : (v << 16) | seq;
  }

  static void checkOutput(byte[] in, int inOff, int inLen, byte[] out, int outOff, int outLen) {
    checkRange(out, outOff, outLen, "output");
    if (in == out && inOff != outOff && inOff < outOff + outLen && outOff < inOff + inLen) {
      throw new SrtpFormatException("output at offset " + outOff
          + " overlaps the input at offset " + inOff + " without being in place");
    }
  }
}
