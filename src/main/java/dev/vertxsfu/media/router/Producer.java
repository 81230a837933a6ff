package dev.vertxsfu.media.router;

import dev.vertxsfu.media.rtp.KeyFrameRequestManager;
import dev.vertxsfu.media.rtp.NackGenerator;
import dev.vertxsfu.media.rtp.RetransmissionBuffer;
import dev.vertxsfu.media.rtp.RtpStreamRecvStats;
import dev.vertxsfu.media.speaker.AudioLevelMeter;
import dev.vertxsfu.media.transport.MediaSender;
import dev.vertxsfu.wire.rtcp.FullIntraRequest;
import dev.vertxsfu.wire.rtcp.GenericNack;
import dev.vertxsfu.wire.rtcp.PictureLossIndication;
import dev.vertxsfu.wire.rtcp.ReceiverReport;
import dev.vertxsfu.wire.rtcp.ReportBlock;
import dev.vertxsfu.wire.rtp.AudioLevel;
import dev.vertxsfu.wire.rtp.RtpPacket;
import dev.vertxsfu.wire.rtp.RtxPacket;
import dev.vertxsfu.wire.rtp.codec.VideoCodec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One track a client sends, as the SFU receives it (mediasoup's {@code Producer}): its stream
 * statistics, the gaps it asks the publisher to resend (NACK), the copies it keeps to answer
 * subscribers' NACKs, key-frame requests (throttled to one a second; FIR when a PLI went
 * unanswered and the publisher negotiated it) and receiver reports; and the {@link Consumer}s
 * each packet goes on to. While a consumer waits for its first key frame on a connected
 * transport, the producer keeps asking, once a second, until one reaches it.
 *
 * <p>Owned by the room's {@link Router}, on the room's event loop; times are arguments. Sends
 * its RTCP through the publisher's {@link MediaSender}.
 */
public final class Producer {
  static final long KEY_FRAME_INTERVAL_MILLIS = 1000;
  static final long REPORT_INTERVAL_MILLIS = 1000;
  static final long NACK_RETRY_MILLIS = 30;
  /** About a second of video at 2 Mbps; audio is not retransmitted. */
  static final int RETRANSMISSION_SLOTS = 512;

  private final ProducerParameters parameters;
  private final MediaSender publisher;
  private final long rtcpSsrc;
  private final RtcpWriter rtcp;
  private final List<Consumer> consumers = new ArrayList<>();
  private final RtpStreamRecvStats stats;
  private final NackGenerator nacks = new NackGenerator(NACK_RETRY_MILLIS);
  private final RetransmissionBuffer retransmissions;
  private final KeyFrameRequestManager keyFrames;
  /** At most this many sequence numbers per NACK: it must fit one datagram. */
  private final int[] due = new int[256];
  private long ssrc;
  private long lastSrNtpMiddle;
  private long lastSrArrivalMillis = -1;
  private long lastReportMillis = Long.MIN_VALUE;
  private long packets;
  private long retransmitted;
  private long keyFrameCount;
  private long plisSent;
  private long firsSent;
  private AudioLevelMeter audioLevel;
  private int audioLevelExtensionId;
  private boolean muted;
  private int firSequenceNumber;

  Producer(ProducerParameters parameters, MediaSender publisher, long rtcpSsrc, RtcpWriter rtcp) {
    this.parameters = parameters;
    this.publisher = publisher;
    this.rtcpSsrc = rtcpSsrc;
    this.rtcp = rtcp;
    this.ssrc = parameters.ssrc();
    this.stats = new RtpStreamRecvStats(
        parameters.clockRates().values().stream().findFirst().orElse(90_000));
    this.retransmissions = parameters.isVideo()
        ? new RetransmissionBuffer(RETRANSMISSION_SLOTS, 1000) : null;
    this.keyFrames =
        new KeyFrameRequestManager(KEY_FRAME_INTERVAL_MILLIS, parameters.firNegotiated());
  }

  public String id() {
    return parameters.id();
  }

  public ProducerParameters parameters() {
    return parameters;
  }

  /** The media SSRC, once signalled or learned. */
  public long ssrc() {
    return ssrc;
  }

  void learnSsrc(long learned) {
    this.ssrc = learned;
  }

  /** Packets received (retransmissions included), repaired by RTX, key frames seen. */
  public long packetsReceived() {
    return packets;
  }

  public long packetsRetransmitted() {
    return retransmitted;
  }

  /** Key-frame requests sent to the publisher: PLIs and FIRs. */
  public long plisSent() {
    return plisSent;
  }

  public long firsSent() {
    return firsSent;
  }

