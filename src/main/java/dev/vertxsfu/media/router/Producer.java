package dev.vertxsfu.media.router;

import dev.vertxsfu.media.rtp.NackGenerator;
import dev.vertxsfu.media.speaker.AudioLevelMeter;
import dev.vertxsfu.media.transport.MediaSender;
import dev.vertxsfu.wire.rtp.AudioLevel;
import dev.vertxsfu.wire.rtp.RtpPacket;
import dev.vertxsfu.wire.rtp.RtxPacket;
import dev.vertxsfu.wire.rtp.codec.VideoCodec;
import dev.vertxsfu.wire.rtp.codec.Vp8PayloadDescriptor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One track a client sends, as the SFU receives it (mediasoup's {@code Producer}): one
 * {@link RtpStreamRecv} per encoding (one for a plain track, one per simulcast layer, lowest
 * first), each with its statistics, NACKs, retransmission copies, key-frame requests (per layer,
 * throttled to one a second per layer; FIR when a PLI went unanswered and the publisher
 * negotiated it) and receiver report block; and the {@link Consumer}s each packet goes on to,
 * told which layer it belongs to. While a consumer waits for a key frame of some layer on a
 * connected transport, the producer keeps asking for one, once a second.
 *
 * <p>Layers: a simulcast stream's SSRC is learned from the {@code rtp-stream-id} extension of
 * its first packets (its RTX SSRC from {@code repaired-rtp-stream-id}), or signalled by
 * {@code a=ssrc-group:SIM}. A layer starts flowing with its first packet and stops after
 * {@link RtpStreamRecv#INACTIVE_MILLIS} without one (seen by {@link #tick}); either way the
 * consumers are told ({@link Consumer#onLayersChanged}) and choose again.
 *
 * <p>Owned by the room's {@link Router}, on the room's event loop; times are arguments. Its
 * RTCP to the publisher (NACKs, PLI and FIR, receiver reports) is written by its
 * {@link PublisherFeedback}, through the publisher's {@link MediaSender}.
 */
public final class Producer {
  static final long KEY_FRAME_INTERVAL_MILLIS = RtpStreamRecv.KEY_FRAME_INTERVAL_MILLIS;
  static final long NACK_RETRY_MILLIS = RtpStreamRecv.NACK_RETRY_MILLIS;
  static final int RETRANSMISSION_SLOTS = RtpStreamRecv.RETRANSMISSION_SLOTS;

  private final ProducerParameters parameters;
  private boolean screenShare;
  private final PublisherFeedback feedback;
  private final List<Consumer> consumers = new ArrayList<>();
  private final RtpStreamRecv[] streams;
  private AudioLevelMeter audioLevel;
  private int audioLevelExtensionId;
  private boolean muted;

  Producer(ProducerParameters parameters, MediaSender publisher, long rtcpSsrc, RtcpWriter rtcp) {
    this.parameters = parameters;
    this.feedback = new PublisherFeedback(publisher, rtcpSsrc, rtcp);
    int clockRate = parameters.clockRates().values().stream().findFirst().orElse(90_000);
    List<ProducerParameters.Encoding> encodings = parameters.encodings().isEmpty()
        ? List.of(new ProducerParameters.Encoding(null, parameters.ssrc(), parameters.rtxSsrc()))
        : parameters.encodings();
    this.streams = new RtpStreamRecv[encodings.size()];
    for (int i = 0; i < streams.length; i++) {
      ProducerParameters.Encoding encoding = encodings.get(i);
      streams[i] = new RtpStreamRecv(i, encoding.rid(), encoding.ssrc(), encoding.rtxSsrc(),
          clockRate, parameters.isVideo(), parameters.firNegotiated());
    }
  }

  public String id() {
    return parameters.id();
  }

  public ProducerParameters parameters() {
    return parameters;
  }

  /**
   * Whether the track is a screen share (the room, when the publisher names the source): its
   * subscribers' allocators give it bandwidth before cameras.
   */
  public void screenShare(boolean screen) {
    this.screenShare = screen;
  }

  /** Whether the track is a screen share ({@link #screenShare(boolean)}). */
  public boolean isScreenShare() {
    return screenShare;
  }

  /** The media SSRC of the first (lowest) stream, once signalled or learned; else 0. */
  public long ssrc() {
    return streams[0].ssrc;
  }

  /** How many encodings the publisher sends (1 without simulcast). */
  public int streamCount() {
    return streams.length;
  }

  /** The media SSRC of layer {@code spatial}, or 0 while not known. */
  public long ssrc(int spatial) {
    return streams[spatial].ssrc;
  }

  /** The rid of layer {@code spatial}, or null when the publisher names none. */
  public String rid(int spatial) {
    return streams[spatial].rid;
  }

  /** Whether layer {@code spatial} is flowing (a packet within the last 800 ms). */
  public boolean flowing(int spatial) {
    return streams[spatial].flowing();
  }

  /** The bitrate of layer {@code spatial} over the last second, bits per second. */
  public long bitrate(int spatial, long nowMillis) {
    return streams[spatial].bitrate.bitrate(nowMillis);
  }

  /**
   * The bitrate of layer {@code spatial}'s busiest second of the last
   * {@value RtpStreamRecv#PEAK_MILLIS} ms, bits per second: what a step up to it is priced at.
   */
  long peakBitrate(int spatial, long nowMillis) {
    return streams[spatial].bitrate.peakBitrate(nowMillis);
  }

  /** Packets received on every stream (retransmissions included). */
  public long packetsReceived() {
    long sum = 0;
    for (RtpStreamRecv stream : streams) {
      sum += stream.packets;
    }
    return sum;
  }

  /** Packets of layer {@code spatial} lost so far (RFC 3550 cumulative lost; never negative). */
  public long packetsLost(int spatial) {
    return Math.max(0, streams[spatial].stats.cumulativeLost());
  }

  /** The interarrival jitter of layer {@code spatial} (RFC 3550 §6.4.1), in milliseconds. */
  public double jitterMillis(int spatial) {
    RtpStreamRecv stream = streams[spatial];
    return stream.clockRate <= 0 ? 0 : stream.stats.jitter() * 1000.0 / stream.clockRate;
  }

  /** Key frames received on layer {@code spatial}. */
  public long keyFrames(int spatial) {
    return streams[spatial].keyFrameCount;
  }

  /** The frame width of layer {@code spatial} from its last key frame, or 0 while unknown. */
  public int width(int spatial) {
    return streams[spatial].width;
  }

  /** The frame height of layer {@code spatial} from its last key frame, or 0 while unknown. */
  public int height(int spatial) {
    return streams[spatial].height;
  }

  /** Packets received on layer {@code spatial}. */
  public long packetsReceived(int spatial) {
    return streams[spatial].packets;
  }

  /** Retransmissions of packets that had arrived (payload padding), dropped. */
  public long duplicatesDropped() {
    long sum = 0;
    for (RtpStreamRecv stream : streams) {
      sum += stream.duplicates;
    }
    return sum;
  }

  public long packetsRetransmitted() {
    long sum = 0;
    for (RtpStreamRecv stream : streams) {
      sum += stream.retransmitted;
    }
    return sum;
  }

  /** Key-frame requests sent to the publisher: PLIs and FIRs. */
  public long plisSent() {
    return feedback.plisSent();
  }

  public long firsSent() {
    return feedback.firsSent();
  }

  public long keyFrames() {
    long sum = 0;
    for (RtpStreamRecv stream : streams) {
      sum += stream.keyFrameCount;
    }
    return sum;
  }

  /**
   * Measures how loud the track is from its RFC 6464 levels, under the publisher's extension
   * id; the meter is the room's to rank (an audio track whose publisher negotiated the
   * extension).
   */
  public AudioLevelMeter measureAudioLevel(int extensionId) {
    audioLevelExtensionId = extensionId;
    audioLevel = new AudioLevelMeter();
    audioLevel.setMuted(muted);
    return audioLevel;
  }

  /**
   * The publisher muted or unmuted the track: a muted track is nobody speaking, and nobody
   * asks its publisher for key frames, which it would not send; unmuted, its subscribers need
   * one at once.
   */
  public void setMuted(boolean muted, long nowMillis) {
    boolean unmuted = this.muted && !muted;
    this.muted = muted;
    if (audioLevel != null) {
      audioLevel.setMuted(muted);
    }
    if (unmuted && !consumers.isEmpty()) {
      requestKeyFrame(nowMillis); // its subscribers decode nothing before one
    }
  }

  /** The meter of {@link #measureAudioLevel}, or null. */
  public AudioLevelMeter audioLevelMeter() {
    return audioLevel;
  }

  public boolean muted() {
    return muted;
  }

  List<Consumer> consumers() {
    return consumers;
  }

  /** The layers as the {@link LayerSelector} sees them, lowest first. */
  List<LayerSelector.Layer> layers(long nowMillis) {
    List<LayerSelector.Layer> layers = new ArrayList<>(streams.length);
    for (RtpStreamRecv stream : streams) {
      layers.add(stream.layer(nowMillis));
    }
    return layers;
  }

  RtpStreamRecv stream(int spatial) {
    return streams[spatial];
  }

  /**
   * A new subscriber can decode nothing before a key frame: ask now if its transport can carry
   * one; otherwise the consumer asks when it connects ({@link Consumer#onTransportConnected}),
   * since a key frame that arrives before would be lost.
   */
  void addConsumer(Consumer consumer, long nowMillis) {
    consumers.add(consumer);
    consumer.onLayersChanged(nowMillis);
    int layer = consumer.keyFrameWanted();
    if (layer >= 0) {
      requestKeyFrame(layer, nowMillis);
    }
  }

  void removeConsumer(Consumer consumer) {
    consumers.remove(consumer);
  }

  /**
   * An SSRC the SDP did not signal, in a packet whose mid names this producer: binds it to the
   * stream its rid (or, for RTX, repaired rid) names, or to the only stream. False when it
   * cannot be placed yet (a simulcast packet without a rid): the next packet tries again.
   */
  boolean learn(RtpPacket packet) {
    boolean rtx = parameters.rtxApt().containsKey(packet.payloadType());
    RtpStreamRecv stream = null;
    if (streams.length == 1 && streams[0].rid == null) {
      stream = streams[0];
    } else {
      String rid = rtx ? extensionString(packet, parameters.repairedRidExtensionId()) : null;
      if (rid == null && !rtx) {
        rid = extensionString(packet, parameters.ridExtensionId());
      }
      for (RtpStreamRecv candidate : streams) {
        if (candidate.rid != null && candidate.rid.equals(rid)) {
          stream = candidate;
        }
      }
    }
    if (stream == null) {
      return false;
    }
    if (rtx) {
      if (stream.rtxSsrc == 0) {
        stream.rtxSsrc = packet.ssrc();
      }
    } else if (stream.ssrc == 0) {
      stream.ssrc = packet.ssrc();
    }
    return true;
  }

  private static String extensionString(RtpPacket packet, int id) {
    if (id == 0 || !packet.hasExtension()) {
      return null;
    }
    int at = packet.extensions().valueOffset(id);
    if (at < 0) {
      return null;
    }
    return new String(packet.buffer(), at, packet.extensions().valueLength(id),
        StandardCharsets.US_ASCII);
  }

  /** The stream whose media or RTX SSRC is {@code ssrc}, or null. */
  private RtpStreamRecv streamOf(long ssrc) {
    for (RtpStreamRecv stream : streams) {
      if (stream.ssrc == ssrc || stream.rtxSsrc == ssrc) {
        return stream;
      }
    }
    return streams.length == 1 ? streams[0] : null;
  }

  /** An RTP packet of one of this producer's streams, decrypted; {@code view} wraps it. */
  void receive(RtpPacket view, long nowMillis) {
    RtpStreamRecv stream = streamOf(view.ssrc());
    if (stream == null) {
      return;
    }
    int payloadType = view.payloadType();
    Integer apt = parameters.rtxApt().get(payloadType);
    if (apt != null) {
      if (view.payloadLength() < RtxPacket.OSN_LENGTH || stream.ssrc == 0) {
        return; // padding-only RTX: a bandwidth probe, nothing to forward
      }
      RtxPacket.unwrapInPlace(view, stream.ssrc, apt);
      if (!stream.nacks.awaits(view.sequenceNumber())) {
        // a copy of a packet that arrived (a libwebrtc sender's payload padding): not media,
        // nor the layer's bitrate, and a repeat the subscriber's SRTP would drop
        stream.duplicates++;
        return;
      }
      payloadType = apt;
      stream.retransmitted++;
    } else if (!parameters.clockRates().containsKey(payloadType)) {
      return; // not a payload type negotiated for this m-line
    }
    boolean started = stream.onPacket(view.length(), nowMillis);
    if (audioLevel != null) {
      audioLevel.onPacket(AudioLevel.read(view, audioLevelExtensionId));
    }
    long extended = stream.stats.onPacket(view.sequenceNumber(), view.timestamp(), nowMillis);
    if (stream.retransmissions != null
        && stream.nacks.onPacket(extended, nowMillis) == NackGenerator.Outcome.KEYFRAME_NEEDED) {
      requestKeyFrame(stream.spatial, nowMillis);
    }
    boolean keyFrame = false;
    VideoCodec codec = parameters.videoCodec().get(payloadType);
    if (codec != null && codec.isKeyFrame(view.buffer(), view.payloadOffset(), view.payloadLength())) {
      keyFrame = true;
      stream.keyFrameCount++;
      stream.keyFrames.onKeyFrame();
      if (codec == VideoCodec.VP8 && learnSize(stream, view)) {
        started = true; // the selector may choose differently now that it knows the size
      }
    }
    if (stream.retransmissions != null) {
      stream.retransmissions.store(view.sequenceNumber(), view.buffer(), view.offset(),
          view.length(), nowMillis);
    }
    if (started) {
      layersChanged(nowMillis);
    }
    for (int i = 0; i < consumers.size(); i++) {
      consumers.get(i).send(view, stream.spatial, keyFrame, nowMillis);
    }
  }

  /** Reads a VP8 key frame's size; true when it changed. */
  private static boolean learnSize(RtpStreamRecv stream, RtpPacket view) {
    int width = Vp8PayloadDescriptor.keyFrameWidth(view.buffer(), view.payloadOffset(),
        view.payloadLength());
    int height = Vp8PayloadDescriptor.keyFrameHeight(view.buffer(), view.payloadOffset(),
        view.payloadLength());
    if (width <= 0 || height <= 0 || (width == stream.width && height == stream.height)) {
      return false;
    }
    stream.width = width;
    stream.height = height;
    return true;
  }

  private void layersChanged(long nowMillis) {
    for (int i = 0; i < consumers.size(); i++) {
      consumers.get(i).onLayersChanged(nowMillis);
    }
  }

  /**
   * Copies the kept packet of layer {@code spatial} with this sequence number into
   * {@code out}; -1 if not kept.
   */
  int retransmission(int spatial, int sequenceNumber, byte[] out, long nowMillis) {
    RtpStreamRecv stream = streams[spatial];
    return stream.retransmissions == null ? -1
        : stream.retransmissions.copy(sequenceNumber, out, nowMillis);
  }

  /** A key frame on every layer (an unmuted track; a test), each throttled on its own. */
  void requestKeyFrame(long nowMillis) {
    for (int i = 0; i < streams.length; i++) {
      requestKeyFrame(i, nowMillis);
    }
  }

  /**
   * A subscriber, a waiting consumer, a layer switch or lost packets want a key frame of layer
   * {@code spatial}: its {@link PublisherFeedback} sends a PLI (or FIR) for that layer's SSRC,
   * at most once a second per layer and {@link PublisherFeedback#REQUEST_SPACING_MILLIS} after a
   * request for any layer, or defers it to {@link #tick}.
   */
  void requestKeyFrame(int spatial, long nowMillis) {
    RtpStreamRecv stream = streams[spatial];
    if (parameters.isVideo() && stream.ssrc != 0 && !muted) {
      feedback.requestKeyFrame(stream, nowMillis);
    }
  }

  /** The publisher's sender report for {@code ssrc}: kept, and passed on to every consumer. */
  void onSenderReport(long ssrc, long ntpTimestamp, long rtpTimestamp, long nowMillis) {
    RtpStreamRecv stream = streamOf(ssrc);
    if (stream == null || stream.ssrc != ssrc) {
      return;
    }
    stream.onSenderReport(ntpTimestamp, rtpTimestamp, nowMillis);
    for (int i = 0; i < consumers.size(); i++) {
      consumers.get(i).sendSenderReport(stream.spatial, ntpTimestamp, rtpTimestamp, nowMillis);
    }
  }

  /**
   * The room's timer: NACKs due, deferred and repeated key-frame requests, layers that stopped,
   * a receiver report a second.
   */
  void tick(long nowMillis) {
    boolean changed = false;
    for (RtpStreamRecv stream : streams) {
      if (stream.ssrc == 0) {
        continue;
      }
      feedback.sendNacks(stream, nowMillis);
      feedback.sendDeferredRequest(stream, muted, nowMillis);
      changed |= stream.checkStopped(nowMillis);
    }
    if (changed) {
      layersChanged(nowMillis);
    }
    for (int i = 0; i < consumers.size(); i++) {
      int layer = consumers.get(i).keyFrameWanted();
      if (layer >= 0) {
        requestKeyFrame(layer, nowMillis); // again, until one reaches it: the last may be lost
      }
    }
    feedback.sendReceiverReport(streams, nowMillis);
  }

  @Override
  public String toString() {
    return "Producer[" + parameters.id() + " " + parameters.kind() + " "
        + Arrays.toString(streams) + "]";
  }
}
