package dev.vertxsfu.media.router;

import dev.vertxsfu.media.transport.MediaSender;
import dev.vertxsfu.wire.rtcp.CompoundPacket;
import dev.vertxsfu.wire.rtcp.RtcpPacket;
import dev.vertxsfu.wire.rtp.RtpPacket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A client's sending side for router unit tests: keeps copies of what the router sent. While
 * not {@link #connected} it refuses every packet, as a transport without SRTP keys does.
 */
final class RecordingSender implements MediaSender {
  final List<byte[]> rtp = new ArrayList<>();
  final List<RtcpPacket> rtcp = new ArrayList<>();
  boolean connected = true;
  int refused;

  @Override
  public boolean sendRtp(byte[] buf, int off, int len) {
    if (!connected) {
      refused++;
      return false;
    }
    rtp.add(Arrays.copyOfRange(buf, off, off + len));
    return true;
  }

  @Override
  public boolean sendRtcp(byte[] buf, int off, int len) {
    if (!connected) {
      refused++;
      return false;
    }
    rtcp.addAll(CompoundPacket.parse(buf, off, len));
    return true;
  }

  @Override
  public boolean isConnected() {
    return connected;
  }

  RtpPacket rtp(int index) {
    byte[] bytes = rtp.get(index);
    return new RtpPacket().wrap(bytes, 0, bytes.length);
  }

  <T extends RtcpPacket> List<T> rtcp(Class<T> type) {
    return rtcp.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
