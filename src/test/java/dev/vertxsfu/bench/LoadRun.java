package dev.vertxsfu.bench;

import dev.vertxsfu.media.dtls.DtlsCertificate;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The synthetic clients of one target in one run, and their measurement. Publishers get a
 * {@link MediaSource}, subscribers a {@link MediaSink}; peers are spread round-robin over a
 * few {@link PeerLoop}s (one per core by default). Clients are only ever added, so a scenario
 * steps its load up without tearing down what it has.
 *
 * <p>Threads: the harness's (or test's) main thread calls every method; they block until the
 * target has done what they ask (bounded by timeouts).
 *
 * <p>Owns: the loops, a worker pool for DTLS handshakes, one DTLS certificate shared by all
 * peers (read-only), every peer, source and sink.
 */
final class LoadRun implements AutoCloseable {
  private static final long SETUP_TIMEOUT_SECONDS = 30;

  /** What one measurement window saw, before it is turned into a {@link StepResult}. */
  record Window(double seconds, long packets, long expected, LatencyHistogram latency,
      long serverCpuNanos, double machineBusy) {
    double lossPercent() {
      return expected <= 0 ? 0 : Math.max(0, 100.0 * (expected - packets) / expected);
    }
  }

  private final BenchTarget target;
  private final VideoClip clip;
  private final Vp8Packetizer packetizer;
  private final int maxStreams;
  private final List<PeerLoop> loops = new ArrayList<>();
  private final ExecutorService blocking = Executors.newCachedThreadPool(r -> {
    Thread thread = new Thread(r, "dtls-handshake");
    thread.setDaemon(true);
    return thread;
  });
  private final DtlsCertificate certificate =
      DtlsCertificate.generate(new SecureRandom(), Instant.now(), Duration.ofDays(1));
  private final SecureRandom random = new SecureRandom();
  private final List<SyntheticPeer> peers = new ArrayList<>();
  private final List<MediaSource> sources = new ArrayList<>();
  private final List<MediaSink> sinks = new ArrayList<>();
  private int publishers;
  private int subscriberStreams;
  private double paceFactor;

  /**
   * @param maxPayload RTP payload bytes per video packet (descriptor and tag included)
   * @param maxPublishers how many publishers the run may hold (sizes the sinks' arrays)
   */
  LoadRun(BenchTarget target, VideoClip clip, int loopCount, int maxPayload, int maxPublishers) {
    this.target = target;
    this.clip = clip;
    this.packetizer = new Vp8Packetizer(maxPayload - PacketTag.LENGTH);
    this.maxStreams = 2 * maxPublishers;
    for (int i = 0; i < loopCount; i++) {
      loops.add(new PeerLoop("peer-loop-" + i));
    }
  }

  /**
   * Before adding publishers: paces their video at {@code factor} times its bitrate
   * ({@link MediaSource#paced}); 0 (the default) sends each frame's packets in one burst.
   */
  LoadRun pace(double factor) {
    this.paceFactor = factor;
    return this;
  }

  /** Video packets that found a paced publisher's queue full (racy sum). */
  long pacerOverflows() {
    return sources.stream().mapToLong(MediaSource::pacerOverflows).sum();
  }

  int subscriberStreams() {
    return subscriberStreams;
  }

