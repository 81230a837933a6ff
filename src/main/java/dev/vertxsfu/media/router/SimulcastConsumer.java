package dev.vertxsfu.media.router;

import dev.vertxsfu.media.rtp.RtpMunger;
import dev.vertxsfu.media.rtp.Vp8Munger;
import dev.vertxsfu.media.transport.MediaSender;
import dev.vertxsfu.wire.rtp.RtpPacket;
import dev.vertxsfu.wire.rtp.codec.VideoCodec;
import dev.vertxsfu.wire.rtp.codec.Vp8PayloadDescriptor;
import java.util.List;

/**
 * A simulcast track as one subscriber receives it (mediasoup's {@code SimulcastConsumer}): one
 * layer at a time, the one the {@link LayerSelector} picks from the subscriber's wish
 * ({@code track_settings}) among the layers flowing, as one continuous stream.
 *
 * <p>Switching: when the target layer changes, the consumer asks the publisher for a key frame of
 * it and keeps forwarding the current layer until that key frame's first packet arrives; from
 * that packet on only the new layer goes (an old layer's packet after the switch point is
 * dropped). The {@link RtpMunger} continues the sequence numbers right after the last one sent,
 * and places the new layer's timestamps on the old layer's timeline through both layers' sender
 * reports (their RTP/NTP mapping), or, before both have one, by the wall-clock time since the
 * last packet. The {@link Vp8Munger} continues VP8 PictureID and TL0PICIDX. Temporal layers: a
 * VP8 frame whose TID is above the wish's limit is dropped without leaving a gap. H.264 layers
 * switch the same way (spatial only). VP9 SVC and AV1 with the dependency descriptor would plug
 * in here as a second kind of layer choice inside one stream: read the layer ids of each packet
 * and drop those above the target, as the TID check does.
 *
 * <p>Owned by the room's {@link Router}, on the room's event loop. Allocates nothing per packet;
 * choosing a layer (when layers or the wish change) does.
 */
public final class SimulcastConsumer extends Consumer {
  private final RtpMunger munger;
  /** Which of the publisher's payload types (0-127) carry VP8: a table, not a map per packet. */
  private final boolean[] vp8PayloadType = new boolean[128];
  private final Vp8Munger vp8 = new Vp8Munger();
  private final long firstTimestamp;
  private final Router.LayerListener listener;
  private final int clockRate;
  private boolean paused;
  private boolean bandwidthPaused;
  private long budget = LayerSelector.UNLIMITED;
  private int current = LayerSelector.NONE;
  private int target = LayerSelector.NONE;
  private int maxTemporal = LayerSelector.ALL_TEMPORAL;
  private ConsumerLayer reported = ConsumerLayer.NONE;
  private long switches;
  private boolean forwardingVp8;
  /** The link shrank under the current layer while the target is a lower one. */
  private boolean shedding;
  /** The current layer's packets are dropped until a key frame switches (or switches back). */
  private boolean dropping;
  /** The source timestamp of the last packet forwarded, to stop at a frame's start. */
  private long lastSourceTimestamp = -1;

  SimulcastConsumer(ConsumerParameters parameters, Producer producer, MediaSender subscriber,
      RtcpWriter rtcp, byte[] sharedOutput, int firstSequenceNumber, long firstTimestamp,
      Router.LayerListener listener) {
    super(parameters, producer, subscriber, rtcp, sharedOutput, firstSequenceNumber);
    this.munger = new RtpMunger(firstSequenceNumber);
    this.firstTimestamp = firstTimestamp;
    this.listener = listener;
    this.clockRate = producer.parameters().clockRates().values().stream().findFirst()
        .orElse(90_000);
    producer.parameters().videoCodec().forEach((payloadType, codec) -> {
      if (payloadType >= 0 && payloadType < vp8PayloadType.length) {
        vp8PayloadType[payloadType] = codec == VideoCodec.VP8;
      }
    });
  }

  @Override
  public boolean started() {
    return munger.started();
  }

  /** The layer being forwarded, or {@link LayerSelector#NONE}. */
  public int currentSpatial() {
    return current;
  }

  /** The layer the consumer moves to at its next key frame (or forwards now). */
  public int targetSpatial() {
    return target;
  }

  /** Layer switches done (the first layer included). */
  public long switches() {
    return switches;
  }

  @Override
  public ConsumerLayer currentLayer() {
    return reported;
  }

  @Override
  boolean pausedBySubscriber() {
    return paused;
  }

  @Override
  public void setPaused(boolean paused, long nowMillis) {
    this.paused = paused;
    choose(nowMillis);
  }

