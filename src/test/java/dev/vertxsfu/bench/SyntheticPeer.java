package dev.vertxsfu.bench;

import dev.vertxsfu.media.dtls.DtlsCertificate;
import dev.vertxsfu.media.dtls.DtlsFingerprint;
import dev.vertxsfu.media.dtls.DtlsTransport;
import dev.vertxsfu.media.dtls.SrtpMasterKeys;
import dev.vertxsfu.media.ice.IceCredentials;
import dev.vertxsfu.wire.mux.DatagramClassifier;
import dev.vertxsfu.wire.mux.DatagramKind;
import dev.vertxsfu.wire.srtp.SrtpProfile;
import dev.vertxsfu.wire.srtp.SrtpSessionKeys;
import dev.vertxsfu.wire.stun.StunFormatException;
import dev.vertxsfu.wire.stun.StunMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * One WebRTC endpoint of the load generator on the project's own media plane: a UDP socket on
 * 127.0.0.1, a full {@link IceAgent} for its one candidate pair, a {@link DtlsTransport} in
 * the role {@code a=setup} gives it, and SRTP both ways ({@link SrtpStreams}). BUNDLE and
 * rtcp-mux only: one socket carries everything (RFC 7983 demultiplexing).
 *
 * <p>What it does with media is its {@link MediaListener}'s business ({@link MediaSource}
 * publishes, {@link MediaSink} records); the peer only moves datagrams.
 *
 * <p>Threads: owned by one {@link PeerLoop}; every method but {@link #open} and
 * {@link #close} runs on that loop, and so do all listener calls. The DTLS handshake runs on
 * {@code blocking}, inside {@link DtlsTransport}, which posts its results back to the loop.
 */
final class SyntheticPeer implements DtlsTransport.Listener {
  /** What the peer hands up, on its loop; byte arrays are valid only during the call. */
  interface MediaListener {
    void onRtp(byte[] buf, int off, int len, long arrivalNanos);

    void onRtcp(byte[] buf, int off, int len, long arrivalNanos);
  }

  /** How often the ICE agent is ticked; checks go out every 50 ms, consent every 2 s. */
  private static final long TICK_NANOS = 10_000_000L;

  // passed by argument
  private final PeerLoop loop;
  private final DtlsCertificate certificate;
  private final Executor blocking;
  // allocated by this
  private final DatagramChannel channel;
  private final IceAgent ice;
  private final StunMessage stun = new StunMessage();
  private final CompletableFuture<Void> connected = new CompletableFuture<>();
  private final int localPort;
  private MediaListener listener = new MediaListener() {
    @Override
    public void onRtp(byte[] buf, int off, int len, long arrivalNanos) {
    }

    @Override
    public void onRtcp(byte[] buf, int off, int len, long arrivalNanos) {
    }
  };
  private DtlsTransport dtls;
  private SrtpStreams inbound;
  private SrtpStreams outbound;
  private PeerLoop.Timer ticker;
  private long received;
  private long dropped;
  private long sendFailures;

  private SyntheticPeer(PeerLoop loop, DtlsCertificate certificate, Executor blocking,
      SecureRandom random) throws IOException {
    this.loop = loop;
    this.certificate = certificate;
    this.blocking = blocking;
    this.channel = DatagramChannel.open();
    channel.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 20);
    channel.setOption(StandardSocketOptions.SO_SNDBUF, 1 << 20);
    channel.bind(new InetSocketAddress("127.0.0.1", 0));
    this.localPort = ((InetSocketAddress) channel.getLocalAddress()).getPort();
    this.ice = new IceAgent(IceCredentials.generate(random), random, this::sendDatagram);
  }

  /** Opens the socket and registers it with {@code loop}; any thread. */
  static CompletableFuture<SyntheticPeer> open(PeerLoop loop, DtlsCertificate certificate,
      Executor blocking, SecureRandom random) {
    CompletableFuture<SyntheticPeer> result = new CompletableFuture<>();
    loop.execute(() -> {
      try {
        SyntheticPeer peer = new SyntheticPeer(loop, certificate, blocking, random);
        loop.register(peer.channel, peer::onDatagram);
        result.complete(peer);
      } catch (IOException | RuntimeException e) {
        result.completeExceptionally(e);
      }
    });
    return result;
  }

  /** Written on the loop by {@link #start}, read by the harness. */
  private volatile java.net.InetSocketAddress remoteCandidate;

  PeerLoop loop() {
    return loop;
  }

  int localPort() {
    return localPort;
  }

  IceCredentials localIce() {
    return ice.localCredentials();
  }

  DtlsFingerprint localFingerprint() {
    return certificate.fingerprint();
  }

  /** The server's address this peer sends to, once started; null before. Any thread. */
  java.net.InetSocketAddress remoteCandidate() {
    return remoteCandidate;
  }

  /** Completes on the loop when ICE and DTLS are up and SRTP keyed. */
  CompletableFuture<Void> connected() {
    return connected;
  }

  boolean isConnected() {
    return outbound != null;
  }

  void setListener(MediaListener listener) {
    this.listener = listener;
  }

  /**
   * Loop: the remote's transport parameters, from its description. Connects the socket to
   * {@code candidate} (so no address is allocated per packet) and starts checks.
   *
   * @param dtlsClient whether we are the DTLS client ({@code a=setup:active} on our side)
   */
  void start(RemoteTransport remote, boolean iceControlling, boolean dtlsClient) {
    if (dtls != null) {
      return; // a renegotiation keeps the transport (BUNDLE, same ICE credentials)
    }
    remoteCandidate = remote.candidate();
    try {
      channel.connect(remote.candidate());
    } catch (IOException e) {
      connected.completeExceptionally(e);
      return;
    }
    dtls = dtlsClient
        ? DtlsTransport.client(certificate, remote.fingerprint(), loop, blocking, this)
        : DtlsTransport.server(certificate, remote.fingerprint(), loop, blocking, this);
    ice.onConnected(() -> {
      if (dtls.state() == DtlsTransport.State.NEW) {
        dtls.start();
      }
    });
    ice.setRemote(remote.ufrag(), remote.password(), remote.candidate(), iceControlling);
    ice.tick(System.nanoTime());
    ticker = loop.periodic(TICK_NANOS, () -> ice.tick(System.nanoTime()));
  }

  /**
   * Loop: protects an RTP packet in place and sends it. {@code buf} must have 16 spare bytes
   * after {@code len}.
   */
  boolean sendRtp(byte[] buf, int off, int len) {
    int protectedLength = outbound == null ? -1 : outbound.protectRtp(buf, off, len);
    return protectedLength > 0 && send(buf, off, protectedLength);
  }

  /** Loop: protects an RTCP compound packet in place (20 spare bytes) and sends it. */
  boolean sendRtcp(byte[] buf, int off, int len) {
    int protectedLength = outbound == null ? -1 : outbound.protectRtcp(buf, off, len);
    return protectedLength > 0 && send(buf, off, protectedLength);
  }

  /** Datagrams received, and of those dropped (before keys, forged, unclassifiable). */
  long received() {
    return received;
  }

  long dropped() {
    return dropped;
  }

  long sendFailures() {
    return sendFailures;
  }

  private boolean send(byte[] buf, int off, int len) {
    boolean sent = loop.send(channel, buf, off, len);
    if (!sent) {
      sendFailures++;
    }
    return sent;
  }

  private void sendDatagram(byte[] buf, int off, int len) {
    if (channel.isConnected()) {
      send(buf, off, len);
    }
  }

  private void onDatagram(byte[] buf, int len, long arrivalNanos) {
    received++;
    DatagramKind kind = DatagramClassifier.classify(buf, 0, len);
    switch (kind) {
      case RTP -> {
        int plain = inbound == null ? -1 : inbound.unprotectRtp(buf, 0, len);
        if (plain < 0) {
          dropped++;
        } else {
          listener.onRtp(buf, 0, plain, arrivalNanos);
        }
      }
      case RTCP -> {
        int plain = inbound == null ? -1 : inbound.unprotectRtcp(buf, 0, len);
        if (plain < 0) {
          dropped++;
        } else {
          listener.onRtcp(buf, 0, plain, arrivalNanos);
        }
      }
      case STUN -> {
        try {
          ice.receive(stun.wrap(buf, 0, len), arrivalNanos);
        } catch (StunFormatException e) {
          dropped++;
        }
      }
      case DTLS -> {
        if (dtls == null) {
          dropped++;
          return;
        }
        if (dtls.state() == DtlsTransport.State.NEW) {
          dtls.start(); // the remote's check succeeded before ours: its ClientHello is here
        }
        dtls.receive(buf, 0, len);
      }
      default -> dropped++;
    }
  }

  // DtlsTransport.Listener, on the loop

  @Override
  public void onDtlsTransportSend(byte[] datagram) {
    sendDatagram(datagram, 0, datagram.length);
  }

  @Override
  public void onDtlsTransportConnected(SrtpMasterKeys keys) {
    SrtpProfile profile = SrtpProfile.byId(keys.protectionProfile()).orElseThrow();
    inbound = new SrtpStreams(SrtpSessionKeys.derive(profile, keys.remoteKey(), keys.remoteSalt()));
    outbound = new SrtpStreams(SrtpSessionKeys.derive(profile, keys.localKey(), keys.localSalt()));
    connected.complete(null);
  }

  @Override
  public void onDtlsTransportFailed(String reason) {
    connected.completeExceptionally(new IllegalStateException("DTLS failed: " + reason));
  }

  @Override
  public void onDtlsTransportClosed() {
    inbound = null;
    outbound = null;
  }

  /** Any thread: sends close_notify, stops the checks and closes the socket. */
  CompletableFuture<Void> close() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    loop.execute(() -> {
      if (ticker != null) {
        ticker.cancel();
      }
      if (dtls != null) {
        dtls.close();
      }
      inbound = null;
      outbound = null;
      try {
        channel.close();
      } catch (IOException e) {
        // closing anyway
      }
      done.complete(null);
    });
    return done;
  }
}
