package dev.vertxsfu.media.transport;

import dev.vertxsfu.media.dtls.DtlsTransport;
import dev.vertxsfu.media.ice.IceState;

/**
 * A transport's connection state as RTCPeerConnectionState names it (W3C webrtc-pc §4.3.3),
 * and what docs/protocol.md's {@code connection_state} event carries.
 */
public enum TransportState {
  NEW, CONNECTING, CONNECTED, DISCONNECTED, FAILED, CLOSED;

  /** The aggregate of the ICE and DTLS states, as the W3C table combines them. */
  static TransportState of(IceState ice, DtlsTransport.State dtls) {
    if (dtls == DtlsTransport.State.CLOSED) {
      return CLOSED;
    }
    if (ice == IceState.FAILED || dtls == DtlsTransport.State.FAILED) {
      return FAILED;
    }
    if (ice == IceState.DISCONNECTED) {
      return DISCONNECTED;
    }
    if (ice == IceState.NEW) {
      return NEW;
    }
    return dtls == DtlsTransport.State.CONNECTED ? CONNECTED : CONNECTING;
  }

  /** The word docs/protocol.md uses. */
  public String protocolName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
