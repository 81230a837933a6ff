package dev.vertxsfu.media.dtls;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs a few complete DTLS-SRTP handshakes in memory, a client and a server of our own, so
 * that BouncyCastle's code is loaded and compiled before the first real client arrives: a cold
 * JVM took ~200 ms and many retransmissions for its first handshake, a warm one ~43 ms
 * (MEDIA-NOTES.md).
 *
 * <p>Called once at start-up from the main thread, before the node takes clients; it blocks
 * and uses threads of its own, which it stops.
 */
public final class DtlsWarmUp {
  private DtlsWarmUp() {}

  /**
   * Performs {@code handshakes} handshakes with {@code certificate} on the server side.
   *
   * @return the milliseconds the last one took
   */
  public static long run(DtlsCertificate certificate, int handshakes) {
    DtlsCertificate client =
        DtlsCertificate.generate(new SecureRandom(), Instant.now(), Duration.ofDays(1));
    ExecutorService serverLoop = Executors.newSingleThreadExecutor();
    ExecutorService clientLoop = Executors.newSingleThreadExecutor();
    ExecutorService workers = Executors.newCachedThreadPool();
    long last = 0;
    try {
      for (int i = 0; i < handshakes; i++) {
        long start = System.nanoTime();
        handshake(certificate, client, serverLoop, clientLoop, workers);
        last = (System.nanoTime() - start) / 1_000_000;
      }
    } finally {
      serverLoop.shutdownNow();
      clientLoop.shutdownNow();
      workers.shutdownNow();
    }
    return last;
  }

  private static void handshake(DtlsCertificate serverCertificate, DtlsCertificate clientCertificate,
      ExecutorService serverLoop, ExecutorService clientLoop, ExecutorService workers) {
    CompletableFuture<SrtpMasterKeys> serverDone = new CompletableFuture<>();
    CompletableFuture<SrtpMasterKeys> clientDone = new CompletableFuture<>();
    DtlsTransport[] ends = new DtlsTransport[2];
    ends[0] = DtlsTransport.server(serverCertificate, clientCertificate.fingerprint(), serverLoop,
        workers, new Side(serverDone, datagram -> clientLoop.execute(
            () -> ends[1].receive(datagram, 0, datagram.length))));
    ends[1] = DtlsTransport.client(clientCertificate, serverCertificate.fingerprint(), clientLoop,
        workers, new Side(clientDone, datagram -> serverLoop.execute(
            () -> ends[0].receive(datagram, 0, datagram.length))));
    serverLoop.execute(ends[0]::start);
    clientLoop.execute(ends[1]::start);
    try {
      serverDone.get(10, TimeUnit.SECONDS);
      clientDone.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("the DTLS warm-up handshake failed", e);
    } finally {
      serverLoop.execute(ends[0]::close);
      clientLoop.execute(ends[1]::close);
    }
  }

  private record Side(CompletableFuture<SrtpMasterKeys> done,
      java.util.function.Consumer<byte[]> network) implements DtlsTransport.Listener {
    @Override
    public void onDtlsTransportSend(byte[] datagram) {
      network.accept(datagram);
    }

    @Override
    public void onDtlsTransportConnected(SrtpMasterKeys keys) {
      done.complete(keys);
    }

    @Override
    public void onDtlsTransportFailed(String reason) {
      done.completeExceptionally(new IllegalStateException(reason));
    }

    @Override
    public void onDtlsTransportClosed() {
    }
  }
}
