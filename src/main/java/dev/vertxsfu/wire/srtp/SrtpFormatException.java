package dev.vertxsfu.wire.srtp;

import dev.vertxsfu.wire.WireFormatException;

/**
 * Bytes that {@code wire.srtp} cannot even try to authenticate: an RTP or RTCP header that does
 * not fit (too short, version other than 2, CSRC list or header extension past the end), a packet
 * shorter than its header plus the authentication tag, an output buffer without room, or keying
 * material of the wrong length for its profile.
 *
 * <p>Authentication failures and replays are <em>not</em> format errors: {@link SrtpContext} and
 * {@link SrtcpContext} report those as negative {@link SrtpStatus} codes, without an exception,
 * so a forged or replayed packet costs little. Like every {@link WireFormatException} it carries
 * no stack trace; the message says what and at which offset.
 */
public final class SrtpFormatException extends WireFormatException {
  private static final long serialVersionUID = 1L;

  public SrtpFormatException(String message) {
    super(message);
  }
}
