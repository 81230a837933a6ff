package dev.vertxsfu.media.router;

import dev.vertxsfu.media.cc.ProbeCluster;
import dev.vertxsfu.media.cc.StreamAllocation;
import dev.vertxsfu.media.rtp.SsrcTable;
import dev.vertxsfu.media.rtp.TransportCcFeedbackGenerator;
import dev.vertxsfu.media.transport.MediaSender;
import dev.vertxsfu.wire.WireFormatException;
import dev.vertxsfu.wire.rtcp.CompoundPacketReader;
import dev.vertxsfu.wire.rtcp.FeedbackMessage;
import dev.vertxsfu.wire.rtcp.FirEntry;
import dev.vertxsfu.wire.rtcp.FullIntraRequest;
import dev.vertxsfu.wire.rtcp.GenericNack;
import dev.vertxsfu.wire.rtcp.ReceiverEstimatedMaxBitrate;
import dev.vertxsfu.wire.rtcp.ReceiverReport;
import dev.vertxsfu.wire.rtcp.ReportBlock;
import dev.vertxsfu.wire.rtcp.RtcpFormatException;
import dev.vertxsfu.wire.rtcp.RtcpHeader;
import dev.vertxsfu.wire.rtcp.SenderReport;
import dev.vertxsfu.wire.rtp.RtpPacket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * The media graph of one room (mediasoup's {@code Router}): which producer each arriving
 * packet belongs to, which consumers it goes to, and where each RTCP message is meant.
 *
 * <p>In: decrypted RTP and RTCP from a client's transport ({@link #onRtp}, {@link #onRtcp}).
 * A packet finds its producer by SSRC; an SSRC the SDP did not signal is learned once from the
 * {@code mid} header extension (RFC 8843 §9.2). RTCP from a publisher (SR) goes to its
 * producer; feedback from a subscriber (NACK, PLI, FIR) goes to the consumer whose SSRC it
 * names. Out: through each client's {@link MediaSender}.
 *
 * <p>Congestion control toward subscribers: a subscriber that negotiated the transport-wide
 * sequence number extension gets a {@link SubscriberBandwidth} in its endpoint;
 * its consumers stamp each packet as it leaves, its transport-wide feedback, REMB and report
 * blocks feed the estimate, and {@link #tick} spreads the estimate over its consumers at most
 * every {@value SubscriberBandwidth#ALLOCATION_INTERVAL_MILLIS} ms after feedback
 * ({@link #applyAllocation}), and starts the probes the subscriber's estimate needs, which the
 * room paces through {@link #pace} while {@link #pacing}.
 *
 * <p>Dynacast: {@link #tick} also works out which layers of each simulcast producer its
 * consumers want ({@link Dynacast}) and tells the {@link LayersWantedListener} when that changes,
 * so the room can tell the publisher to stop encoding the others.
 *
 * <p>Threads: the room's event loop only. Owns one output buffer that every consumer writes
 * into and sends from before returning, and one reusable packet view.
 */
public final class Router {
  private final Map<MediaSender, Endpoint> endpoints = new HashMap<>();
  private final Map<String, Producer> producers = new LinkedHashMap<>();
  private final Map<String, Consumer> consumers = new LinkedHashMap<>();
  private final RtcpWriter rtcp = new RtcpWriter();
  private final byte[] output = new byte[RtpPacketLimits.BUFFER];
  private final RtpPacket view = new RtpPacket();
  private final CompoundPacketReader reader = new CompoundPacketReader();
  private final Random random;
  private final long rtcpSsrc;
  private long unknownPackets;
  private long malformedPackets;

  /** What the router knows of one client's transport. */
  private static final class Endpoint {
    final SsrcTable<Producer> inbound = new SsrcTable<>();
    final SsrcTable<Consumer> outbound = new SsrcTable<>();
    final Map<String, Producer> byMid = new HashMap<>();
    int midExtensionId;
    int transportCcExtensionId;
    TransportCcFeedbackGenerator transportCc;
    long lastFeedbackMillis;
    /** Congestion control toward this client as a subscriber; null until it needs one. */
    SubscriberBandwidth bandwidth;
  }

  /** How often publishers get transport-wide feedback (libwebrtc sends it every 50-100 ms). */
  static final long TRANSPORT_CC_INTERVAL_MILLIS = 50;

  /** @param random picks consumers' first sequence numbers and the SFU's RTCP SSRC */
  public Router(Random random) {
    this.random = random;
    this.rtcpSsrc = random.nextInt() & 0xFFFFFFFFL;
  }

  /**
   * Who hears that a subscriber's simulcast consumer now forwards another layer (the room, which
   * tells the subscriber). Called on the room's loop, at the key frame where the switch happens.
   */
  public interface LayerListener {
    void onLayerChanged(Consumer consumer, ConsumerLayer layer);
  }

  private LayerListener layerListener = (consumer, layer) -> { };

  /**
   * Who hears that a subscriber's track is paused, or resumed, for bandwidth (the room, which
   * tells the subscriber). Called on the room's loop, when the allocation changes.
   */
  public interface BandwidthListener {
    void onBandwidthPause(Consumer consumer, boolean paused);
  }

  private BandwidthListener bandwidthListener = (consumer, paused) -> { };

  /**
   * Who hears which layers of a simulcast producer its subscribers want now (the room, which
   * tells the publisher, {@code layers_wanted}). Called on the room's loop from {@link #tick},
   * when the set changes ({@link Dynacast}); {@code spatial} the layers' indexes, ascending.
   */
  public interface LayersWantedListener {
    void onLayersWanted(Producer producer, List<Integer> spatial);
  }

  private final Dynacast dynacast = new Dynacast();
  private LayersWantedListener layersWantedListener = (producer, spatial) -> { };
  private LongSupplier microsClock = () -> System.nanoTime() / 1000;
  private boolean applyAllocation = true;
  private boolean probing = true;

  /** Where changes of the layers publishers should encode go from now on. */
  public void onLayersWanted(LayersWantedListener listener) {
    this.layersWantedListener = listener;
  }

  /**
   * The layers {@code producer}'s publisher was last told to encode, as a bit set (bit i,
   * layer i; every layer until a change was told); -1 for a producer that is not simulcast.
   */
  int layersAnnounced(Producer producer) {
    return dynacast.announced(producer);
  }

  /** Where bandwidth pauses and resumes go from now on. */
  public void onBandwidthPause(BandwidthListener listener) {
    this.bandwidthListener = listener;
  }

  /**
   * The clock the send times of transport-wide sequence numbers are taken from, in µs (the
   * room's; a fake one in tests). Set before any consumer is created.
   */
  void microsClock(LongSupplier clock) {
    this.microsClock = clock;
  }

  /**
   * Whether the subscribers' allocations are applied to their consumers (layer budgets, pauses
   * for bandwidth); the estimate climbs past what the allocation lets through by probes
   * ({@link #probing}). On by default ({@code media.bandwidth-allocation}); off, every
   * subscriber gets what it asked whatever its link, while the estimate and probes still run.
   */
  public void applyAllocation(boolean apply) {
    this.applyAllocation = apply;
  }

  /**
   * What may be sent to {@code subscriber} now, in bit/s, by its send-side estimate; -1 when it
   * has no congestion control (negotiated neither transport-wide feedback nor REMB).
   */
  public long estimateBps(MediaSender subscriber) {
    Endpoint endpoint = endpoints.get(subscriber);
    return endpoint == null || endpoint.bandwidth == null ? -1 : endpoint.bandwidth.targetBps();
  }

  /**
   * What the last allocation gave {@code subscriber}'s tracks together, in bit/s; -1 before its
   * first allocation or without congestion control.
   */
  public long allocatedBps(MediaSender subscriber) {
    StreamAllocation allocation = allocation(subscriber);
    return allocation == null ? -1 : allocation.allocatedBps();
  }

  /** The last allocation for {@code subscriber}, or null. */
  StreamAllocation allocation(MediaSender subscriber) {
    Endpoint endpoint = endpoints.get(subscriber);
    return endpoint == null || endpoint.bandwidth == null ? null
        : endpoint.bandwidth.allocation();
  }

  /** The last probe cluster started toward {@code subscriber}, or null. */
  ProbeCluster lastProbe(MediaSender subscriber) {
    Endpoint endpoint = endpoints.get(subscriber);
    return endpoint == null || endpoint.bandwidth == null ? null
        : endpoint.bandwidth.lastProbe();
  }

  /** Where layer changes go from now on (consumers created after this call). */
  public void onLayerChanged(LayerListener listener) {
    this.layerListener = listener;
  }

  /** A track {@code publisher} sends. */
  public Producer createProducer(ProducerParameters parameters, MediaSender publisher) {
    Producer producer = new Producer(parameters, publisher, rtcpSsrc, rtcp);
    producers.put(parameters.id(), producer);
    Endpoint endpoint = endpoint(publisher);
    endpoint.byMid.put(parameters.mid(), producer);
    if (parameters.midExtensionId() != 0) {
      endpoint.midExtensionId = parameters.midExtensionId();
    }
    if (parameters.transportCcExtensionId() != 0 && endpoint.transportCc == null) {
      endpoint.transportCcExtensionId = parameters.transportCcExtensionId();
      endpoint.transportCc = new TransportCcFeedbackGenerator(rtcpSsrc);
    }
    if (parameters.ssrc() != 0) {
      endpoint.inbound.put((int) parameters.ssrc(), producer);
    }
    if (parameters.rtxSsrc() != 0) {
      endpoint.inbound.put((int) parameters.rtxSsrc(), producer);
    }
    for (ProducerParameters.Encoding encoding : parameters.encodings()) {
      if (encoding.ssrc() != 0) {
        endpoint.inbound.put((int) encoding.ssrc(), producer);
      }
      if (encoding.rtxSsrc() != 0) {
        endpoint.inbound.put((int) encoding.rtxSsrc(), producer);
      }
    }
    return producer;
  }

  /** {@code subscriber} starts receiving {@code producer}; asks the publisher for a key frame. */
  public Consumer createConsumer(Producer producer, ConsumerParameters parameters,
      MediaSender subscriber, long nowMillis) {
    Consumer consumer = producer.parameters().simulcast() && producer.parameters().isVideo()
        ? new SimulcastConsumer(parameters, producer, subscriber, rtcp, output,
            random.nextInt(0x8000), random.nextInt() & 0xFFFFFFFFL, layerListener)
        : new SimpleConsumer(parameters, producer, subscriber, rtcp, output,
            random.nextInt(0x8000));
    consumer.createdMillis = nowMillis;
    consumers.put(parameters.id(), consumer);
    Endpoint endpoint = endpoint(subscriber);
    if (parameters.transportCcExtensionId() != 0) {
      SubscriberBandwidth bandwidth = bandwidth(endpoint, parameters.id());
      consumer.congestionControl(bandwidth.estimator(), microsClock);
    }
    endpoint.outbound.put((int) parameters.ssrc(), consumer);
    if (parameters.rtxSsrc() != 0) {
      endpoint.outbound.put((int) parameters.rtxSsrc(), consumer);
    }
    producer.addConsumer(consumer, nowMillis);
    return consumer;
  }

  /**
   * {@code subscriber}'s transport connected (ICE and DTLS up): its consumers still waiting for a
   * key frame ask for one now, as any sent to it before was lost.
   */
  public void onTransportConnected(MediaSender subscriber, long nowMillis) {
    for (Consumer consumer : consumers.values()) {
      if (consumer.subscriber() == subscriber) {
        consumer.onTransportConnected(nowMillis);
      }
    }
  }

  public void closeConsumer(String consumerId) {
    Consumer consumer = consumers.remove(consumerId);
    if (consumer != null) {
      consumer.producer().removeConsumer(consumer);
    }
  }

  /** Closes a producer and every consumer of it; returns the closed consumers' ids. */
  public List<String> closeProducer(String producerId) {
    Producer producer = producers.remove(producerId);
    List<String> closed = new ArrayList<>();
    if (producer == null) {
      return closed;
    }
    for (Consumer consumer : new ArrayList<>(producer.consumers())) {
      closed.add(consumer.id());
      closeConsumer(consumer.id());
    }
    endpoints.values().forEach(e -> e.byMid.values().removeIf(p -> p == producer));
    dynacast.remove(producer);
    return closed;
  }

  /** Forgets a client's transport (its producers and consumers must be closed first). */
  public void removeEndpoint(MediaSender client) {
    endpoints.remove(client);
  }

  public Producer producer(String id) {
    return producers.get(id);
  }

  public Consumer consumer(String id) {
    return consumers.get(id);
  }

  public long unknownPackets() {
    return unknownPackets;
  }

  public long malformedPackets() {
    return malformedPackets;
  }

  /** A decrypted RTP packet from {@code from}; the bytes may be rewritten in place (RTX). */
  public void onRtp(MediaSender from, byte[] buf, int off, int len, long nowMillis) {
    Endpoint endpoint = endpoints.get(from);
    if (endpoint == null) {
      unknownPackets++;
      return;
    }
    try {
      view.wrap(buf, off, len);
    } catch (WireFormatException e) {
      malformedPackets++;
      return;
    }
    if (endpoint.transportCc != null && view.hasExtension()) {
      int at = view.extensions().valueOffset(endpoint.transportCcExtensionId);
      if (at >= 0 && view.extensions().valueLength(endpoint.transportCcExtensionId) == 2) {
        int wideSeq = ((buf[at] & 0xFF) << 8) | (buf[at + 1] & 0xFF);
        endpoint.transportCc.onPacket(wideSeq, nowMillis * 1000, view.ssrc());
      }
    }
    Producer producer = endpoint.inbound.get((int) view.ssrc());
    if (producer == null) {
      producer = learn(endpoint, view);
      if (producer == null) {
        unknownPackets++;
        return;
      }
    }
    try {
      producer.receive(view, nowMillis);
    } catch (WireFormatException e) {
      malformedPackets++; // a malformed RTX payload
    }
  }

  /** A decrypted RTCP compound packet from {@code from}. */
  public void onRtcp(MediaSender from, byte[] buf, int off, int len, long nowMillis) {
    Endpoint endpoint = endpoints.get(from);
    if (endpoint == null) {
      return;
    }
    try {
      reader.wrap(buf, off, len);
      while (reader.next()) {
        dispatch(endpoint, reader.buffer(), reader.offset(), reader.length(), nowMillis);
      }
    } catch (WireFormatException e) {
      malformedPackets++;
    }
  }

  /** The room's timer (every few tens of milliseconds): NACKs, key-frame requests, reports. */
  public void tick(long nowMillis) {
    for (Producer producer : producers.values()) {
      producer.tick(nowMillis);
    }
    dynacast.tick(producers.values(), layersWantedListener, nowMillis);
    for (Map.Entry<MediaSender, Endpoint> entry : endpoints.entrySet()) {
      Endpoint endpoint = entry.getValue();
      if (endpoint.transportCc != null && endpoint.transportCc.hasPending()
          && nowMillis - endpoint.lastFeedbackMillis >= TRANSPORT_CC_INTERVAL_MILLIS) {
        endpoint.lastFeedbackMillis = nowMillis;
        endpoint.transportCc.feedback().forEach(packet -> rtcp.send(entry.getKey(), packet));
      }
      if (endpoint.bandwidth != null && endpoint.bandwidth.allocationDue(nowMillis)) {
        MediaSender subscriber = entry.getKey();
        endpoint.bandwidth.allocate(
            consumers.values().stream().filter(c -> c.subscriber() == subscriber).toList(),
            applyAllocation, bandwidthListener, nowMillis);
      }
      if (endpoint.bandwidth != null && probing) {
        endpoint.bandwidth.probe(consumersOf(entry.getKey()), microsClock.getAsLong());
      }
    }
  }

  /**
   * Whether a subscriber's probe cluster is being sent: the room then calls {@link #pace} every
   * few milliseconds until it is not, so the cluster leaves at its rate, not in tick-sized bursts.
   */
  public boolean pacing() {
    for (Endpoint endpoint : endpoints.values()) {
      if (endpoint.bandwidth != null && endpoint.bandwidth.pacing()) {
        return true;
      }
    }
    return false;
  }

  /** Sends the probe padding due now to each subscriber being probed (the room's pacing timer). */
  public void pace() {
    long nowMicros = microsClock.getAsLong();
    for (Map.Entry<MediaSender, Endpoint> entry : endpoints.entrySet()) {
      SubscriberBandwidth bandwidth = entry.getValue().bandwidth;
      if (bandwidth != null && bandwidth.pacing()) {
        bandwidth.pace(consumersOf(entry.getKey()), nowMicros);
      }
    }
  }

  /**
   * Whether subscribers are probed (padding-only packets on RTX when the estimate is below what
   * they could use). On by default; off to measure what probes bring.
   */
  public void probing(boolean on) {
    this.probing = on;
  }

  private Iterable<Consumer> consumersOf(MediaSender subscriber) {
    return () -> consumers.values().stream().filter(c -> c.subscriber() == subscriber).iterator();
  }

  private SubscriberBandwidth bandwidth(Endpoint endpoint, String name) {
    if (endpoint.bandwidth == null) {
      endpoint.bandwidth = new SubscriberBandwidth(name);
    }
    return endpoint.bandwidth;
  }

  private void dispatch(Endpoint endpoint, byte[] buf, int off, int len, long nowMillis) {
    switch (reader.packetType()) {
      case RtcpHeader.SR -> {
        Producer producer = endpoint.inbound.get((int) SenderReport.senderSsrc(buf, off, len));
        SenderReport report = producer == null && endpoint.outbound.size() == 0 ? null
            : SenderReport.parse(buf, off, len);
        if (producer != null) {
          producer.onSenderReport(report.senderSsrc(), report.ntpTimestamp(),
              report.rtpTimestamp(), nowMillis);
        }
        if (report != null) {
          onReportBlocks(endpoint, report.reportBlocks(), nowMillis);
        }
      }
      case RtcpHeader.RR -> {
        if (endpoint.outbound.size() > 0) {
          onReportBlocks(endpoint, ReceiverReport.parse(buf, off, len).reportBlocks(),
              nowMillis);
        }
      }
      case RtcpHeader.RTPFB -> {
        if (reader.format() == FeedbackMessage.FMT_TRANSPORT_CC) {
          if (endpoint.bandwidth != null) {
            endpoint.bandwidth.onTransportFeedback(buf, off, len, microsClock.getAsLong());
          }
        } else if (reader.format() == FeedbackMessage.FMT_NACK) {
          Consumer consumer = endpoint.outbound.get((int) FeedbackMessage.mediaSsrc(buf, off, len));
          if (consumer != null) {
            GenericNack.forEachLost(buf, off, len, seq -> consumer.onNack(seq, nowMillis));
          }
        }
      }
      case RtcpHeader.PSFB -> {
        int format = reader.format();
        if (format == FeedbackMessage.FMT_PLI || format == FeedbackMessage.FMT_FIR) {
          long media = format == FeedbackMessage.FMT_PLI
              ? FeedbackMessage.mediaSsrc(buf, off, len)
              : firSsrc(buf, off, len);
          Consumer consumer = endpoint.outbound.get((int) media);
          if (consumer != null) {
            if (format == FeedbackMessage.FMT_PLI) {
              consumer.plisReceived++;
            } else {
              consumer.firsReceived++;
            }
            consumer.onKeyFrameRequest(nowMillis);
          }
        } else if (format == FeedbackMessage.FMT_AFB && endpoint.outbound.size() > 0) {
          onApplicationFeedback(endpoint, buf, off, len);
        }
      }
      default -> {
        // SDES, BYE, APP: nothing for the router
      }
    }
  }

  /**
   * A subscriber's REMB: the estimate of a subscriber without transport-wide feedback (its
   * congestion control starts with its first REMB). Other application feedback is ignored.
   */
  private void onApplicationFeedback(Endpoint endpoint, byte[] buf, int off, int len) {
    ReceiverEstimatedMaxBitrate remb;
    try {
      remb = ReceiverEstimatedMaxBitrate.parse(buf, off, len);
    } catch (RtcpFormatException e) {
      return; // not a REMB: another kind of application feedback
    }
    bandwidth(endpoint, "remb").onRemb(remb.bitrate(), microsClock.getAsLong());
  }

  /**
   * A subscriber's report blocks about what it receives: each gives its consumer a round-trip
   * time (RFC 3550 §6.4.1), and their loss feeds its estimate.
   */
  private void onReportBlocks(Endpoint endpoint, List<ReportBlock> blocks, long nowMillis) {
    for (int i = 0; i < blocks.size(); i++) {
      ReportBlock block = blocks.get(i);
      Consumer consumer = endpoint.outbound.get((int) block.sourceSsrc());
      if (consumer != null) {
        consumer.onReportBlock(block.lastSr(), block.delaySinceLastSr(), nowMillis);
      }
    }
    if (endpoint.bandwidth != null) {
      endpoint.bandwidth.onReportBlocks(blocks, ssrc -> endpoint.outbound.get(ssrc) != null,
          microsClock.getAsLong());
    }
  }

  /** FIR names its target in the FCI (RFC 5104 §4.3.1), not in the media SSRC field. */
  private static long firSsrc(byte[] buf, int off, int len) {
    List<FirEntry> entries = FullIntraRequest.parse(buf, off, len).entries();
    return entries.isEmpty() ? 0 : entries.get(0).ssrc();
  }

  /** An unsignalled SSRC: its mid extension names the m-line, whose producer learns it. */
  private Producer learn(Endpoint endpoint, RtpPacket packet) {
    if (endpoint.midExtensionId == 0 || !packet.hasExtension()) {
      return null;
    }
    int at = packet.extensions().valueOffset(endpoint.midExtensionId);
    if (at < 0) {
      return null;
    }
    String mid = new String(packet.buffer(), at,
        packet.extensions().valueLength(endpoint.midExtensionId), StandardCharsets.US_ASCII);
    Producer producer = endpoint.byMid.get(mid);
    if (producer == null) {
      return null;
    }
    if (!producer.learn(packet)) {
      return null; // a simulcast stream not named yet: its rid comes with a later packet
    }
    endpoint.inbound.put((int) packet.ssrc(), producer);
    return producer;
  }

  private Endpoint endpoint(MediaSender client) {
    return endpoints.computeIfAbsent(client, c -> new Endpoint());
  }
}
