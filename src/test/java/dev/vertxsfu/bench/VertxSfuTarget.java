package dev.vertxsfu.bench;

import dev.vertxsfu.FreePorts;
import dev.vertxsfu.SfuNodeProcess;
import dev.vertxsfu.app.SfuNode;
import dev.vertxsfu.config.SfuConfig;
import dev.vertxsfu.media.dtls.DtlsCertificate;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Our SFU as a {@link BenchTarget}. {@link #asProcess} starts {@code dev.vertxsfu.app.Main} in a
 * JVM of its own (the harness's class path without the test classes; cluster off; its own
 * HTTP port and media port range through {@link SfuConfig}'s environment names), so
 * {@code /proc} shows the SFU's CPU and memory alone. {@link #inProcess} runs the node on a
 * Vert.x of this JVM instead, for the smoke test, where surefire's class path cannot be
 * handed to a child.
 *
 * <p>Threads: {@link #start}/{@link #close} on the harness's main thread; clients' signaling
 * on this target's Vert.x (the harness side's, never the SFU's).
 */
final class VertxSfuTarget implements BenchTarget {
  private final boolean separateProcess;
  private final Path logFile;
  private final List<String> jvmOptions;
  /** Settings over the harness's own (single-port mode, send shards), as environment names. */
  private final Map<String, String> extraEnv;
  private final String name;
  /** Event loops of the in-process node's Vert.x; 0: Vert.x's default. */
  private int eventLoops;
  private final Vertx vertx = Vertx.vertx();
  private SfuNode node;
  private final List<SfuClient> clients = new CopyOnWriteArrayList<>();
  private Vertx inProcessVertx;
  private ServerProcess server;
  private int httpPort;

  int httpPort() {
    return httpPort;
  }

  private VertxSfuTarget(boolean separateProcess, Path logFile, List<String> jvmOptions,
      String name, Map<String, String> extraEnv) {
    this.separateProcess = separateProcess;
    this.logFile = logFile;
    this.jvmOptions = jvmOptions;
    this.name = name;
    this.extraEnv = extraEnv;
  }

  /** The SFU in a child JVM, its output in {@code logFile}. */
  static VertxSfuTarget asProcess(Path logFile, List<String> jvmOptions) {
    return new VertxSfuTarget(true, logFile, jvmOptions, "vertx-sfu", Map.of());
  }

  /**
   * The same in single-port mode ({@code media.udp-port}): every room's media through the
   * node's one port per event loop (target name {@code vertx-1port}).
   */
  static VertxSfuTarget asProcessSinglePort(Path logFile, List<String> jvmOptions) {
    return new VertxSfuTarget(true, logFile, jvmOptions, "vertx-1port", singlePortEnv(8));
  }

  /**
   * The same with one send shard per room after 32 clients ({@code media.send-shards} 1,
   * docs/wide-room.md): a wide room's sends for half its clients run on a second event loop
   * (target name {@code vertx-shards}).
   */
  static VertxSfuTarget asProcessSendShards(Path logFile, List<String> jvmOptions) {
    return new VertxSfuTarget(true, logFile, jvmOptions, "vertx-shards",
        Map.of("SFU_MEDIA_SEND_SHARDS", "1", "SFU_MEDIA_SHARD_AFTER", "32"));
  }

  /** The SFU on a Vert.x of this JVM (the smoke test). */
  static VertxSfuTarget inProcess() {
    return new VertxSfuTarget(false, null, List.of(), "vertx-sfu", Map.of());
  }

  /**
   * The SFU on a Vert.x of this JVM with {@code eventLoops} event loops, in single-port mode:
   * its rooms share {@code eventLoops} UDP ports.
   */
  static VertxSfuTarget inProcessSinglePort(int eventLoops) {
    VertxSfuTarget target = new VertxSfuTarget(false, null, List.of(), "vertx-1port",
        singlePortEnv(eventLoops));
    target.eventLoops = eventLoops;
    return target;
  }

  /** {@code media.udp-port} at a block of {@code loops} UDP ports free now. */
  private static Map<String, String> singlePortEnv(int loops) {
    return Map.of("SFU_MEDIA_UDP_PORT", Integer.toString(FreePorts.udpBlock(loops)));
  }

  /** The in-process node, once started. */
  SfuNode node() {
    return node;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ServerProcess start() throws Exception {
    httpPort = FreePorts.tcp();
    int minPort = 42000 + new SecureRandom().nextInt(200) * 10;
    // Media on loopback only, as the Janus target's: the runs stay comparable with the earlier
    // ones (bench/README.md), whatever the node's defaults announce.
    Map<String, String> env = new java.util.HashMap<>(Map.of("SFU_CLUSTER_ENABLED", "false",
        "SFU_MEDIA_BIND_HOST", "127.0.0.1", "SFU_MEDIA_ANNOUNCED_ADDRESS", "127.0.0.1",
        "SFU_HTTP_PORT", Integer.toString(httpPort),
        "SFU_MEDIA_MIN_PORT", Integer.toString(minPort),
        "SFU_MEDIA_MAX_PORT", Integer.toString(minPort + 999),
        "SFU_ROOMS_EMPTY_CLOSE_SECONDS", "2",
        // fan-out steps go past the default room size
        "SFU_ROOMS_MAX_CLIENTS", "100000",
        // Every synthetic client comes from 127.0.0.1: no per-address limit for the harness.
        "SFU_HTTP_MAX_CONNECTIONS_PER_IP", "0"));
    env.putAll(extraEnv);
    if (!separateProcess) {
      inProcessVertx = eventLoops > 0
          ? Vertx.vertx(new io.vertx.core.VertxOptions().setEventLoopPoolSize(eventLoops))
          : Vertx.vertx();
      DtlsCertificate certificate =
          DtlsCertificate.generate(new SecureRandom(), Instant.now(), Duration.ofDays(1));
      node = SfuNode.start(inProcessVertx, SfuConfig.load(env), certificate, 1)
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      server = ServerProcess.thisJvm();
      return server;
    }
    Process process = SfuNodeProcess.launch(env, jvmOptions, logFile);
    server = new ServerProcess(process, true);
    SfuNodeProcess.awaitReady(process, httpPort, logFile, Duration.ofSeconds(60));
    return server;
  }

  @Override
  public CompletableFuture<Publication> publish(String room, int index, SyntheticPeer peer,
      long videoSsrc, long audioSsrc) {
    return publishSimulcast(room, index, peer, new long[] {videoSsrc}, audioSsrc);
  }

  @Override
  public CompletableFuture<Publication> publishSimulcast(String room, int index,
      SyntheticPeer peer, long[] videoSsrcs, long audioSsrc) {
    String video = "video" + index;
    String audio = "audio" + index;
    return SfuClient.join(vertx, "127.0.0.1", httpPort, room, "pub" + index, peer)
        .compose(client -> {
          clients.add(client);
          return client.publish("stream" + index, video, videoSsrcs, audio, audioSsrc)
              .map(v -> new Publication(index, client.clientId(), video, audio, -1));
        })
        .toCompletionStage().toCompletableFuture();
  }

  /**
   * What the SFU last told each client of the simulcast layer it gets (its spatial index, null
   * when told nothing), in the order the clients joined: publishers' and subscribers'.
   */
  List<String> lastLayers() {
    return clients.stream().map(SfuClient::lastLayer).toList();
  }

  @Override
  public CompletableFuture<Void> subscribe(String room, String name, SyntheticPeer peer,
      List<Publication> publications) {
    return SfuClient.join(vertx, "127.0.0.1", httpPort, room, name, peer)
        .compose(client -> {
          clients.add(client);
          return client.subscribe(publications);
        })
        .toCompletionStage().toCompletableFuture();
  }

  @Override
  public CompletableFuture<Void> leaveAll() {
    List<Future<Void>> leaving = new ArrayList<>();
    for (SfuClient client : clients) {
      leaving.add(client.leave());
    }
    clients.clear();
    return Future.join(leaving).<Void>mapEmpty().otherwiseEmpty()
        .toCompletionStage().toCompletableFuture();
  }

  @Override
  public void close() throws Exception {
    leaveAll().get(20, TimeUnit.SECONDS);
    vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    if (inProcessVertx != null) {
      inProcessVertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
    if (server != null) {
      server.stop();
    }
  }
}
