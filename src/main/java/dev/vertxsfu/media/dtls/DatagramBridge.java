package dev.vertxsfu.media.dtls;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.bouncycastle.tls.DatagramTransport;

/**
 * The datagram side BouncyCastle pulls from and pushes to, bridging its blocking design to an
 * event loop (the role of Jitsi's queue-fed DTLS stack).
 *
 * <p>During the handshake BouncyCastle runs on a worker thread and blocks in
 * {@link #receive} on a queue that the owner's event loop fills. After the handshake the owner
 * drives BouncyCastle itself, on its own loop; then {@link #receive} never blocks: with the
 * queue empty it throws {@link InterruptedIOException}, which BouncyCastle passes up without
 * failing the connection, so one {@code receive} call handles exactly what has arrived.
 *
 * <p>What BouncyCastle sends is copied and handed to {@code send}, which the owner supplies
 * (it posts to the owner's loop).
 */
final class DatagramBridge implements DatagramTransport {
  /** Fits an IPv6 path with the UDP and DTLS overheads; handshake messages are fragmented to it. */
  static final int SEND_LIMIT = 1200;
  /** Chromium's post-quantum ClientHello spans two ~1,400-byte datagrams (MEDIA-NOTES.md). */
  static final int RECEIVE_LIMIT = 2048;

  private static final byte[] CLOSED = new byte[0];
  private static final long IDLE_POLL_MILLIS = 1000;

  private final BlockingQueue<byte[]> inbound = new LinkedBlockingQueue<>();
  private final Consumer<byte[]> send;
  private boolean blocking = true;

  DatagramBridge(Consumer<byte[]> send) {
    this.send = send;
  }

  /** Owner's loop: queues a copy of a datagram from the peer. */
  void offer(byte[] buf, int off, int len) {
    byte[] copy = new byte[Math.min(len, RECEIVE_LIMIT)];
    System.arraycopy(buf, off, copy, 0, copy.length);
    inbound.add(copy);
  }

  /** Owner's loop: from now on {@link #receive} only hands out what is queued. */
  void stopBlocking() {
    blocking = false;
  }

  /** Whether BouncyCastle still runs the handshake on its worker. */
  boolean isBlocking() {
    return blocking;
  }

  boolean hasPending() {
    return !inbound.isEmpty();
  }

  /** Any thread: wakes a blocked handshake so that it fails and frees its worker. */
  void shutDown() {
    inbound.add(CLOSED);
  }

  @Override
  public int getReceiveLimit() {
    return RECEIVE_LIMIT;
  }

  @Override
  public int getSendLimit() {
    return SEND_LIMIT;
  }

  @Override
  public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
    byte[] datagram;
    if (blocking) {
      try {
        datagram = inbound.poll(waitMillis > 0 ? waitMillis : IDLE_POLL_MILLIS,
            TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for a DTLS datagram");
      }
      if (datagram == null) {
        return -1; // BouncyCastle's timeout: it retransmits its flight and waits again
      }
    } else {
      datagram = inbound.poll();
      if (datagram == null) {
        throw new InterruptedIOException("no DTLS datagram pending");
      }
    }
    if (datagram == CLOSED) {
      inbound.add(CLOSED); // every later call fails too
      throw new IOException("the DTLS transport was closed");
    }
    int n = Math.min(len, datagram.length);
    System.arraycopy(datagram, 0, buf, off, n);
    return n;
  }

  @Override
  public void send(byte[] buf, int off, int len) {
    byte[] copy = new byte[len];
    System.arraycopy(buf, off, copy, 0, len);
    send.accept(copy);
  }

  @Override
  public void close() {
    shutDown();
  }
}
