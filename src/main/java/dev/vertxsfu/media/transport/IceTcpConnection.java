package dev.vertxsfu.media.transport;

import dev.vertxsfu.wire.WireFormatException;
import dev.vertxsfu.wire.tcp.Rfc4571;
import dev.vertxsfu.wire.tcp.Rfc4571Decoder;
import java.net.InetSocketAddress;

/**
 * One accepted ICE-TCP connection (RFC 6544; the SFU's candidates are passive), served by the
 * room whose client it carries, like one more UDP tuple of the room's {@link WebRtcServer}:
 * each RFC 4571 frame of the stream is handed to the server as a datagram from the
 * connection's remote address, so STUN, DTLS, SRTP and SRTCP take the UDP path's code from
 * there on. What the transport sends to that address leaves framed, through {@link #frame}.
 *
 * <p>A connection is closed (its listener is told why, and counts it) when its framing breaks
 * ({@link Rfc4571Decoder}: a frame over {@link #MAX_FRAME} or an empty one), or when no
 * authenticated check made its address a tuple of some transport within
 * {@link #FIRST_CHECK_TIMEOUT_MILLIS} of its acceptance.
 *
 * <p>Threads: the room's event loop, which owns it; the time is passed in. Owns its decoder.
 */
public final class IceTcpConnection {
  /** Larger than any packet of ours: an MTU-sized RTP packet, or a DTLS flight fragment. */
  public static final int MAX_FRAME = 4096;
  /** A connection whose client has not checked by then is no client's. */
  public static final long FIRST_CHECK_TIMEOUT_MILLIS = 5_000;

  /** What the connection asks of its owner, on the owner's loop. */
  public interface Listener {
    /** Close the socket: {@code reason} says why, for the counters and the log. */
    void onIceTcpConnectionClose(IceTcpConnection connection, String reason);
  }

  private final InetSocketAddress remote;
  private final WebRtcServer server;
  private final Listener listener;
  private final long acceptedAt;
  private final Rfc4571Decoder decoder = new Rfc4571Decoder(MAX_FRAME);
  private final Rfc4571Decoder.FrameHandler toServer = this::onFrame;
  private long frameTime;
  private boolean checked;
  private boolean closed;

  public IceTcpConnection(InetSocketAddress remote, WebRtcServer server, long acceptedAt,
      Listener listener) {
    this.remote = remote;
    this.server = server;
    this.acceptedAt = acceptedAt;
    this.listener = listener;
  }

  /** The address the connection stands for among the server's tuples. */
  public InetSocketAddress remoteAddress() {
    return remote;
  }

  /** Whether an authenticated check came over it. */
  public boolean isChecked() {
    return checked;
  }

  public boolean isClosed() {
    return closed;
  }

  /**
   * Bytes read from the socket: every frame they complete goes to the server. The owner gives
   * an array of its own: SRTP is decrypted in place, as on the UDP path.
   */
  public void receive(byte[] buf, int off, int len, long nowMillis) {
    if (closed) {
      return;
    }
    frameTime = nowMillis;
    try {
      decoder.feed(buf, off, len, toServer);
    } catch (WireFormatException e) {
      close(e.getMessage());
    }
  }

  /** The owner's timer: a connection never checked in time is closed. */
  public void tick(long nowMillis) {
    if (!closed && !checked && nowMillis - acceptedAt >= FIRST_CHECK_TIMEOUT_MILLIS) {
      close("no valid ICE check within " + FIRST_CHECK_TIMEOUT_MILLIS + " ms");
    }
  }

  /** The socket closed by itself: nothing more is handed on. */
  public void closed() {
    closed = true;
  }

  /**
   * One packet for the stream, framed: a new array holding the RFC 4571 header and then
   * {@code buf[off, off + len)} (a stream write keeps its bytes, unlike the UDP send path).
   */
  public static byte[] frame(byte[] buf, int off, int len) {
    return Rfc4571.frame(buf, off, len);
  }

  private void onFrame(byte[] buf, int off, int len) {
    server.receive(buf, off, len, remote, frameTime);
    checked |= server.hasTuple(remote);
  }

  private void close(String reason) {
    closed = true;
    listener.onIceTcpConnectionClose(this, reason);
  }
}
