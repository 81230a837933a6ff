package dev.vertxsfu.media.router;

import dev.vertxsfu.media.rtp.KeyFrameRequestManager;
import dev.vertxsfu.media.transport.MediaSender;
import dev.vertxsfu.wire.rtcp.FullIntraRequest;
import dev.vertxsfu.wire.rtcp.GenericNack;
import dev.vertxsfu.wire.rtcp.PictureLossIndication;
import dev.vertxsfu.wire.rtcp.ReceiverReport;
import dev.vertxsfu.wire.rtcp.ReportBlock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The RTCP a {@link Producer} sends back to its publisher: generic NACKs (RFC 4585 §6.2.1) for
 * what its streams' {@code NackGenerator}s find due, key-frame requests (PLI, or FIR of RFC 5104
 * where a PLI went unanswered and the publisher negotiated it) spaced
 * {@link #REQUEST_SPACING_MILLIS} apart across all layers, and a receiver report (RFC 3550
 * §6.4.2) once a second. Whether a layer wants a key frame, and how often per layer, stays with
 * each stream's {@link KeyFrameRequestManager}; this class decides when a request may leave and
 * writes it.
 *
 * <p>Owned by its producer, on the room's event loop; times are arguments. Writes through the
 * publisher's {@link MediaSender}.
 */
final class PublisherFeedback {
  private static final long REPORT_INTERVAL_MILLIS = 1000;
  /**
   * The least time between two keyframe requests to the publisher, for any of its layers.
   * libwebrtc senders act on at most one request per 300 ms for all their simulcast layers
   * together ({@code kMinKeyframeSendIntervalMs} in its {@code EncoderRtcpFeedback}): a request
   * for layer h sent just after one for layer q (a subscriber switching down, then up) is
   * ignored, and h's next try came a whole {@link Producer#KEY_FRAME_INTERVAL_MILLIS} later, so
   * the switch took over a second. Spaced, it is acted on about 300 ms after the first.
   */
  static final long REQUEST_SPACING_MILLIS = 300;
  /** At most this many sequence numbers per NACK: it must fit one datagram. */
  private static final int MAX_NACKED = 256;

  private final MediaSender publisher;
  private final long rtcpSsrc;
  private final RtcpWriter rtcp;
  /** Made on the first loss, so audio and loss-free producers never hold it. */
  private int[] due;
  private long lastReportMillis = Long.MIN_VALUE;
  /** When the last PLI or FIR went to the publisher, for any layer. */
  private long lastRequestMillis = Long.MIN_VALUE;
  private long plisSent;
  private long firsSent;

  PublisherFeedback(MediaSender publisher, long rtcpSsrc, RtcpWriter rtcp) {
    this.publisher = publisher;
    this.rtcpSsrc = rtcpSsrc;
    this.rtcp = rtcp;
  }

  /**
   * Someone wants a key frame of {@code stream}: a PLI or FIR now if its manager lets one go and
   * the last request for any layer is {@link #REQUEST_SPACING_MILLIS} old; else deferred to
   * {@link #sendDeferredRequest}.
   */
  void requestKeyFrame(RtpStreamRecv stream, long nowMillis) {
    if (tooSoon(nowMillis)) {
      stream.keyFrames.defer();
      return;
    }
    send(stream, stream.keyFrames.request(nowMillis), nowMillis);
  }

  /** A request {@code stream}'s manager deferred or repeats, once the spacing allows. */
  void sendDeferredRequest(RtpStreamRecv stream, boolean muted, long nowMillis) {
    if (!tooSoon(nowMillis)) {
      KeyFrameRequestManager.Request deferred = stream.keyFrames.poll(nowMillis);
      if (!muted) {
        send(stream, deferred, nowMillis);
      }
    }
  }

  /** A NACK of what {@code stream} misses and is due to ask for again. */
  void sendNacks(RtpStreamRecv stream, long nowMillis) {
    if (stream.nacks.missing() > 0 && due == null) {
      due = new int[MAX_NACKED];
    }
    int n = due == null ? 0 : stream.nacks.due(nowMillis, due);
    if (n > 0) {
      rtcp.send(publisher, GenericNack.of(rtcpSsrc, stream.ssrc, Arrays.copyOf(due, n)));
    }
  }

  /** A receiver report of the started streams, at most once a {@link #REPORT_INTERVAL_MILLIS}. */
  void sendReceiverReport(RtpStreamRecv[] streams, long nowMillis) {
    if (lastReportMillis != Long.MIN_VALUE
        && nowMillis - lastReportMillis < REPORT_INTERVAL_MILLIS) {
      return;
    }
    List<ReportBlock> blocks = new ArrayList<>(streams.length);
    for (RtpStreamRecv stream : streams) {
      if (stream.ssrc != 0 && stream.stats.started()) {
        blocks.add(stream.reportBlock(nowMillis));
      }
    }
    if (!blocks.isEmpty()) {
      lastReportMillis = nowMillis;
      rtcp.send(publisher, new ReceiverReport(rtcpSsrc, blocks));
    }
  }

  long plisSent() {
    return plisSent;
  }

  long firsSent() {
    return firsSent;
  }

  private boolean tooSoon(long nowMillis) {
    return lastRequestMillis != Long.MIN_VALUE
        && nowMillis - lastRequestMillis < REQUEST_SPACING_MILLIS;
  }

  private void send(RtpStreamRecv stream, KeyFrameRequestManager.Request request,
      long nowMillis) {
    if (request != KeyFrameRequestManager.Request.NONE) {
      lastRequestMillis = nowMillis;
    }
    switch (request) {
      case PLI -> {
        plisSent++;
        rtcp.send(publisher, new PictureLossIndication(rtcpSsrc, stream.ssrc));
      }
      case FIR -> {
        firsSent++;
        rtcp.send(publisher,
            FullIntraRequest.of(rtcpSsrc, stream.ssrc, stream.firSequenceNumber++ & 0xFF));
      }
      case NONE -> {
        // throttled, or nothing asked
      }
    }
  }
}
