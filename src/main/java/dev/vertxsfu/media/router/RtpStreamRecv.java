package dev.vertxsfu.media.router;

import dev.vertxsfu.media.rtp.BitrateMeter;
import dev.vertxsfu.media.rtp.KeyFrameRequestManager;
import dev.vertxsfu.media.rtp.NackGenerator;
import dev.vertxsfu.media.rtp.RetransmissionBuffer;
import dev.vertxsfu.media.rtp.RtpStreamRecvStats;
import dev.vertxsfu.wire.rtcp.ReportBlock;

/**
 * One RTP stream a producer receives (mediasoup's {@code RtpStreamRecv}): a track's only stream,
 * or one simulcast encoding of it. Its SSRC (and RTX SSRC) as signalled or learned from the
 * {@code rtp-stream-id} extension; its reception statistics, the gaps to NACK, the copies kept
 * for subscribers' NACKs, its own key-frame requests (throttled per layer), its bitrate over the
 * last second, its last sender report (the RTP/NTP mapping a layer switch aligns timestamps
 * with), the frame size its key frames announce (VP8), and whether it is flowing: a stream with
 * no packet for {@link #INACTIVE_MILLIS} has stopped (the publisher dropped the layer).
 *
 * <p>Owned by its {@link Producer} on the room's event loop; times are arguments. Allocates
 * nothing per packet.
 */
final class RtpStreamRecv {
  /** No packet for this long: the layer stopped (noticed on the next tick, within a second). */
  static final long INACTIVE_MILLIS = 800;
  /** How far back the busiest second of the stream is looked for (a step up's price). */
  static final long PEAK_MILLIS = 5_000;
  static final long KEY_FRAME_INTERVAL_MILLIS = 1000;
  static final long NACK_RETRY_MILLIS = 30;
  /**
   * The most slots a stream's retransmission ring grows to (it holds about its max age, a
   * second, of the stream): a second of ~5 Mbit/s in 1,200-byte packets.
   */
  static final int RETRANSMISSION_SLOTS = 512;

  final int spatial;
  final String rid;
  final int clockRate;
  final RtpStreamRecvStats stats;
  final NackGenerator nacks = new NackGenerator(NACK_RETRY_MILLIS);
  final RetransmissionBuffer retransmissions;
  final KeyFrameRequestManager keyFrames;
  /** Its rate over the last second, and the busiest second of the last {@value #PEAK_MILLIS} ms. */
  final BitrateMeter bitrate = new BitrateMeter(1000, PEAK_MILLIS);
  long ssrc;
  long rtxSsrc;
  long packets;
  long retransmitted;
  /** RTX packets that repaired nothing: copies of packets that had arrived. */
  long duplicates;
  long keyFrameCount;
  int width;
  int height;
  int firSequenceNumber;
  private long lastPacketMillis = Long.MIN_VALUE;
  private boolean flowing;
  private boolean hasSenderReport;
  private long srNtp;
  private long srRtp;
  private long lastSrArrivalMillis = -1;

  RtpStreamRecv(int spatial, String rid, long ssrc, long rtxSsrc, int clockRate, boolean video,
      boolean firNegotiated) {
    this.spatial = spatial;
    this.rid = rid;
    this.ssrc = ssrc;
    this.rtxSsrc = rtxSsrc;
    this.clockRate = clockRate;
    this.stats = new RtpStreamRecvStats(clockRate);
    this.retransmissions = video ? new RetransmissionBuffer(RETRANSMISSION_SLOTS, 1000) : null;
    this.keyFrames = new KeyFrameRequestManager(KEY_FRAME_INTERVAL_MILLIS, firNegotiated);
  }

  /** A media packet (or an unwrapped retransmission) of {@code length} bytes arrived. */
  boolean onPacket(int length, long nowMillis) {
    packets++;
    lastPacketMillis = nowMillis;
    bitrate.onPacket(length, nowMillis);
    if (!flowing) {
      flowing = true;
      return true;
    }
    return false;
  }

  /** Timer: whether the stream just stopped flowing. */
  boolean checkStopped(long nowMillis) {
    if (flowing && nowMillis - lastPacketMillis >= INACTIVE_MILLIS) {
      flowing = false;
      return true;
    }
    return false;
  }

  boolean flowing() {
    return flowing;
  }

  boolean hasSenderReport() {
    return hasSenderReport;
  }

  /** The NTP time (64-bit, RFC 3550 §4) of the last sender report. */
  long senderReportNtp() {
    return srNtp;
  }

  /** The RTP timestamp of the last sender report. */
  long senderReportRtp() {
    return srRtp;
  }

  void onSenderReport(long ntpTimestamp, long rtpTimestamp, long nowMillis) {
    hasSenderReport = true;
    srNtp = ntpTimestamp;
    srRtp = rtpTimestamp;
    lastSrArrivalMillis = nowMillis;
  }

  LayerSelector.Layer layer(long nowMillis) {
    return new LayerSelector.Layer(spatial, width, height, flowing, bitrate.bitrate(nowMillis));
  }

  /** This stream's block of the producer's receiver report (RFC 3550 §6.4.2). */
  ReportBlock reportBlock(long nowMillis) {
    long lost = Math.max(ReportBlock.MIN_CUMULATIVE_LOST,
        Math.min(ReportBlock.MAX_CUMULATIVE_LOST, stats.cumulativeLost()));
    long delay = lastSrArrivalMillis < 0 ? 0 : (nowMillis - lastSrArrivalMillis) * 65536 / 1000;
    long lastSr = lastSrArrivalMillis < 0 ? 0 : (srNtp >>> 16) & 0xFFFFFFFFL;
    return new ReportBlock(ssrc, stats.fractionLostSinceLastReport(), (int) lost,
        stats.extendedHighestSequenceNumber(), stats.jitter() & 0xFFFFFFFFL, lastSr,
        delay & 0xFFFFFFFFL);
  }

  @Override
  public String toString() {
    return "RtpStreamRecv[" + spatial + (rid == null ? "" : " rid=" + rid) + " ssrc=" + ssrc
        + "]";
  }
}
