package dev.vertxsfu.shaped;

import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsReport;
import dev.onvoid.webrtc.RTCStatsType;
import dev.vertxsfu.client.SfuWebSocketClient;
import dev.vertxsfu.client.TrackInfo;
import dev.vertxsfu.testpeer.DecodedMedia;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A libwebrtc subscriber in a JVM of its own, meant to run inside a {@link NetworkNamespace}
 * ({@code ip netns exec}): joins {@code room} on the SFU at {@code host:port}, subscribes to
 * every track of {@code publisher} (a client id) (its camera without a size limit), and reports on stdout,
 * one JSON object a line, each with {@code t} (epoch milliseconds, the machine's clock) and
 * {@code event}:
 *
 * <ul>
 *   <li>{@code subscribed}: its client id, once the tracks are asked for;
 *   <li>{@code video}: {@code frames} decoded so far (any size) and the last {@code width} and
 *       {@code height}, whenever the count changed (sampled every {@value #SAMPLE_MILLIS} ms);
 *   <li>{@code audio}: audible sample frames played so far, every {@value #AUDIO_MILLIS} ms;
 *   <li>{@code layer_changed}, {@code track_paused}, {@code track_resumed}: the SFU's events;
 *   <li>{@code stats}: the inbound-rtp counters of {@code getStats} per kind, every
 *       {@value #STATS_MILLIS} ms.
 * </ul>
 *
 * <p>Everything else (logs) goes to stderr. It leaves and exits when stdin closes, or after
 * {@code seconds}. Arguments: {@code host port room name publisher seconds}.
 */
public final class ShapedSubscriber {
  static final long SAMPLE_MILLIS = 20;
  static final long AUDIO_MILLIS = 200;
  static final long STATS_MILLIS = 500;
  private static final int WAIT_SECONDS = 30;
  private static final List<String> STATS = List.of("packetsReceived", "packetsLost",
      "bytesReceived", "framesDecoded", "frameWidth", "frameHeight", "freezeCount",
      "totalFreezesDuration", "nackCount", "pliCount", "jitter");

  private final PrintStream out;

  private ShapedSubscriber(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) throws Exception {
    PrintStream lines = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    System.setOut(System.err); // before any logger starts: stdout carries only the lines
    String host = args[0];
    int port = Integer.parseInt(args[1]);
    String room = args[2];
    String name = args[3];
    String publisher = args[4];
    long deadline = System.currentTimeMillis() + Long.parseLong(args[5]) * 1000;
    Thread stdin = new Thread(() -> {
      try {
        System.in.transferTo(java.io.OutputStream.nullOutputStream());
      } catch (java.io.IOException ignored) {
        // closed either way
      }
    }, "stdin-watch");
    stdin.setDaemon(true);
    stdin.start();
    int status = 0;
    try (SfuWebSocketClient client = new SfuWebSocketClient(host, port)) {
      new ShapedSubscriber(lines).run(client, room, name, publisher, stdin, deadline);
    } catch (Exception e) {
      e.printStackTrace();
      lines.println(new JsonObject().put("t", System.currentTimeMillis()).put("event", "error")
          .put("message", String.valueOf(e)).encode());
      status = 1;
    }
    System.exit(status);
  }

  private void run(SfuWebSocketClient client, String room, String name, String publisher,
      Thread stdin, long deadline) throws Exception {
    client.connect().get(WAIT_SECONDS, TimeUnit.SECONDS);
    client.join(room, name).get(WAIT_SECONDS, TimeUnit.SECONDS);
    client.firstNegotiation().get(WAIT_SECONDS, TimeUnit.SECONDS);
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(WAIT_SECONDS))
        .pollInterval(java.time.Duration.ofMillis(SAMPLE_MILLIS))
        .until(() -> hasCameraAndMicrophone(client, publisher));
    List<TrackInfo> tracks = client.events().available().stream()
        .filter(track -> track.clientId().equals(publisher)).toList();
    Optional<TrackInfo> camera = tracks.stream().filter(t -> t.kind().equals("video"))
        .findFirst();
    Optional<TrackInfo> microphone = tracks.stream().filter(t -> t.kind().equals("audio"))
        .findFirst();
    if (camera.isEmpty() || microphone.isEmpty()) {
      throw new IllegalStateException("no camera and microphone from " + publisher + ": "
          + tracks);
    }
    client.subscribe(tracks).get(WAIT_SECONDS, TimeUnit.SECONDS);
    client.trackSettings(camera.get(), 0, 0, false).get(WAIT_SECONDS, TimeUnit.SECONDS);
    print(new JsonObject().put("event", "subscribed").put("clientId", client.clientId()));
    report(client, camera.get(), microphone.get(), stdin, deadline);
  }

  private static boolean hasCameraAndMicrophone(SfuWebSocketClient client, String publisher) {
    List<TrackInfo> tracks = client.events().available().stream()
        .filter(track -> track.clientId().equals(publisher)).toList();
    return tracks.stream().anyMatch(t -> t.kind().equals("video"))
        && tracks.stream().anyMatch(t -> t.kind().equals("audio"));
  }

  /** Samples what is decoded and forwards the SFU's events until stdin closes. */
  private void report(SfuWebSocketClient client, TrackInfo camera, TrackInfo microphone,
      Thread stdin, long deadline) throws Exception {
    java.util.concurrent.ScheduledExecutorService sampler =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
    Sampler sample = new Sampler(client, camera, microphone);
    sampler.scheduleAtFixedRate(sample::run, 0, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
    try {
      stdin.join(Math.max(1, deadline - System.currentTimeMillis())); // till stdin closes
    } finally {
      sampler.shutdownNow();
      sampler.awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  /** One sample every {@value #SAMPLE_MILLIS} ms; only on the sampler's thread. */
  private final class Sampler {
    private final SfuWebSocketClient client;
    private final TrackInfo camera;
    private final TrackInfo microphone;
    private int layersSeen;
    private int pausesSeen;
    private int lastFrames = -1;
    private long lastAudio = -1;
    private long nextAudio;
    private long nextStats;

    Sampler(SfuWebSocketClient client, TrackInfo camera, TrackInfo microphone) {
      this.client = client;
      this.camera = camera;
      this.microphone = microphone;
    }

    void run() {
      try {
        sample(System.currentTimeMillis());
      } catch (RuntimeException e) {
        e.printStackTrace(); // the next sample tries again
      }
    }

    private void sample(long now) {
      List<JsonObject> layers = client.events().layerChanges();
      for (; layersSeen < layers.size(); layersSeen++) {
        print(layers.get(layersSeen).copy().put("event", "layer_changed"));
      }
      List<dev.vertxsfu.client.TrackPause> pauses = client.events().trackPauses();
      for (; pausesSeen < pauses.size(); pausesSeen++) {
        dev.vertxsfu.client.TrackPause pause = pauses.get(pausesSeen);
        print(new JsonObject().put("event", pause.paused() ? "track_paused" : "track_resumed")
            .put("clientId", pause.clientId()).put("trackId", pause.trackId())
            .put("reason", pause.reason()));
      }
      Optional<DecodedMedia> video = client.decoded(camera);
      if (video.isPresent()) {
        DecodedMedia decoded = video.get();
        int frames = decoded.frames() + decoded.framesAtOtherSizes();
        if (frames != lastFrames) {
          lastFrames = frames;
          print(new JsonObject().put("event", "video").put("frames", frames)
              .put("width", decoded.lastWidth()).put("height", decoded.lastHeight()));
        }
      }
      if (now >= nextAudio) {
        nextAudio = now + AUDIO_MILLIS;
        long audio = client.decoded(microphone).map(DecodedMedia::audioFrames).orElse(0L);
        if (audio != lastAudio) {
          lastAudio = audio;
          print(new JsonObject().put("event", "audio").put("samples", audio));
        }
      }
      if (now >= nextStats) {
        nextStats = now + STATS_MILLIS;
        client.stats().thenAccept(ShapedSubscriber.this::printStats);
      }
    }
  }

  private void printStats(RTCStatsReport report) {
    JsonObject line = new JsonObject().put("event", "stats");
    for (RTCStats stats : report.getStats().values()) {
      if (stats.getType() != RTCStatsType.INBOUND_RTP) {
        continue;
      }
      Map<String, Object> attributes = stats.getAttributes();
      JsonObject kind = new JsonObject();
      for (String key : STATS) {
        Object value = attributes.get(key);
        if (value instanceof Number number) {
          kind.put(key, number.doubleValue());
        }
      }
      line.put(String.valueOf(attributes.get("kind")), kind);
    }
    print(line);
  }

  private synchronized void print(JsonObject line) {
    out.println(new JsonObject().put("t", System.currentTimeMillis()).mergeIn(line).encode());
  }
}
