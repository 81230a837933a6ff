package dev.vertxsfu.media.dtls;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.Executor;
import org.bouncycastle.tls.AbstractTlsPeer;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.TlsClient;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsServer;

/**
 * One DTLS 1.2 association carrying the SRTP key exchange of one WebRTC transport (RFC 5764),
 * in mediasoup's sense of {@code DtlsTransport}.
 *
 * <p>Threads: it belongs to one owner (a room's event loop), given as {@code owner}; every
 * public method is called there, and every {@link Listener} callback arrives there. The
 * handshake itself, which BouncyCastle runs as a blocking call, runs on {@code blocking} (a
 * worker pool), fed by {@link DatagramBridge}; its result is posted back to {@code owner}.
 * After the handshake BouncyCastle is driven on the owner's loop without blocking, so a
 * retransmitted final flight is answered and a close alert is seen, with no thread held.
 *
 * <p>The SFU is always the server ({@code a=setup:passive}: the client offers first);
 * {@link #client} serves the load generator and the warm-up.
 */
public final class DtlsTransport {

  /** Events of one transport, on the owner's loop. */
  public interface Listener {
    /** A datagram to send to the peer's address. */
    void onDtlsTransportSend(byte[] datagram);

    /** The handshake completed and the peer's certificate matched its fingerprint. */
    void onDtlsTransportConnected(SrtpMasterKeys keys);

    /** The handshake failed, the peer's certificate did not match, or a fatal alert came. */
    void onDtlsTransportFailed(String reason);

    /** The peer closed the association ({@code close_notify}). */
    void onDtlsTransportClosed();
  }

  /** Where the association stands, as RTCDtlsTransportState names it. */
  public enum State { NEW, CONNECTING, CONNECTED, FAILED, CLOSED }

  /**
   * Why a handshake or association failed, as a small fixed set (a metric's label; the
   * listener's reason text has the details).
   */
  public enum Failure {
    /** The peer's certificate was missing or did not hash to its {@code a=fingerprint}. */
    BAD_CERTIFICATE("bad_certificate"),
    /** We refused the handshake (no common cipher suite or SRTP profile, and the like). */
    HANDSHAKE_FAILURE("handshake_failure"),
    /** The peer sent a fatal alert. */
    ALERT_RECEIVED("alert_received"),
    /** We sent another fatal alert (a malformed or unexpected record). */
    ALERT_SENT("alert_sent"),
    /** The handshake did not complete in time. */
    TIMEOUT("timeout"),
    /** Anything else (an I/O error, a closed bridge). */
    ERROR("error");

    private final String label;

    Failure(String label) {
      this.label = label;
    }

    /** Its name in metrics and stats. */
    public String label() {
      return label;
    }

    static Failure of(Exception e) {
      if (e instanceof org.bouncycastle.tls.TlsFatalAlertReceived) {
        return ALERT_RECEIVED;
      }
      if (e instanceof TlsFatalAlert alert) {
        return switch (alert.getAlertDescription()) {
          case org.bouncycastle.tls.AlertDescription.bad_certificate,
              org.bouncycastle.tls.AlertDescription.certificate_unknown,
              org.bouncycastle.tls.AlertDescription.unsupported_certificate -> BAD_CERTIFICATE;
          case org.bouncycastle.tls.AlertDescription.handshake_failure,
              org.bouncycastle.tls.AlertDescription.insufficient_security,
              org.bouncycastle.tls.AlertDescription.protocol_version -> HANDSHAKE_FAILURE;
          default -> ALERT_SENT;
        };
      }
      if (e instanceof org.bouncycastle.tls.TlsTimeoutException) {
        return TIMEOUT;
      }
      return ERROR;
    }
  }

  private final Executor owner;
  private final Executor blocking;
  private final Listener listener;
  private final DatagramBridge bridge;
  private final AbstractTlsPeer peer;
  private final boolean server;
  private State state = State.NEW;
  /** Why it failed; null unless it did. */
  private Failure failure;
  private org.bouncycastle.tls.DTLSTransport association;

  private DtlsTransport(Executor owner, Executor blocking, Listener listener,
      java.util.function.Function<DatagramBridge, AbstractTlsPeer> peer, boolean server) {
    this.owner = owner;
    this.blocking = blocking;
    this.listener = listener;
    this.server = server;
    this.bridge = new DatagramBridge(this::onBridgeSend);
    this.peer = peer.apply(bridge);
  }

  /** The SFU's side: waits for the peer's ClientHello. */
  public static DtlsTransport server(DtlsCertificate certificate, DtlsFingerprint remote,
      Executor owner, Executor blocking, Listener listener) {
    return new DtlsTransport(owner, blocking, listener,
        bridge -> new DtlsSrtpServer(certificate, remote), true);
  }

  /** The browser's side: sends the ClientHello when started. */
  public static DtlsTransport client(DtlsCertificate certificate, DtlsFingerprint remote,
      Executor owner, Executor blocking, Listener listener) {
    return new DtlsTransport(owner, blocking, listener,
        bridge -> new DtlsSrtpClient(certificate, remote), false);
  }