  private SyntheticPeer newPeer() throws Exception {
    PeerLoop loop = loops.get(peers.size() % loops.size());
    SyntheticPeer peer = SyntheticPeer.open(loop, certificate, blocking, random)
        .get(SETUP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    peers.add(peer);
    return peer;
  }

  /** Adds a publisher to {@code room}; it starts sending once its transport is up. */
  BenchTarget.Publication addPublisher(String room) throws Exception {
    return addPublisher(room, false);
  }

  /**
   * Adds a publisher to {@code room}, of three simulcast encodings of the clip when
   * {@code simulcast} ({@link MediaSource#simulcast}); it starts sending once its transport is
   * up. Its subscribers get the largest encoding (they send no {@code track_settings}).
   */
  BenchTarget.Publication addPublisher(String room, boolean simulcast) throws Exception {
    int index = publishers++;
    if (2 * index + 1 >= maxStreams) {
      throw new IllegalStateException("more publishers than the run was sized for");
    }
    SyntheticPeer peer = newPeer();
    List<VideoClip> clips = simulcast ? MediaSource.simulcast(clip) : List.of(clip);
    long[] videoSsrcs = new long[clips.size()];
    for (int i = 0; i < videoSsrcs.length; i++) {
      videoSsrcs[i] = random.nextInt() & 0xFFFF_FFFFL;
    }
    long audioSsrc = random.nextInt() & 0xFFFF_FFFFL;
    MediaSource source = new MediaSource(peer, clips, packetizer, 2 * index, 2 * index + 1,
        videoSsrcs, audioSsrc, random);
    if (paceFactor > 0) {
      source.paced(paceFactor);
    }
    sources.add(source);
    peer.connected().thenRun(source::start);
    BenchTarget.Publication publication = (simulcast
        ? target.publishSimulcast(room, index, peer, videoSsrcs, audioSsrc)
        : target.publish(room, index, peer, videoSsrcs[0], audioSsrc))
        .get(SETUP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    peer.connected().get(SETUP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    return publication;
  }

  /** Adds a subscriber to {@code room} that receives every track of {@code publications}. */
  void addSubscriber(String room, String name, List<BenchTarget.Publication> publications)
      throws Exception {
    SyntheticPeer peer = newPeer();
    MediaSink sink = new MediaSink(peer, maxStreams, random.nextInt() & 0xFFFF_FFFFL);
    sinks.add(sink);
    sink.start();
    target.subscribe(room, name, peer, publications).get(SETUP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    peer.connected().get(SETUP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    subscriberStreams += 2 * publications.size();
  }

  /** Tagged packets received by all subscribers so far (racy sum; for progress checks). */
  long packetsReceived() {
    long total = 0;
    for (MediaSink sink : sinks) {
      total += sink.total();
    }
    return total;
  }

  /**
   * The stream indexes ({@code 2 * publisher} video, {@code + 1} audio) each subscriber has
   * received packets of, in the order the subscribers were added.
   */
  List<java.util.Set<Integer>> streamsPerSubscriber() throws Exception {
    List<java.util.Set<Integer>> streams = new ArrayList<>();
    for (MediaSink.Sample sample : samples(false)) {
      java.util.Set<Integer> seen = new java.util.TreeSet<>();
      for (int i = 0; i < sample.received().length; i++) {
        if (sample.received()[i] > 0) {
          seen.add(i);
        }
      }
      streams.add(seen);
    }
    return streams;
  }

  /** The server addresses the peers send to, publishers and subscribers alike. */
  java.util.Set<java.net.InetSocketAddress> serverAddresses() {
    java.util.Set<java.net.InetSocketAddress> addresses = new java.util.HashSet<>();
    peers.forEach(peer -> addresses.add(peer.remoteCandidate()));
    return addresses;
  }

  /** Packets each subscriber received so far, in the order they were added. */
  List<Long> packetsPerSubscriber() {
    return sinks.stream().map(MediaSink::total).toList();
  }

  /**
   * Measures for {@code window}: packets received, packets expected (by each stream's packet
   * numbers), latency, the server's CPU time and the machine's busy fraction. The calling
   * thread sleeps through the window: that is the measurement's duration, not a wait for an
   * event.
   */
  Window measure(Duration window, ServerProcess server) throws Exception {
    List<MediaSink.Sample> before = samples(true);
    long cpuBefore = server.cpuNanos();
    MachineCpu.Ticks machineBefore = MachineCpu.read();
    long start = System.nanoTime();
    TimeUnit.NANOSECONDS.sleep(window.toNanos());
    List<MediaSink.Sample> after = samples(false);
    long cpuAfter = server.cpuNanos();
    double machineBusy = MachineCpu.read().busyFractionSince(machineBefore);
    double seconds = (System.nanoTime() - start) / 1e9;
    long packets = 0;
    long expected = 0;
    LatencyHistogram latency = new LatencyHistogram();
    for (int s = 0; s < before.size(); s++) {
      MediaSink.Sample a = before.get(s);
      MediaSink.Sample b = after.get(s);
      latency.add(b.latency());
      for (int stream = 0; stream < maxStreams; stream++) {
        long got = b.received()[stream] - a.received()[stream];
        if (a.highest()[stream] >= 0) {
          packets += got;
          expected += b.highest()[stream] - a.highest()[stream];
        } else if (got > 0) {
          packets += got; // first seen in the window: count from its first packet
          expected += got;
        }
      }
    }
    return new Window(seconds, packets, expected, latency, cpuAfter - cpuBefore, machineBusy);
  }

  private List<MediaSink.Sample> samples(boolean resetLatency) throws Exception {
    List<CompletableFuture<MediaSink.Sample>> futures = new ArrayList<>();
    for (MediaSink sink : sinks) {
      futures.add(sink.sample(resetLatency));
    }
    List<MediaSink.Sample> samples = new ArrayList<>();
    for (CompletableFuture<MediaSink.Sample> future : futures) {
      samples.add(future.get(10, TimeUnit.SECONDS));
    }
    return samples;
  }

  /** Stops the sources, leaves the rooms and closes every peer and loop. */
  @Override
  public void close() throws Exception {
    sources.forEach(MediaSource::stop);
    try {
      target.leaveAll().get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      // the target may be gone already; the peers close anyway
    }
    List<CompletableFuture<Void>> closing = new ArrayList<>();
    peers.forEach(peer -> closing.add(peer.close()));
    for (CompletableFuture<Void> done : closing) {
      try {
        done.get(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        // a stuck loop is closed below
      }
    }
    loops.forEach(PeerLoop::close);
    blocking.shutdownNow();
  }

  static VideoClip defaultClip() throws IOException {
    try (var in = LoadRun.class.getResourceAsStream("/bench/clip.ivf")) {
      if (in == null) {
        throw new IOException("the clip resource /bench/clip.ivf is missing");
      }
      return IvfReader.read(in.readAllBytes());
    }
  }
}
