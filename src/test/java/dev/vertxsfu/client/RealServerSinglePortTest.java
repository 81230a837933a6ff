package dev.vertxsfu.client;

import dev.vertxsfu.FreePorts;
import java.util.Map;

/**
 * {@link RealServerTest} end to end (WebSocket, bus, libwebrtc peers decoding) with the node in
 * single-port mode ({@code media.udp-port}): its rooms share one UDP port per event loop of
 * the node's Vert.x (several loops here, so rooms of one node sit on different ports).
 */
class RealServerSinglePortTest extends RealServerTest {
  /** More than the node's event loops (two per core by default): each binds one of them. */
  private static final int PORTS = 2 * 2 * Runtime.getRuntime().availableProcessors();

  @Override
  Map<String, String> nodeSettings() {
    return Map.of("SFU_MEDIA_UDP_PORT", Integer.toString(FreePorts.udpBlock(PORTS)));
  }
}
