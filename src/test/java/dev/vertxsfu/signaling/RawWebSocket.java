package dev.vertxsfu.signaling;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

/**
 * A WebSocket client written by hand over a plain TCP socket, for tests of clients that
 * misbehave at the transport: it completes the opening handshake, sends masked text frames
 * (RFC 6455 §5.2), and reads only when the test says so (a client that never reads is one
 * that never calls {@link #readUntilClosed}). Its receive buffer is kept small so that the
 * node, not the kernel, has to hold what it cannot deliver. Used from the test thread.
 */
final class RawWebSocket implements AutoCloseable {
  private static final int RECEIVE_BUFFER_BYTES = 4096;

  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;
  private final Random random = new Random(7);

  private RawWebSocket(Socket socket) throws IOException {
    this.socket = socket;
    this.out = socket.getOutputStream();
    this.in = socket.getInputStream();
  }

  /** Opens a TCP connection to 127.0.0.1:{@code port}, without any HTTP yet. */
  static RawWebSocket tcp(int port) throws IOException {
    Socket socket = new Socket();
    socket.setReceiveBufferSize(RECEIVE_BUFFER_BYTES);
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    return new RawWebSocket(socket);
  }

  /** Opens a TCP connection and upgrades it to a WebSocket at {@code /ws}. */
  static RawWebSocket connect(int port) throws IOException {
    RawWebSocket client = tcp(port);
    client.handshake();
    return client;
  }

  private void handshake() throws IOException {
    byte[] nonce = new byte[16];
    random.nextBytes(nonce);
    String request = "GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
        + "Connection: Upgrade\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce)
        + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
    out.write(request.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    socket.setSoTimeout(5_000);
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed during the handshake: " + head);
      }
      head.write(b);
    }
    if (!head.toString(StandardCharsets.US_ASCII).startsWith("HTTP/1.1 101")) {
      throw new IOException("handshake refused: " + head);
    }
  }

  /** Sends one masked text frame. */
  void sendText(String text) throws IOException {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write(0x81);
    if (payload.length < 126) {
      frame.write(0x80 | payload.length);
    } else if (payload.length < 65536) {
      frame.write(0x80 | 126);
      frame.write(payload.length >>> 8);
      frame.write(payload.length);
    } else {
      frame.write(0x80 | 127);
      for (int shift = 56; shift >= 0; shift -= 8) {
        frame.write((int) ((long) payload.length >>> shift));
      }
    }
    byte[] mask = new byte[4];
    random.nextBytes(mask);
    frame.write(mask);
    for (int i = 0; i < payload.length; i++) {
      frame.write(payload[i] ^ mask[i % 4]);
    }
    out.write(frame.toByteArray());
    out.flush();
  }

  /**
   * Reads (and drops) everything until the node closes the connection; fails if it has not
   * within {@code timeoutMillis} of silence. Returns the bytes read.
   */
  long readUntilClosed(int timeoutMillis) throws IOException {
    socket.setSoTimeout(timeoutMillis);
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        total += n;
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the node did not close the connection (read " + total
          + " bytes)", e);
    } catch (IOException reset) {
      // a reset is a close too
    }
    return total;
  }

  /** Sends raw bytes (a partial HTTP request, say). */
  void sendBytes(String ascii) throws IOException {
    out.write(ascii.getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** A frame the node sent: its opcode (RFC 6455 §5.2) and payload. */
  record Frame(int opcode, byte[] payload) {
    static final int CLOSE = 0x8;
    static final int PING = 0x9;

    /** The status code of a close frame, or -1. */
    int closeCode() {
      return opcode == CLOSE && payload.length >= 2
          ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : -1;
    }
  }

  /**
   * Reads frames until the node closes the connection (unmasked server frames, each payload
   * under 64 KiB here); fails after {@code timeoutMillis} of silence.
   */
  java.util.List<Frame> readFramesUntilClosed(int timeoutMillis) throws IOException {
    socket.setSoTimeout(timeoutMillis);
    java.util.List<Frame> frames = new java.util.ArrayList<>();
    java.io.DataInputStream data = new java.io.DataInputStream(in);
    try {
      while (true) {
        int first = data.read();
        if (first < 0) {
          return frames;
        }
        int length = data.readUnsignedByte() & 0x7F;
        if (length == 126) {
          length = data.readUnsignedShort();
        } else if (length == 127) {
          length = (int) data.readLong();
        }
        byte[] payload = new byte[length];
        data.readFully(payload);
        frames.add(new Frame(first & 0x0F, payload));
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the node did not close the connection; frames: "
          + frames.size(), e);
    } catch (IOException closed) {
      return frames; // end of stream mid-frame, or a reset: closed
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
