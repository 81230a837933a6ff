package dev.vertxsfu.media.router;

import dev.vertxsfu.media.transport.MediaSender;
import dev.vertxsfu.wire.rtcp.RtcpPacket;

/**
 * Serializes the RTCP packets the router makes (reports, NACK, PLI) into one reused buffer,
 * with room for the SRTCP trailer, and sends them. One per room, on its event loop; RTCP is
 * sent a few times a second per stream, so the packet objects themselves are not pooled.
 */
final class RtcpWriter {
  /** The largest RTCP packet the router makes, plus the SRTCP index and tag. */
  private final byte[] buffer = new byte[1500];
  private long sent;

  void send(MediaSender to, RtcpPacket packet) {
    int length = packet.write(buffer, 0);
    if (to.sendRtcp(buffer, 0, length)) {
      sent++;
    }
  }

  long packetsSent() {
    return sent;
  }
}
