package dev.vertxsfu.bench;

import dev.vertxsfu.FreePorts;
import dev.vertxsfu.media.dtls.DtlsFingerprint;
import dev.vertxsfu.wire.sdp.Setup;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * mediasoup 3 as a {@link BenchTarget}: {@code bench/mediasoup/server.mjs} (Node.js, a worker
 * per core, a router per room and worker, {@code pipeToRouter} for a wide fan-out) started as a
 * process of its own, driven over its HTTP/JSON API. mediasoup has no SDP: the API hands out
 * what a transport is (ICE parameters and candidates, DTLS fingerprints), and this class turns
 * it into the synthetic peer's {@link RemoteTransport} (ice-lite, our peer ICE-controlling and
 * DTLS client), and the peer's SSRCs and payload types into producers' RTP parameters.
 * Subscribers consume every track with capabilities of VP8 (NACK, PLI) and Opus and no header
 * extension, so the packets on the wire have the shape the other targets send.
 *
 * <p>The server's CPU and memory are the Node.js process and its {@code mediasoup-worker}
 * children together ({@link ServerProcess#withDescendants}).
 *
 * <p>Threads: {@link #start}/{@link #close} on the harness's main thread; the futures complete
 * on the HTTP client's threads. Owns the Node.js process.
 */
final class MediasoupTarget implements BenchTarget {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path out;
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();
  private Process process;
  private int port;

  /** The harness loads this class with the run's output folder. */
  MediasoupTarget(Path out) {
    this.out = out;
  }

  @Override
  public String name() {
    return "mediasoup";
  }

  @Override
  public ServerProcess start() throws Exception {
    port = FreePorts.tcp();
    int rtcMin = 46_000 + RANDOM.nextInt(10) * 400;
    // one log per server (a run starts one per scenario): mediasoup.log, mediasoup-2.log, ...
    Path log = out.resolve("mediasoup.log");
    for (int n = 2; Files.exists(log); n++) {
      log = out.resolve("mediasoup-" + n + ".log");
    }
    List<String> command = List.of("node", "bench/mediasoup/server.mjs", "--port",
        Integer.toString(port), "--rtc-min-port", Integer.toString(rtcMin), "--rtc-max-port",
        Integer.toString(rtcMin + 3_999));
    process = new ProcessBuilder(command).redirectErrorStream(true).start();
    CompletableFuture<Void> listening = new CompletableFuture<>();
    Path logFile = log;
    Thread copier = new Thread(() -> copyOutput(logFile, listening), "mediasoup-log");
    copier.setDaemon(true);
    copier.start();
    try {
      listening.get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      close();
      throw new IOException("mediasoup did not start, see " + log + ":\n"
          + Files.readString(log), e);
    }
    JsonObject info = call("/info", new JsonObject()).get(10, TimeUnit.SECONDS);
    System.out.println("mediasoup " + info.getString("version") + ", worker pids "
        + info.getJsonArray("workers"));
    return ServerProcess.withDescendants(process);
  }

  /** Copies the server's output into {@code log}; completes {@code listening} on its banner. */
  private void copyOutput(Path log, CompletableFuture<Void> listening) {
    try (var reader = new java.io.BufferedReader(new java.io.InputStreamReader(
        process.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
        var writer = Files.newBufferedWriter(log)) {
      String line;
      while ((line = reader.readLine()) != null) {
        writer.write(line);
        writer.newLine();
        writer.flush();
        if (line.contains("bench server on")) {
          listening.complete(null);
        }
      }
      listening.completeExceptionally(new IOException("mediasoup exited"));
    } catch (IOException e) {
      listening.completeExceptionally(e);
    }
  }

  @Override
  public CompletableFuture<Publication> publish(String room, int index, SyntheticPeer peer,
      long videoSsrc, long audioSsrc) {
    return transport(room, "publisher", peer).thenCompose(transportId -> {
      CompletableFuture<JsonObject> video = call("/produce", new JsonObject()
          .put("transportId", transportId).put("kind", "video").put("ssrc", videoSsrc)
          .put("payloadType", ClientOffer.VP8_PT).put("cname", "synthetic-" + index));
      CompletableFuture<JsonObject> audio = call("/produce", new JsonObject()
          .put("transportId", transportId).put("kind", "audio").put("ssrc", audioSsrc)
          .put("payloadType", ClientOffer.OPUS_PT).put("cname", "synthetic-" + index));
      return video.thenCombine(audio, (v, a) -> new Publication(index, transportId,
          v.getString("id"), a.getString("id"), -1));
    });
  }

  @Override
  public CompletableFuture<Void> subscribe(String room, String name, SyntheticPeer peer,
      List<Publication> publications) {
    return transport(room, "subscriber", peer).thenCompose(transportId -> {
      List<CompletableFuture<JsonObject>> consumers = new ArrayList<>();
      for (Publication publication : publications) {
        for (String producerId : List.of(publication.videoTrackId(),
            publication.audioTrackId())) {
          consumers.add(call("/consume", new JsonObject().put("transportId", transportId)
              .put("producerId", producerId)));
        }
      }
      return CompletableFuture.allOf(consumers.toArray(CompletableFuture[]::new));
    });
  }

  /**
   * Creates a transport for {@code peer}, connects it with the peer's fingerprint (the peer is
   * the DTLS client) and starts the peer; completes with the transport id.
   */
  private CompletableFuture<String> transport(String room, String role, SyntheticPeer peer) {
    return call("/transport", new JsonObject().put("room", room).put("role", role))
        .thenCompose(created -> {
          RemoteTransport remote = remoteTransport(created);
          String transportId = created.getString("id");
          DtlsFingerprint ours = peer.localFingerprint();
          return call("/connect", new JsonObject().put("transportId", transportId)
              .put("role", "client").put("fingerprint", ours.value()))
              .thenApply(connected -> {
                peer.loop().execute(() -> peer.start(remote, true, true));
                return transportId;
              });
        });
  }

  /** mediasoup's transport parameters as the peer's view of the remote side. */
  static RemoteTransport remoteTransport(JsonObject created) {
    JsonObject ice = created.getJsonObject("iceParameters");
    DtlsFingerprint fingerprint = null;
    for (Object f : created.getJsonObject("dtlsParameters").getJsonArray("fingerprints")) {
      JsonObject candidate = (JsonObject) f;
      if (candidate.getString("algorithm").equals("sha-256")) {
        fingerprint = new DtlsFingerprint("sha-256", candidate.getString("value"));
      }
    }
    InetSocketAddress address = null;
    JsonArray candidates = created.getJsonArray("iceCandidates");
    for (Object c : candidates) {
      JsonObject candidate = (JsonObject) c;
      String ip = candidate.getString("address", candidate.getString("ip"));
      if (candidate.getString("protocol").equals("udp") && ip.startsWith("127.")) {
        address = new InetSocketAddress(ip, candidate.getInteger("port"));
      }
    }
    if (fingerprint == null || address == null) {
      throw new IllegalArgumentException("mediasoup gave no sha-256 fingerprint or no UDP "
          + "candidate on 127.0.0.1: " + created.encode());
    }
    return new RemoteTransport(ice.getString("usernameFragment"), ice.getString("password"),
        ice.getBoolean("iceLite", true), fingerprint, Setup.PASSIVE, address);
  }

  private CompletableFuture<JsonObject> call(String path, JsonObject body) {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(20))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
      JsonObject reply = new JsonObject(response.body());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("mediasoup " + path + ": " + reply.getString("error"));
      }
      return reply;
    });
  }

  @Override
  public CompletableFuture<Void> leaveAll() {
    return call("/close-all", new JsonObject()).<Void>thenApply(reply -> null)
        .exceptionally(e -> null);
  }

  @Override
  public void close() throws Exception {
    if (process == null) {
      return;
    }
    try {
      leaveAll().get(20, TimeUnit.SECONDS);
    } finally {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}
