package dev.vertxsfu.media.negotiation;

import dev.vertxsfu.wire.sdp.SdpFormatException;

/**
 * A remote description the SFU cannot accept: an offer without BUNDLE or rtcp-mux, without ICE
 * credentials or fingerprint, with a DTLS role the SFU cannot take, with a malformed typed
 * attribute; an answer that does not match the SFU's pending offer. The message says which
 * m-line and why, and is safe to return to the client as the {@code message} of a
 * {@code bad_request} error (docs/protocol.md). The negotiator's state is kept when it is thrown.
 */
public final class NegotiationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NegotiationException(String message) {
    super(message);
  }

  /** A malformed typed attribute found while reading a remote description. */
  static NegotiationException malformed(SdpFormatException cause) {
    NegotiationException e = new NegotiationException("malformed SDP: " + cause.getMessage());
    e.initCause(cause);
    return e;
  }
}