  public State state() {
    return state;
  }

  /** Why it failed, or null while it has not. */
  public Failure failure() {
    return failure;
  }

  /** Owner's loop: starts the handshake on the worker pool. */
  public void start() {
    if (state != State.NEW) {
      throw new IllegalStateException("already started: " + state);
    }
    state = State.CONNECTING;
    blocking.execute(this::handshake);
  }

  /**
   * Owner's loop: a DTLS datagram from the peer (RFC 7983 first byte 20-63). The bytes are
   * copied; the caller may reuse its buffer.
   */
  public void receive(byte[] buf, int off, int len) {
    if (state != State.CONNECTING && state != State.CONNECTED) {
      return;
    }
    bridge.offer(buf, off, len);
    if (state == State.CONNECTED) {
      drain();
    }
  }

  /**
   * Owner's loop: if connected, sends {@code close_notify} (through
   * {@link Listener#onDtlsTransportSend}, before this returns); then stops. No other callback
   * follows.
   */
  public void close() {
    if (state == State.CONNECTED) {
      try {
        association.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
    state = State.CLOSED;
    bridge.shutDown();
  }

  /**
   * What BouncyCastle sends: from the handshake's worker it is posted to the owner's loop (and
   * dropped if the transport closed meanwhile); after the handshake BouncyCastle already runs
   * on the owner's loop and it goes out at once.
   */
  private void onBridgeSend(byte[] datagram) {
    if (bridge.isBlocking()) {
      owner.execute(() -> {
        if (state != State.CLOSED) {
          listener.onDtlsTransportSend(datagram);
        }
      });
    } else if (state != State.CLOSED) {
      listener.onDtlsTransportSend(datagram);
    }
  }

  /** Worker thread: BouncyCastle's blocking handshake. */
  private void handshake() {
    try {
      org.bouncycastle.tls.DTLSTransport done;
      if (server) {
        DTLSServerProtocol protocol = new DTLSServerProtocol();
        protocol.setVerifyRequests(false); // ICE already proved the address (RFC 8842 §5)
        done = protocol.accept((TlsServer) peer, bridge);
      } else {
        done = new DTLSClientProtocol().connect((TlsClient) peer, bridge);
      }
      SrtpMasterKeys keys = outcome().keys;
      owner.execute(() -> connected(done, keys));
    } catch (IOException | RuntimeException e) {
      String reason = describe(e);
      Failure kind = Failure.of(e);
      owner.execute(() -> fail(reason, kind));
    }
  }

  private void connected(org.bouncycastle.tls.DTLSTransport done, SrtpMasterKeys keys) {
    if (state != State.CONNECTING) {
      closeQuietly(done);
      return;
    }
    association = done;
    bridge.stopBlocking();
    state = State.CONNECTED;
    listener.onDtlsTransportConnected(keys);
    drain();
  }

  /** Owner's loop: lets BouncyCastle handle every queued record without blocking. */
  private void drain() {
    // Made per drain, not kept: after the handshake records are rare (a resent flight, an
    // alert), and a kept 2 KB array per client was a few percent of a small room's heap.
    byte[] applicationData = bridge.hasPending() ? new byte[DatagramBridge.RECEIVE_LIMIT] : null;
    while (state == State.CONNECTED && bridge.hasPending()) {
      String error = null;
      Failure kind = null;
      boolean drained = false;
      try {
        // Data channels are not negotiated, so application data is read and dropped.
        association.receive(applicationData, 0, applicationData.length, 0);
      } catch (InterruptedIOException e) {
        drained = true;
      } catch (IOException e) {
        error = describe(e);
        kind = Failure.of(e);
      }
      // On close_notify BouncyCastle answers with its own and closes the bridge, so the
      // read after it fails: that is a close, not a failure.
      if (outcome().closeNotified()) {
        state = State.CLOSED;
        bridge.shutDown();
        listener.onDtlsTransportClosed();
        return;
      }
      if (error != null) {
        fail(error, kind);
        return;
      }
      if (drained) {
        return;
      }
    }
  }

  private void fail(String reason, Failure kind) {
    if (state == State.CONNECTING || state == State.CONNECTED) {
      state = State.FAILED;
      failure = kind;
      bridge.shutDown();
      listener.onDtlsTransportFailed(reason);
    }
  }

  private DtlsSrtpPeer.HandshakeOutcome outcome() {
    return ((DtlsSrtpPeer) peer).outcome();
  }

  private static String describe(Exception e) {
    if (e instanceof TlsFatalAlert alert) {
      return "DTLS alert " + org.bouncycastle.tls.AlertDescription.getText(
          alert.getAlertDescription()) + (alert.getMessage() != null ? ": " + alert.getMessage() : "");
    }
    return "DTLS " + e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  private static void closeQuietly(org.bouncycastle.tls.DTLSTransport done) {
    try {
      done.close();
    } catch (IOException e) {
      // nothing more to do
    }
  }
}
