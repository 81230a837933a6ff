package dev.vertxsfu.media.router;

import dev.vertxsfu.media.cc.TransportCongestionControlClient;
import dev.vertxsfu.media.transport.MediaSender;
import dev.vertxsfu.wire.rtcp.SenderReport;
import dev.vertxsfu.wire.rtp.HeaderExtensionIdMap;
import dev.vertxsfu.wire.rtp.HeaderExtensionRewriter;
import dev.vertxsfu.wire.rtp.RtpPacket;
import dev.vertxsfu.wire.rtp.RtxPacket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * One producer as one subscriber receives it (mediasoup's {@code Consumer}): what every kind of
 * consumer shares. Each packet is rewritten to the subscriber's SSRC, payload type, extension
 * ids and {@code mid}; NACKs are answered from the producer's copies (as RTX when negotiated);
 * PLI and FIR go up to the producer; the publisher's sender reports go on under this consumer's
 * SSRC. How sequence numbers and timestamps are made, and which packets go, is the subclass's:
 * {@link SimpleConsumer} forwards the one stream of a track, {@link SimulcastConsumer} one layer
 * of several at a time.
 *
 * <p>Owned by the room's {@link Router}, on the room's event loop. Writes each packet into
 * the router's shared output buffer and hands it to the subscriber's {@link MediaSender} at
 * once, so it allocates nothing per packet.
 */
public abstract sealed class Consumer permits SimpleConsumer, SimulcastConsumer {
  /** RFC 3550 §5.1: the padding count is one octet. */
  static final int MAX_PADDING = 255;
  final ConsumerParameters parameters;
  final Producer producer;
  final MediaSender subscriber;
  private final RtcpWriter rtcp;
  private final SenderReportRoundTrip roundTrip = new SenderReportRoundTrip();
  final byte[] out;
  /** Scratch for answering NACKs; made on the first one (a clean path never pays its 1.5 KB). */
  private byte[] retransmission;
  final RtpPacket outView = new RtpPacket();
  private final RtpPacket retransmissionView = new RtpPacket();
  /** A padding-only packet's fixed header and padding, for probes on the RTX stream. */
  private final byte[] padding;
  private final RtpPacket paddingView = new RtpPacket();
  /** The timestamp and payload type of the last media packet sent (padding reuses them). */
  private long lastTimestamp;
  private int lastPayloadType = -1;
  private long paddingPacketsSent;
  private final HeaderExtensionRewriter extensions = new HeaderExtensionRewriter();
  /** Producer payload type to ours (7 bits, -1: none); bytes, a consumer's state is per stream. */
  private final byte[] payloadTypes = new byte[128];
  private final byte[] rtxPayloadTypes = new byte[128];
  private int rtxSequenceNumber;
  long packetsSent;
  long octetsSent;
  private long nacksAnswered;
  private long nacksReceived;
  long plisReceived;
  long firsReceived;
  /** What the subscriber asked for this track ({@code track_settings}); the allocator reads it. */
  LayerSelector.Wish wish = LayerSelector.Wish.ANY;
  /** The subscriber's congestion control, when it negotiated transport-wide sequence numbers. */
  private TransportCongestionControlClient congestionControl;
  private LongSupplier microsClock;

  /** When the router created this consumer (its clock, ms). */
  long createdMillis;

  Consumer(ConsumerParameters parameters, Producer producer, MediaSender subscriber,
      RtcpWriter rtcp, byte[] sharedOutput, int firstSequenceNumber) {
    this.parameters = parameters;
    this.producer = producer;
    this.subscriber = subscriber;
    this.rtcp = rtcp;
    this.out = sharedOutput;
    this.rtxSequenceNumber = firstSequenceNumber ^ 0x5555;
    this.padding = parameters.rtxSsrc() != 0
        ? new byte[RtpPacket.FIXED_HEADER_LENGTH + MAX_PADDING] : null;
    Arrays.fill(payloadTypes, (byte) -1);
    Arrays.fill(rtxPayloadTypes, (byte) -1);
    parameters.payloadTypes().forEach((from, to) -> payloadTypes[from] = (byte) (int) to);
    parameters.rtxPayloadTypes().forEach((media, rtx) -> rtxPayloadTypes[media] = (byte) (int) rtx);
    // before its first packet a consumer may already pad (a video paused for bandwidth from the
    // start is found room for by probes): on the RTX payload type of its first media type
    for (int media : parameters.payloadTypes().values()) {
      if (rtxPayloadTypes[media] >= 0) {
        lastPayloadType = media;
        break;
      }
    }
    HeaderExtensionIdMap.Builder ids = HeaderExtensionIdMap.builder();
    parameters.extensionIds().forEach(ids::map);
    extensions.idMap(ids.build());
    if (parameters.midExtensionId() != 0) {
      byte[] mid = parameters.mid().getBytes(StandardCharsets.US_ASCII);
      extensions.put(parameters.midExtensionId(), mid, 0, mid.length);
    }
    if (parameters.transportCcExtensionId() != 0) {
      // reserved here, overwritten in place as each packet leaves (stamp)
      extensions.putUint16(parameters.transportCcExtensionId(), 0);
    }
  }

  public String id() {
    return parameters.id();
  }

  public Producer producer() {
    return producer;
  }

  public ConsumerParameters parameters() {
    return parameters;
  }

  public long packetsSent() {
    return packetsSent;
  }

  public long octetsSent() {
    return octetsSent;
  }

  public long nacksAnswered() {
    return nacksAnswered;
  }

  /** Sequence numbers the subscriber NACKed (each lost packet a NACK names counts once). */
  public long nacksReceived() {
    return nacksReceived;
  }

  /** PLIs the subscriber sent about this track (before throttling toward the publisher). */
  public long plisReceived() {
    return plisReceived;
  }

  /** FIRs the subscriber sent about this track (before throttling toward the publisher). */
  public long firsReceived() {
    return firsReceived;
  }

  /** Padding-only probe packets sent on the RTX stream. */
  public long paddingPacketsSent() {
    return paddingPacketsSent;
  }

  /**
   * Whether {@link #sendPadding} can send now: the subscriber negotiated RTX and transport-wide
   * numbers for this track and can receive. (Before any media the padding takes the RTX payload
   * type of the first media type, and timestamp 0.)
   */
  final boolean canPad() {
    return padding != null && congestionControl != null && lastPayloadType >= 0
        && rtxPayloadTypes[lastPayloadType] >= 0 && subscriber.isConnected()
        && !pausedBySubscriber();
  }

  /**
   * Whether the subscriber paused this track itself ({@code track_settings}): it then gets no
   * packets at all, probe padding included (a pause for bandwidth still lets probes through).
   */
  abstract boolean pausedBySubscriber();

  /**
   * Sends one padding-only packet of probe cluster {@code cluster} on this track's RTX stream
   * (the router, pacing a probe for the subscriber): RFC 3550 §5.1 padding of {@code bytes}
   * (clamped to 1-255) after a header with the RTX SSRC, RTX payload type, the next RTX
   * sequence number (shared with retransmissions, so the RTX stream has no gap), the last media
   * timestamp sent, the {@code mid} and a transport-wide sequence number. Its payload is empty,
   * as libwebrtc's padding on RTX: a receiver counts it for bandwidth estimation and drops it,
   * and the media stream's sequence numbers are untouched.
   *
   * @return the packet's length if it left, else 0 (see {@link #canPad})
   */
  final int sendPadding(int bytes, int cluster) {
    if (!canPad()) {
      return 0;
    }
    int count = Math.max(1, Math.min(MAX_PADDING, bytes));
    padding[0] = (byte) (RtpPacket.VERSION << 6);
    RtpPacket template = paddingView.wrap(padding, 0, RtpPacket.FIXED_HEADER_LENGTH + count);
    template.setPaddingLength(count);
    if (extensions.rewrittenLength(template) > out.length - RtpPacketLimits.SRTP_ROOM) {
      return 0;
    }
    int length = extensions.rewrite(template, out, 0);
    padding[RtpPacket.FIXED_HEADER_LENGTH + count - 1] = 0; // the template's padding stays zero
    RtpPacket packet = outView.wrap(out, 0, length);
    packet.setSsrc(parameters.rtxSsrc());
    packet.setPayloadType(rtxPayloadTypes[lastPayloadType]);
    packet.setSequenceNumber(rtxSequenceNumber++ & 0xFFFF);
    packet.setTimestamp(lastTimestamp);
    if (packet.hasExtension()) {
      packet.extensions().setUint16(parameters.transportCcExtensionId(),
          congestionControl.onProbePacketSent(length, cluster, microsClock.getAsLong()));
    }
    if (!subscriber.sendRtp(out, 0, length)) {
      return 0;
    }
    paddingPacketsSent++;
    return length;
  }

  /** Whether it has sent its first packet (for video, a key frame's first packet). */
  public abstract boolean started();

  /** Stops or resumes forwarding; a resumed video consumer waits for a key frame again. */
  public abstract void setPaused(boolean paused, long nowMillis);

  /**
   * What the subscriber asked for this track ({@code track_settings}): a simple consumer only
   * pauses and resumes; a simulcast one also chooses its layer by it.
   */
  public void applyWish(LayerSelector.Wish wish, long nowMillis) {
    this.wish = wish;
    setPaused(wish.paused(), nowMillis);
  }

  /**
   * The subscriber's congestion control decided for this track (the router, after feedback):
   * {@code paused} when even its lowest layer does not fit, else at most {@code budgetBps}.
   * Independent of the subscriber's own pause. An audio consumer is never held back.
   */
  void onBandwidthAllocation(boolean paused, long budgetBps, long nowMillis) {
  }

  /**
   * The subscriber's estimate fell under half of what was allocated to it (the router, after the
   * allocation that followed): a consumer stepping down stops sending its current layer at once
   * instead of until the lower layer's key frame. A track of one layer cannot.
   */
  void onLinkShrank() {
  }

  /**
   * Stamps the packets this consumer sends with the subscriber's transport-wide sequence
   * numbers from {@code client}, sent at {@code microsClock}'s time (the router, at creation).
   */
  final void congestionControl(TransportCongestionControlClient client, LongSupplier clock) {
    if (parameters.transportCcExtensionId() != 0) {
      this.congestionControl = client;
      this.microsClock = clock;
    }
  }

  /** The layer it forwards now ({@link ConsumerLayer#NONE} for a plain track's consumer). */
  public ConsumerLayer currentLayer() {
    return ConsumerLayer.NONE;
  }

  MediaSender subscriber() {
    return subscriber;
  }

  /**
   * The layer of which this consumer, on a subscriber that can receive now, needs a key frame
   * before it can send (its start, a resume, a layer switch); -1 when it needs none. The
   * producer keeps asking the publisher for it.
   */
  abstract int keyFrameWanted();

  /**
   * The layer this consumer, already sending, needs a key frame of when its subscriber's
   * transport connects again (after an ICE restart, or consent that came back): what was sent
   * meanwhile went nowhere, and the subscriber's decoder would wait for a key frame its own
   * PLI may ask for only later. -1 when it needs none (not started, paused, audio).
   */
  abstract int keyFrameAfterReconnect();

  /** Whether it waits for a key frame (see {@link #keyFrameWanted}). */
  boolean waitingForKeyFrame() {
    return keyFrameWanted() >= 0;
  }

  /** The subscriber's transport is up: a key frame sent before could not reach it; ask now. */
  void onTransportConnected(long nowMillis) {
    int layer = keyFrameWanted();
    if (layer < 0) {
      layer = keyFrameAfterReconnect();
    }
    if (layer >= 0) {
      producer.requestKeyFrame(layer, nowMillis);
    }
  }

  /** The producer's layers changed (one started, stopped, or showed its size). */
  void onLayersChanged(long nowMillis) {
  }

  /** A packet of the producer's layer {@code spatial}, decrypted and, if RTX, unwrapped. */
  abstract void send(RtpPacket source, int spatial, boolean keyFrame, long nowMillis);

  /** The subscriber asked for a key frame (PLI or FIR): of the layer it receives. */
  abstract void onKeyFrameRequest(long nowMillis);

  /** The publisher's SR for layer {@code spatial}, arrived at {@code nowMillis}. */
  abstract void sendSenderReport(int spatial, long ntpTimestamp, long rtpTimestamp,
      long nowMillis);

  /** The layer a NACK of ours is answered from, or -1 when none can be. */
  abstract int nackLayer();

  /** The producer's sequence number one of ours was made from, or -1. */
  abstract int nackInput(int sequenceNumber);

  /** Fixes a resent packet, already rewritten into {@link #outView}, as {@link #send} did. */
  void restamp(RtpPacket rewritten) {
  }

  /** The subscriber's payload type for the producer's {@code payloadType}, or -1. */
  final int payloadType(int producerPayloadType) {
    return payloadTypes[producerPayloadType];
  }

  /** The subscriber lost these of our sequence numbers (RTCP generic NACK). */
  final void onNack(int sequenceNumber, long nowMillis) {
    nacksReceived++;
    int layer = nackLayer();
    int input = layer < 0 ? -1 : nackInput(sequenceNumber);
    if (input < 0) {
      return;
    }
    if (retransmission == null) {
      retransmission = new byte[RtpPacketLimits.BUFFER];
    }
    int length = producer.retransmission(layer, input, retransmission, nowMillis);
    if (length < 0) {
      return;
    }
    RtpPacket original = retransmissionView.wrap(retransmission, 0, length);
    int payloadType = payloadTypes[original.payloadType()];
    if (payloadType < 0) {
      return;
    }
    int rewritten = rewrite(original, out, payloadType, sequenceNumber);
    if (rewritten < 0) {
      return;
    }
    restamp(outView);
    int rtxPayloadType = rtxPayloadTypes[payloadType];
    if (rtxPayloadType >= 0 && parameters.rtxSsrc() != 0) {
      // RFC 4588: resend on the RTX stream; out is reused as the source, retransmission as the
      // destination (the original's copy is no longer needed).
      RtpPacket view = outView.wrap(out, 0, rewritten);
      rewritten = RtxPacket.wrap(view, parameters.rtxSsrc(), rtxPayloadType,
          rtxSequenceNumber++ & 0xFFFF, retransmission, 0);
      System.arraycopy(retransmission, 0, out, 0, rewritten);
    }
    stamp(rewritten);
    if (subscriber.sendRtp(out, 0, rewritten)) {
      nacksAnswered++;
    }
  }

  /**
   * Sends an SR with this consumer's SSRC and counts (RFC 3550 §6.4.1), and remembers when, for
   * the round-trip time the subscriber's report blocks give back.
   */
  final void sendSenderReportAs(long ntpTimestamp, long rtpTimestamp, long nowMillis) {
    rtcp.send(subscriber, new SenderReport(parameters.ssrc(), ntpTimestamp, rtpTimestamp,
        packetsSent & 0xFFFFFFFFL, octetsSent & 0xFFFFFFFFL, List.of()));
    roundTrip.onSent(ntpTimestamp, nowMillis);
  }

  /**
   * A report block of the subscriber about this consumer's stream (the router, on an SR or RR
   * from it).
   *
   * @return the round-trip time it gave in milliseconds, or -1
   */
  final long onReportBlock(long lastSr, long delaySinceLastSr, long nowMillis) {
    return roundTrip.onReportBlock(lastSr, delaySinceLastSr, nowMillis);
  }

  /** The last round-trip time toward the subscriber on this stream, or -1 before any. */
  public final long rttMillis() {
    return roundTrip.rttMillis();
  }

  /**
   * Writes {@code source} rewritten for the subscriber into {@code destination}, wrapped by
   * {@link #outView}; -1 if it won't fit.
   */
  final int rewrite(RtpPacket source, byte[] destination, int payloadType, int sequenceNumber) {
    if (extensions.rewrittenLength(source) > destination.length - RtpPacketLimits.SRTP_ROOM) {
      return -1;
    }
    int length = extensions.rewrite(source, destination, 0);
    RtpPacket view = outView.wrap(destination, 0, length);
    view.setSsrc(parameters.ssrc());
    view.setPayloadType(payloadType);
    view.setSequenceNumber(sequenceNumber);
    return length;
  }

  /** Hands a packet rewritten into {@link #out} to the subscriber; counts it if it left. */
  final boolean emit(int length) {
    if (length > 0) {
      stamp(length);
    }
    if (length > 0 && subscriber.sendRtp(out, 0, length)) {
      lastTimestamp = outView.timestamp();
      lastPayloadType = outView.payloadType();
      packetsSent++;
      octetsSent += length;
      return true;
    }
    return false;
  }

  /**
   * Writes the next transport-wide sequence number into the packet of {@code length} bytes in
   * {@link #out} (in its reserved element) and records its send time; only when the subscriber
   * can receive now, so that every number handed out leaves.
   */
  private void stamp(int length) {
    if (congestionControl == null || !subscriber.isConnected()) {
      return;
    }
    RtpPacket packet = outView.wrap(out, 0, length);
    if (packet.hasExtension()) {
      int sequence = congestionControl.onPacketSent(length, microsClock.getAsLong());
      packet.extensions().setUint16(parameters.transportCcExtensionId(), sequence);
    }
  }
}
