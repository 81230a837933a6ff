package dev.vertxsfu.media.transport;

import dev.vertxsfu.media.dtls.DtlsCertificate;
import dev.vertxsfu.media.dtls.DtlsFingerprint;
import dev.vertxsfu.media.ice.IceCredentials;
import dev.vertxsfu.wire.mux.DatagramClassifier;
import dev.vertxsfu.wire.mux.DatagramKind;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramSocket;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One {@link WebRtcTransport} behind a real UDP socket on 127.0.0.1, owned by a Vert.x event
 * loop as a room would own it, for tests with real libwebrtc peers. Counts what arrives.
 */
final class TransportHarness implements AutoCloseable {
  static final DtlsCertificate CERTIFICATE =
      DtlsCertificate.generate(new SecureRandom(), Instant.now(), Duration.ofDays(1));

  final Vertx vertx = Vertx.vertx();
  final Context context = vertx.getOrCreateContext();
  final IceCredentials ice = IceCredentials.generate(new SecureRandom());
  final WebRtcServer server = new WebRtcServer();
  final List<TransportState> states = new CopyOnWriteArrayList<>();
  final List<InetSocketAddress> rtpSources = new CopyOnWriteArrayList<>();
  final AtomicInteger rtpPackets = new AtomicInteger();
  final AtomicInteger rtcpPackets = new AtomicInteger();
  final AtomicReference<byte[]> lastSrtp = new AtomicReference<>();
  final CompletableFuture<Void> connected = new CompletableFuture<>();
  final CompletableFuture<Void> failed = new CompletableFuture<>();
  volatile Consumer<byte[]> rtpTap = packet -> { };
  DatagramSocket socket;
  WebRtcTransport transport;
  private volatile InetSocketAddress lastFrom;

  /** Opens the socket and makes a transport that expects {@code remote}'s certificate. */
  int start(String remoteUfrag, DtlsFingerprint remote) throws Exception {
    CompletableFuture<Integer> port = new CompletableFuture<>();
    context.runOnContext(v -> {
      socket = vertx.createDatagramSocket();
      transport = new WebRtcTransport("t1", ice, remoteUfrag, CERTIFICATE, remote,
          task -> context.runOnContext(x -> task.run()),
          task -> vertx.executeBlocking(() -> {
            task.run();
            return null;
          }, false),
          new WebRtcTransport.Listener() {
            @Override
            public void onTransportSend(byte[] buf, int off, int len, InetSocketAddress to) {
              socket.send(Buffer.buffer().appendBytes(buf, off, len), to.getPort(),
                  to.getAddress().getHostAddress());
            }

            @Override
            public void onTransportRtp(WebRtcTransport t, byte[] buf, int off, int len, long now) {
              rtpPackets.incrementAndGet();
              rtpSources.add(lastFrom);
              rtpTap.accept(java.util.Arrays.copyOfRange(buf, off, off + len));
            }

            @Override
            public void onTransportRtcp(WebRtcTransport t, byte[] buf, int off, int len, long now) {
              rtcpPackets.incrementAndGet();
            }

            @Override
            public void onTransportStateChange(WebRtcTransport t, TransportState state) {
              states.add(state);
              if (state == TransportState.CONNECTED) {
                connected.complete(null);
              } else if (state == TransportState.FAILED) {
                failed.complete(null);
              }
            }
          });
      server.add(transport);
      socket.handler(packet -> {
        byte[] bytes = packet.data().getBytes();
        InetSocketAddress from = new InetSocketAddress(packet.sender().host(), packet.sender().port());
        lastFrom = from;
        if (DatagramClassifier.classify(bytes, 0, bytes.length) == DatagramKind.RTP) {
          lastSrtp.set(bytes.clone()); // an SRTP (not SRTCP) datagram, as it arrived
        }
        server.receive(bytes, 0, bytes.length, from, System.nanoTime() / 1_000_000);
      });
      socket.listen(0, "127.0.0.1").onSuccess(s -> port.complete(s.localAddress().port()))
          .onFailure(port::completeExceptionally);
    });
    return port.get(10, TimeUnit.SECONDS);
  }

  /** Runs {@code task} on the transport's event loop and waits for it. */
  <T> T onLoop(java.util.concurrent.Callable<T> task) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    context.runOnContext(v -> {
      try {
        result.complete(task.call());
      } catch (Exception e) {
        result.completeExceptionally(e);
      }
    });
    return result.get(10, TimeUnit.SECONDS);
  }

  /** Feeds a datagram to the server as if it came from {@code from}, on the loop. */
  void inject(byte[] datagram, InetSocketAddress from) throws Exception {
    onLoop(() -> {
      server.receive(datagram.clone(), 0, datagram.length, from, System.nanoTime() / 1_000_000);
      return null;
    });
  }

  InetSocketAddress lastSource() {
    return lastFrom;
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