  public long keyFrames() {
    return keyFrameCount;
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

  /**
   * A new subscriber can decode nothing before a key frame: ask now if its transport can carry
   * one; otherwise the consumer asks when it connects ({@link Consumer#onTransportConnected}),
   * since a key frame that arrives before would be lost.
   */
  void addConsumer(Consumer consumer, long nowMillis) {
    consumers.add(consumer);
    if (consumer.waitingForKeyFrame()) {
      requestKeyFrame(nowMillis);
    }
  }

  void removeConsumer(Consumer consumer) {
    consumers.remove(consumer);
  }

  /** An RTP packet of this producer's media or RTX stream, decrypted; {@code view} wraps it. */
  void receive(RtpPacket view, long nowMillis) {
    int payloadType = view.payloadType();
    Integer apt = parameters.rtxApt().get(payloadType);
    if (apt != null) {
      if (view.payloadLength() < RtxPacket.OSN_LENGTH) {
        return; // padding-only RTX: a bandwidth probe, nothing to forward
      }
      RtxPacket.unwrapInPlace(view, ssrc, apt);
      payloadType = apt;
      retransmitted++;
    } else if (!parameters.clockRates().containsKey(payloadType)) {
      return; // not a payload type negotiated for this m-line
    }
    packets++;
    if (audioLevel != null) {
      audioLevel.onPacket(AudioLevel.read(view, audioLevelExtensionId));
    }
    long extended = stats.onPacket(view.sequenceNumber(), view.timestamp(), nowMillis);
    if (retransmissions != null
        && nacks.onPacket(extended, nowMillis) == NackGenerator.Outcome.KEYFRAME_NEEDED) {
      requestKeyFrame(nowMillis);
    }
    boolean keyFrame = false;
    VideoCodec codec = parameters.videoCodec().get(payloadType);
    if (codec != null && codec.isKeyFrame(view.buffer(), view.payloadOffset(), view.payloadLength())) {
      keyFrame = true;
      keyFrameCount++;
      keyFrames.onKeyFrame();
    }
    if (retransmissions != null) {
      retransmissions.store(view.sequenceNumber(), view.buffer(), view.offset(), view.length(),
          nowMillis);
    }
    for (int i = 0; i < consumers.size(); i++) {
      consumers.get(i).send(view, keyFrame, nowMillis);
    }
  }

  /** Copies the kept packet with this sequence number into {@code out}; -1 if not kept. */
  int retransmission(int sequenceNumber, byte[] out, long nowMillis) {
    return retransmissions == null ? -1 : retransmissions.copy(sequenceNumber, out, nowMillis);
  }

  /**
   * A subscriber, a waiting consumer or lost packets want a key frame: PLI (or FIR), at most
   * once a second.
   */
  void requestKeyFrame(long nowMillis) {
    if (parameters.isVideo() && ssrc != 0 && !muted) {
      send(keyFrames.request(nowMillis));
    }
  }

  /** The publisher's sender report: kept for our reports, and passed on to every consumer. */
  void onSenderReport(long ntpTimestamp, long rtpTimestamp, long nowMillis) {
    lastSrNtpMiddle = (ntpTimestamp >>> 16) & 0xFFFFFFFFL;
    lastSrArrivalMillis = nowMillis;
    for (int i = 0; i < consumers.size(); i++) {
      consumers.get(i).sendSenderReport(ntpTimestamp, rtpTimestamp);
    }
  }

  /** The room's timer: NACKs due, a deferred key-frame request, a receiver report a second. */
  void tick(long nowMillis) {
    if (ssrc == 0) {
      return;
    }
    int n = nacks.due(nowMillis, due);
    if (n > 0) {
      rtcp.send(publisher, GenericNack.of(rtcpSsrc, ssrc, Arrays.copyOf(due, n)));
    }
    if (hasConsumerWaitingForKeyFrame()) {
      requestKeyFrame(nowMillis); // again, until one reaches it: the last may have been lost
    }
    KeyFrameRequestManager.Request deferred = keyFrames.poll(nowMillis);
    if (!muted) {
      send(deferred);
    }
    if (stats.started() && (lastReportMillis == Long.MIN_VALUE
        || nowMillis - lastReportMillis >= REPORT_INTERVAL_MILLIS)) {
      lastReportMillis = nowMillis;
      rtcp.send(publisher, new ReceiverReport(rtcpSsrc, List.of(reportBlock(nowMillis))));
    }
  }

  private ReportBlock reportBlock(long nowMillis) {
    long lost = Math.max(ReportBlock.MIN_CUMULATIVE_LOST,
        Math.min(ReportBlock.MAX_CUMULATIVE_LOST, stats.cumulativeLost()));
    long delay = lastSrArrivalMillis < 0 ? 0 : (nowMillis - lastSrArrivalMillis) * 65536 / 1000;
    return new ReportBlock(ssrc, stats.fractionLostSinceLastReport(), (int) lost,
        stats.extendedHighestSequenceNumber(), stats.jitter() & 0xFFFFFFFFL,
        lastSrArrivalMillis < 0 ? 0 : lastSrNtpMiddle, delay & 0xFFFFFFFFL);
  }

  private boolean hasConsumerWaitingForKeyFrame() {
    for (int i = 0; i < consumers.size(); i++) {
      if (consumers.get(i).waitingForKeyFrame()) {
        return true;
      }
    }
    return false;
  }

  private void send(KeyFrameRequestManager.Request request) {
    switch (request) {
      case PLI -> {
        plisSent++;
        rtcp.send(publisher, new PictureLossIndication(rtcpSsrc, ssrc));
      }
      case FIR -> {
        firsSent++;
        rtcp.send(publisher, FullIntraRequest.of(rtcpSsrc, ssrc, firSequenceNumber++ & 0xFF));
      }
      case NONE -> {
        // throttled, or nothing asked
      }
    }
  }

  @Override
  public String toString() {
    return "Producer[" + parameters.id() + " " + parameters.kind() + " ssrc=" + ssrc + "]";
  }
}
