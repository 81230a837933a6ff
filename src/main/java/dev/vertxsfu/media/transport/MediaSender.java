package dev.vertxsfu.media.transport;

/**
 * Where the router sends a client's RTP and RTCP: its {@link WebRtcTransport}, which protects
 * and sends in place. Called on the room's event loop; the bytes must have room after
 * {@code len} for the SRTP tag (16 bytes) or the SRTCP trailer (20 bytes).
 */
public interface MediaSender {
  /** @return false if the packet could not be sent (not connected yet, or closed) */
  boolean sendRtp(byte[] buf, int off, int len);

  /** @return false if the packet could not be sent (not connected yet, or closed) */
  boolean sendRtcp(byte[] buf, int off, int len);

  /**
   * Whether a packet sent now can reach the client (ICE and DTLS up, SRTP keyed): a consumer
   * asks for key frames only then, since one sent before would be lost.
   */
  boolean isConnected();
}