  @Override
  public void applyWish(LayerSelector.Wish wish, long nowMillis) {
    this.wish = wish;
    this.maxTemporal = LayerSelector.temporal(wish.maxFps());
    choose(nowMillis);
    if (current != LayerSelector.NONE && reported.temporal() != maxTemporal) {
      report(); // a new frame rate on the same layer
    }
  }

  @Override
  void onBandwidthAllocation(boolean paused, long budgetBps, long nowMillis) {
    this.bandwidthPaused = paused;
    // headroom over what the allocator priced the layer at: the measured rate moves between
    // allocations, and a few percent must not step the layer down (layers are ~3x apart)
    this.budget = budgetBps >= LayerSelector.UNLIMITED / 2 ? LayerSelector.UNLIMITED
        : budgetBps + budgetBps / 4;
    choose(nowMillis);
  }

  /**
   * On a link that shrank sharply the old layer, sent on until the lower layer's key frame (an
   * RTT and an encoder's reaction later), overflowed the link for 1.3-1.5 s behind a drop from
   * 2 Mbit/s to 300 kbit/s: 13-26 % of the video lost and the audio queued behind it. Its frames
   * would not have decoded anyway; from its next frame on it is dropped, and the picture holds
   * until the switch.
   */
  @Override
  void onLinkShrank() {
    shedding = current != LayerSelector.NONE && target != LayerSelector.NONE && target < current;
  }

  @Override
  void onLayersChanged(long nowMillis) {
    choose(nowMillis);
  }

  /** Picks the target layer anew; asks for its key frame when it differs from the current. */
  private void choose(long nowMillis) {
    int chosen = LayerSelector.NONE;
    if (!paused && !bandwidthPaused) {
      List<LayerSelector.Layer> layers = producer.layers(nowMillis);
      chosen = LayerSelector.select(layers, wish, budget);
      if (chosen == LayerSelector.NONE && budget != LayerSelector.UNLIMITED) {
        chosen = lowestFlowing(layers); // the budget is not a pause: the allocator says when
      }
    }
    if (chosen == target) {
      return;
    }
    target = chosen;
    shedding = false;
    if (target == LayerSelector.NONE) {
      dropping = false;
      if (current != LayerSelector.NONE) {
        current = LayerSelector.NONE; // paused, or nothing flows: no packets at all
        report();
      }
      return;
    }
    if ((target != current || dropping) && subscriber.isConnected()) {
      producer.requestKeyFrame(target, nowMillis);
    }
  }

  /**
   * The layers this consumer wants its publisher to encode, as a bit set (bit {@code i}, layer
   * {@code i}): the one it forwards, the one it waits for a key frame of, and the one its
   * subscriber's wish picks from {@code layers} as if every one flowed
   * ({@link LayerSelector#wished}). Nothing when its
   * subscriber paused or hid it. Its bandwidth does not count, nor a pause for bandwidth: the
   * allocator only prices layers that flow, so a layer stopped because this subscriber's budget
   * was short could never be given back to it. For {@link Dynacast}, on the room's loop.
   */
  int layersWanted(List<LayerSelector.Layer> layers) {
    if (paused || wish.paused()) {
      return 0;
    }
    int wanted = 0;
    if (current != LayerSelector.NONE) {
      wanted |= 1 << current;
    }
    if (target != LayerSelector.NONE) {
      wanted |= 1 << target;
    }
    int desired = LayerSelector.wished(layers, wish);
    return wanted | 1 << (desired == LayerSelector.NONE ? 0 : desired);
  }

  private static int lowestFlowing(List<LayerSelector.Layer> layers) {
    int lowest = LayerSelector.NONE;
    for (LayerSelector.Layer layer : layers) {
      if (layer.flowing() && (lowest == LayerSelector.NONE || layer.spatial() < lowest)) {
        lowest = layer.spatial();
      }
    }
    return lowest;
  }

  @Override
  int keyFrameWanted() {
    return target != LayerSelector.NONE && (target != current || dropping)
        && subscriber.isConnected() ? target : -1;
  }

  @Override
  int keyFrameAfterReconnect() {
    return current != LayerSelector.NONE && current == target && munger.started() ? current : -1;
  }

