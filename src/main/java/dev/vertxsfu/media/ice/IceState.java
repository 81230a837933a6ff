package dev.vertxsfu.media.ice;

/**
 * Where an ICE-lite transport stands, with the names of RTCIceTransportState (W3C webrtc-pc
 * §5.6) that apply to a lite, controlled agent.
 */
public enum IceState {
  /** No authenticated check yet. */
  NEW,
  /** At least one address passed an authenticated check; none nominated yet. */
  CONNECTED,
  /** The controlling peer nominated an address (USE-CANDIDATE). */
  COMPLETED,
  /** No authenticated check for a while; media may still flow, consent is not yet lost. */
  DISCONNECTED,
  /** Consent expired (RFC 7675 §5.1: 30 s without a check); the transport is dead. */
  FAILED
}
