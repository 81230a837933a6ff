package dev.vertxsfu.media.dtls;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * Two {@link DtlsTransport}s, a server and a client, each owned by its own single-threaded
 * executor (standing in for two event loops), joined by an in-memory link that can drop
 * datagrams. Each side's events complete futures a test waits on.
 */
final class DtlsLink implements AutoCloseable {
  static final DtlsCertificate SERVER_CERT =
      DtlsCertificate.generate(new SecureRandom(), Instant.now(), Duration.ofDays(30));
  static final DtlsCertificate CLIENT_CERT =
      DtlsCertificate.generate(new SecureRandom(), Instant.now(), Duration.ofDays(30));

  final ExecutorService serverLoop = Executors.newSingleThreadExecutor();
  final ExecutorService clientLoop = Executors.newSingleThreadExecutor();
  final ExecutorService workers = Executors.newCachedThreadPool();
  final Side server = new Side();
  final Side client = new Side();
  /** Datagrams from the server that the link loses (tested on the server's loop). */
  Predicate<byte[]> dropFromServer = datagram -> false;

  DtlsLink(DtlsFingerprint serverExpects, DtlsFingerprint clientExpects) {
    server.transport = DtlsTransport.server(SERVER_CERT, serverExpects, serverLoop, workers,
        server.listener(datagram -> {
          if (!dropFromServer.test(datagram)) {
            clientLoop.execute(() -> client.transport.receive(datagram, 0, datagram.length));
          }
        }));
    client.transport = DtlsTransport.client(CLIENT_CERT, clientExpects, clientLoop, workers,
        client.listener(datagram ->
            serverLoop.execute(() -> server.transport.receive(datagram, 0, datagram.length))));
  }

  /** Each side expects the other's true certificate. */
  static DtlsLink honest() {
    return new DtlsLink(CLIENT_CERT.fingerprint(), SERVER_CERT.fingerprint());
  }

  void start() {
    serverLoop.execute(server.transport::start);
    clientLoop.execute(client.transport::start);
  }

  @Override
  public void close() {
    serverLoop.shutdownNow();
    clientLoop.shutdownNow();
    workers.shutdownNow();
  }

  static final class Side {
    DtlsTransport transport;
    final CompletableFuture<SrtpMasterKeys> connected = new CompletableFuture<>();
    final CompletableFuture<String> failed = new CompletableFuture<>();
    final CompletableFuture<Void> closed = new CompletableFuture<>();

    DtlsTransport.Listener listener(java.util.function.Consumer<byte[]> network) {
      return new DtlsTransport.Listener() {
        @Override
        public void onDtlsTransportSend(byte[] datagram) {
          network.accept(datagram);
        }

        @Override
        public void onDtlsTransportConnected(SrtpMasterKeys keys) {
          connected.complete(keys);
        }

        @Override
        public void onDtlsTransportFailed(String reason) {
          failed.complete(reason);
        }

        @Override
        public void onDtlsTransportClosed() {
          closed.complete(null);
        }
      };
    }
  }
}
