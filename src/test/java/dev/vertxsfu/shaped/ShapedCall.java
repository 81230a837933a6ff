package dev.vertxsfu.shaped;

import static org.awaitility.Awaitility.await;

import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsType;
import dev.vertxsfu.app.SfuNode;
import dev.vertxsfu.client.LocalTrack;
import dev.vertxsfu.client.SfuWebSocketClient;
import dev.vertxsfu.config.SfuConfig;
import dev.vertxsfu.media.dtls.DtlsCertificate;
import io.vertx.core.Vertx;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One call of a shaped-link scenario: a {@link NetworkNamespace} shaped to a start rate, a
 * whole SFU node in the test JVM bound to the namespace's root-side address (HTTP and media;
 * its host candidate is that address), a libwebrtc publisher in the test JVM sending a
 * 1280x720 camera as three simulcast layers capped at the issue's ~150 kbit/s, ~500 kbit/s and
 * ~1.5 Mbit/s ({@link #LAYER_BPS}) and a microphone, and subscribers as processes of
 * their own ({@link ShapedSubscriberProcess}): inside the namespace (shaped) or beside the
 * test (unshaped, over the local route). The SFU's estimate toward the shaped subscriber is
 * sampled every {@value #ESTIMATE_MILLIS} ms on the room's loop ({@code RoomManager#estimateBps})
 * with the rate the link had then. Used from the test thread; close it in a finally.
 */
final class ShapedCall implements AutoCloseable {
  static final long ESTIMATE_MILLIS = 200;
  /** The publisher's encodings' maxBitrate, smallest first. */
  static final int[] LAYER_BPS = {150_000, 500_000, 1_500_000};
  private static final DtlsCertificate CERTIFICATE =
      DtlsCertificate.generate(new SecureRandom(), Instant.now(), Duration.ofDays(1));
  static final String PUBLISHER = "alice";
  private static final long TIMEOUT_SECONDS = 40;

  /** One sample: when, the SFU's estimate toward the shaped subscriber, the link's rate. */
  record EstimateSample(long t, long estimateBps, long rateBps) {}

  final String room;
  final NetworkNamespace namespace;
  private final Vertx vertx = Vertx.vertx();
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final List<EstimateSample> estimates = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
  private SfuNode node;
  private volatile String publisherId;
  private int httpPort;
  private volatile long rateBps;
  final long startMillis = System.currentTimeMillis();

  private ShapedCall(String room, NetworkNamespace namespace) {
    this.room = room;
    this.namespace = namespace;
    this.rateBps = namespace.rateBps();
  }

  /** Makes namespace {@code index} at {@code rateBps} and starts the node. */
  static ShapedCall start(String room, int index, long rateBps) throws Exception {
    // the allocator's decisions, with the estimate behind them, go to the test's output
    dev.vertxsfu.app.Logging.install();
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.vertxsfu.media.cc"))
        .setLevel(ch.qos.logback.classic.Level.DEBUG);
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
        "dev.vertxsfu.media.router.SubscriberBandwidth")).setLevel(ch.qos.logback.classic.Level.DEBUG);
    ShapedCall call = new ShapedCall(room, NetworkNamespace.create(index, rateBps));
    try {
      String host = call.namespace.rootAddress();
      SfuConfig config = SfuConfig.load(Map.of("SFU_HTTP_HOST", host, "SFU_HTTP_PORT", "0",
          "SFU_MEDIA_BIND_HOST", host, "SFU_MEDIA_MIN_PORT", "0", "SFU_MEDIA_MAX_PORT", "0"));
      call.node = SfuNode.start(call.vertx, config, CERTIFICATE, 1).toCompletionStage()
          .toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      call.httpPort = call.node.httpPort();
    } catch (Exception e) {
      call.close();
      throw e;
    }
    return call;
  }

  /**
   * Publishes the simulcast camera and the microphone as {@value #PUBLISHER}, then turns the
   * room's bandwidth allocation on.
   */
  SfuWebSocketClient publish() throws Exception {
    SfuWebSocketClient publisher = new SfuWebSocketClient(vertx, namespace.rootAddress(),
        httpPort, 1280, 720).publishSimulcast();
    closeables.add(publisher);
    get(publisher.connect());
    CompletableFuture<LocalTrack> camera = publisher.publishCamera(1280, 720);
    CompletableFuture<LocalTrack> microphone = publisher.publishMicrophone();
    get(publisher.join(room, PUBLISHER));
    get(camera);
    get(microphone);
    get(publisher.events().peerConnected());
    // the publisher: ~150 kbit/s, ~500 kbit/s and ~1.5 Mbit/s
    get(publisher.maxBitrates(get(camera), LAYER_BPS));
    publisherId = publisher.clientId();
    node.rooms().applyBandwidthAllocation(room, true).toCompletionStage().toCompletableFuture()
        .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    return publisher;
  }

  /**
   * Waits until {@code publisher} sends its top layer at 1280 pixels wide and at least two thirds
   * of its cap, measured from its own {@code getStats} (outbound-rtp, bytes sent between two
   * polls): a libwebrtc publisher enables its top layer only once its own estimate allows, at
   * times 13 s into the call, and ramps the layer from ~70 kbit/s; a subscriber that joined
   * before saw a layer appear and grow under it, not the publisher "sending three
   * layers". Fails after {@value #TIMEOUT_SECONDS} s.
   */
  void awaitTopLayerSending(SfuWebSocketClient publisher) {
    long[] last = {-1, 0};
    await().atMost(Duration.ofSeconds(TIMEOUT_SECONDS)).pollInterval(Duration.ofMillis(500))
        .until(() -> {
          long bytes = -1;
          for (RTCStats stats : get(publisher.stats()).getStats().values()) {
            Map<String, Object> attributes = stats.getAttributes();
            if (stats.getType() == RTCStatsType.OUTBOUND_RTP
                && "video".equals(attributes.get("kind"))
                && attributes.get("frameWidth") instanceof Number width
                && width.intValue() == 1280
                && attributes.get("bytesSent") instanceof Number sent) {
              bytes = sent.longValue();
            }
          }
          long nanos = System.nanoTime();
          boolean fast = bytes >= 0 && last[0] >= 0
              && (bytes - last[0]) * 8 * 1_000_000_000.0 / (nanos - last[1])
                  >= LAYER_BPS[2] * 2.0 / 3;
          last[0] = bytes;
          last[1] = nanos;
          return fast;
        });
  }

  /**
   * A subscriber process inside the shaped namespace, of the publisher's tracks (call
   * {@link #publish} first); waits until it subscribed.
   */
  ShapedSubscriberProcess shapedSubscriber(String name) throws Exception {
    return subscriber(namespace, name);
  }

  /** A subscriber process beside the test, not shaped. */
  ShapedSubscriberProcess unshapedSubscriber(String name) throws Exception {
    return subscriber(null, name);
  }

  private ShapedSubscriberProcess subscriber(NetworkNamespace inside, String name)
      throws Exception {
    ShapedSubscriberProcess process = ShapedSubscriberProcess.start(inside,
        namespace.rootAddress(), httpPort, room, name, publisherId);
    closeables.add(process);
    process.awaitSubscribed(Duration.ofSeconds(90));
    return process;
  }

  /** Samples the SFU's estimate toward {@code clientId} from now on. */
  void recordEstimate(String clientId) {
    sampler.scheduleAtFixedRate(() -> {
      try {
        long estimate = node.rooms().estimateBps(room, clientId).toCompletionStage()
            .toCompletableFuture().get(5, TimeUnit.SECONDS);
        estimates.add(new EstimateSample(System.currentTimeMillis(), estimate, rateBps));
      } catch (Exception e) {
        estimates.add(new EstimateSample(System.currentTimeMillis(), -1, rateBps));
      }
    }, 0, ESTIMATE_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** Shapes the link to {@code bps} now ({@code tc qdisc change}). */
  void changeRate(long bps) throws IOException {
    namespace.changeRate(bps);
    rateBps = bps;
  }

  /** The node's HTTP (signalling) port, at {@link NetworkNamespace#rootAddress()}. */
  int httpPort() {
    return httpPort;
  }

  List<EstimateSample> estimates() {
    return List.copyOf(estimates);
  }

  /** The last estimate sampled at or before {@code at}, -1 before the first. */
  long estimateAt(long at) {
    long estimate = -1;
    for (EstimateSample sample : estimates) {
      if (sample.t() <= at) {
        estimate = sample.estimateBps();
      }
    }
    return estimate;
  }

  /**
   * Writes {@code target/shaped/<file>.png}: the shaped rate, the SFU's estimate and what
   * {@code subscriber} received (getStats, per second) over the call's seconds.
   */
  Path plot(String file, String title, ShapedSubscriberProcess subscriber) throws IOException {
    List<double[]> rate = new ArrayList<>();
    List<double[]> estimate = new ArrayList<>();
    for (EstimateSample sample : estimates()) {
      double at = (sample.t() - startMillis) / 1000.0;
      rate.add(new double[] {at, sample.rateBps() / 1000.0});
      if (sample.estimateBps() >= 0) {
        estimate.add(new double[] {at, sample.estimateBps() / 1000.0});
      }
    }
    SubscriberTimeline timeline = new SubscriberTimeline(subscriber.lines());
    List<double[]> received = new ArrayList<>();
    long end = System.currentTimeMillis();
    for (long t = startMillis + 1000; t <= end; t += 1000) {
      received.add(new double[] {(t - startMillis) / 1000.0,
          timeline.bitrateBps(t - 1000, t) / 1000.0});
    }
    Path png = Path.of("target", "shaped", file + ".png");
    EstimatePlot.write(title, List.of(
        new EstimatePlot.Series("shaped link rate", new Color(0x2ca02c), rate),
        new EstimatePlot.Series("SFU estimate toward the subscriber", new Color(0x1f77b4),
            estimate),
        new EstimatePlot.Series("received (getStats, 1 s)", new Color(0xd62728), received)),
        png);
    return png;
  }

  private static <T> T get(CompletableFuture<T> future) throws Exception {
    return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    sampler.shutdownNow();
    Exception first = null;
    for (int i = closeables.size() - 1; i >= 0; i--) {
      try {
        closeables.get(i).close();
      } catch (Exception e) {
        first = first == null ? e : first;
      }
    }
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } finally {
      namespace.close();
    }
    if (first != null) {
      throw first;
    }
  }
}
