package dev.vertxsfu.bench.janus;

import java.nio.file.Path;

/**
 * How {@link JanusProcess} starts Janus: its WebSocket port (0: a free one), its RTP port range
 * (0 and 0: a free block of {@link #DEFAULT_RTP_PORTS}; Janus takes one UDP port per
 * PeerConnection with BUNDLE and rtcp-mux), its debug level (0-7; 3 logs errors and warnings)
 * and the folder holding the config templates and the shim ({@code bench/janus} from the
 * project's root, the working directory of Maven's tests; property {@code janus.bench.dir}).
 * Immutable.
 */
public record JanusOptions(int webSocketPort, int rtpPortMin, int rtpPortMax, int debugLevel,
    Path benchDir) {
  public static final int DEFAULT_RTP_PORTS = 400;

  public JanusOptions {
    if (debugLevel < 0 || debugLevel > 7) {
      throw new IllegalArgumentException("debug level " + debugLevel + " is not in 0-7");
    }
    if (rtpPortMin > rtpPortMax || rtpPortMin < 0 || rtpPortMax > 65535) {
      throw new IllegalArgumentException("bad RTP port range " + rtpPortMin + "-" + rtpPortMax);
    }
  }

  /**
   * Free ports, debug level 3 (property {@code janus.debug.level}), templates from
   * {@code bench/janus}.
   */
  public static JanusOptions defaults() {
    return new JanusOptions(0, 0, 0, Integer.getInteger("janus.debug.level", 3),
        Path.of(System.getProperty("janus.bench.dir", "bench/janus")));
  }

  public JanusOptions withRtpPorts(int min, int max) {
    return new JanusOptions(webSocketPort, min, max, debugLevel, benchDir);
  }

  public JanusOptions withDebugLevel(int level) {
    return new JanusOptions(webSocketPort, rtpPortMin, rtpPortMax, level, benchDir);
  }
}