  @Override
  void send(RtpPacket source, int spatial, boolean keyFrame, long nowMillis) {
    if (spatial == current && shedding && !dropping && target != current
        && source.timestamp() != lastSourceTimestamp) {
      dropping = true; // the next frame of a layer the shrunken link cannot carry
    }
    if (dropping && spatial == current) {
      if (target != current || !keyFrame || !subscriber.isConnected()) {
        return;
      }
      switchTo(source, spatial, nowMillis); // back to the same layer: over the gap, as a switch
    }
    if (spatial != current) {
      if (spatial != target || !keyFrame || !subscriber.isConnected()) {
        return; // not ours, the target layer before its key frame, or one that cannot arrive
      }
      switchTo(source, spatial, nowMillis);
    }
    int payloadType = payloadType(source.payloadType());
    if (payloadType < 0) {
      return;
    }
    boolean vp8 = vp8PayloadType[source.payloadType()];
    forwardingVp8 = vp8;
    if (vp8 && maxTemporal != LayerSelector.ALL_TEMPORAL && !keyFrame) {
      int tid = Vp8PayloadDescriptor.temporalLayer(source.buffer(), source.payloadOffset(),
          source.payloadLength());
      if (tid > maxTemporal) {
        munger.drop(source.sequenceNumber()); // a frame above the frame rate asked for
        return;
      }
    }
    int sequenceNumber = munger.sequenceNumber(source.sequenceNumber(), nowMillis);
    if (sequenceNumber == RtpMunger.REFUSED) {
      return; // from before the switch point
    }
    int length = rewrite(source, out, payloadType, sequenceNumber);
    if (length < 0) {
      return;
    }
    outView.setTimestamp(munger.timestamp(source.timestamp()));
    if (vp8) {
      this.vp8.rewrite(out, outView.payloadOffset(), outView.payloadLength());
    }
    lastSourceTimestamp = source.timestamp();
    emit(length);
  }

  /** The key frame of the target layer is here: from this packet on, that layer goes. */
  private void switchTo(RtpPacket source, int spatial, long nowMillis) {
    long outputTimestamp;
    if (!munger.started()) {
      outputTimestamp = firstTimestamp;
    } else {
      outputTimestamp = alignedTimestamp(source.timestamp(), spatial, nowMillis);
    }
    munger.switchTo(source.sequenceNumber(), source.timestamp(), outputTimestamp);
    vp8.switchLayer();
    current = spatial;
    shedding = false;
    dropping = false;
    switches++;
    report();
  }

  /**
   * The output timestamp of the new layer's packet with {@code timestamp}: the old layer's
   * timestamp for the same instant (from both layers' last sender reports) moved by the old
   * layer's offset. Without both reports, or when that lands outside (last sent, last sent + 1
   * s], the last timestamp moved on by the wall-clock time since it.
   */
  private long alignedTimestamp(long timestamp, int spatial, long nowMillis) {
    long fallback = munger.continuedTimestamp(nowMillis, clockRate);
    if (current == LayerSelector.NONE) {
      return fallback;
    }
    RtpStreamRecv from = producer.stream(current);
    RtpStreamRecv to = producer.stream(spatial);
    if (!from.hasSenderReport() || !to.hasSenderReport()) {
      return fallback;
    }
    long ntpDelta = to.senderReportNtp() - from.senderReportNtp(); // 32.32 fixed point seconds
    long ticks = (ntpDelta >> 32) * clockRate + (((ntpDelta & 0xFFFFFFFFL) * clockRate) >>> 32);
    long sinceReport = (int) (timestamp - to.senderReportRtp()); // signed 32-bit distance
    long onOldTimeline = from.senderReportRtp() + ticks + sinceReport;
    long aligned = (onOldTimeline + munger.timestampOffset()) & 0xFFFFFFFFL;
    long ahead = (aligned - munger.lastTimestamp()) & 0xFFFFFFFFL;
    return ahead > 0 && ahead <= clockRate ? aligned : fallback;
  }

  private void report() {
    ConsumerLayer layer = current == LayerSelector.NONE ? ConsumerLayer.NONE
        : new ConsumerLayer(current, maxTemporal, producer.rid(current),
            producer.stream(current).width, producer.stream(current).height);
    if (!layer.equals(reported)) {
      reported = layer;
      listener.onLayerChanged(this, layer);
    }
  }

  @Override
  void onKeyFrameRequest(long nowMillis) {
    int layer = target != LayerSelector.NONE ? target : current;
    if (layer != LayerSelector.NONE) {
      producer.requestKeyFrame(layer, nowMillis);
    }
  }

  @Override
  void sendSenderReport(int spatial, long ntpTimestamp, long rtpTimestamp, long nowMillis) {
    if (spatial == current && munger.started()) {
      sendSenderReportAs(ntpTimestamp, (rtpTimestamp + munger.timestampOffset()) & 0xFFFFFFFFL,
          nowMillis);
    }
  }

  @Override
  int nackLayer() {
    return current;
  }

  @Override
  int nackInput(int sequenceNumber) {
    return munger.input(sequenceNumber);
  }

  @Override
  void restamp(RtpPacket rewritten) {
    rewritten.setTimestamp((rewritten.timestamp() + munger.timestampOffset()) & 0xFFFFFFFFL);
    if (forwardingVp8) {
      vp8.rewrite(rewritten.buffer(), rewritten.payloadOffset(), rewritten.payloadLength());
    }
  }
}
