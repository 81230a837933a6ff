package dev.vertxsfu.media.router;

/** Sizes of the router's packet buffers. */
final class RtpPacketLimits {
  /** Room after a packet for the SRTP tag or the SRTCP trailer. */
  static final int SRTP_ROOM = 32;
  /** A whole datagram (WebRTC peers keep packets under the path MTU) and that room. */
  static final int BUFFER = 1500 + SRTP_ROOM;

  private RtpPacketLimits() {}
}
