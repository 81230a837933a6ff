package dev.vertxsfu.media.router;

import dev.vertxsfu.media.rtp.SeqManager;
import dev.vertxsfu.media.transport.MediaSender;
import dev.vertxsfu.wire.rtp.RtpPacket;

/**
 * A track of one stream as one subscriber receives it (mediasoup's {@code SimpleConsumer}):
 * every packet goes on, with sequence numbers moved by a constant offset, starting at a key frame
 * for video.
 *
 * <p>A video consumer starts with a key frame that actually left: one the subscriber's
 * transport took (connected, SRTP protected, handed to the socket). One that arrived before
 * the transport was up is lost, and a delta frame after it would leave the subscriber dark.
 * Until it starts it waits for a key frame, which its producer asks for when the transport
 * connects and again each second ({@link #keyFrameWanted}).
 *
 * <p>Owned by the room's {@link Router}, on the room's event loop; allocates nothing per packet.
 */
public final class SimpleConsumer extends Consumer {
  private final SeqManager seq;
  private boolean started;
  private boolean paused;
  private boolean bandwidthPaused;

  SimpleConsumer(ConsumerParameters parameters, Producer producer, MediaSender subscriber,
      RtcpWriter rtcp, byte[] sharedOutput, int firstSequenceNumber) {
    super(parameters, producer, subscriber, rtcp, sharedOutput, firstSequenceNumber);
    this.seq = new SeqManager(firstSequenceNumber);
  }

  @Override
  public boolean started() {
    return started;
  }

  @Override
  int keyFrameWanted() {
    return !started && !stopped() && producer.parameters().isVideo() && subscriber.isConnected()
        ? 0 : -1;
  }

  @Override
  int keyFrameAfterReconnect() {
    return started && !stopped() && producer.parameters().isVideo() ? 0 : -1;
  }

  @Override
  boolean pausedBySubscriber() {
    return paused;
  }

  @Override
  public void setPaused(boolean paused, long nowMillis) {
    boolean was = stopped();
    this.paused = paused;
    onStopChanged(was, nowMillis);
  }

  @Override
  void onBandwidthAllocation(boolean paused, long budgetBps, long nowMillis) {
    if (!producer.parameters().isVideo()) {
      return;
    }
    boolean was = stopped();
    this.bandwidthPaused = paused;
    onStopChanged(was, nowMillis);
  }

  /** Whether it forwards nothing: paused by the subscriber or for bandwidth. */
  private boolean stopped() {
    return paused || bandwidthPaused;
  }

  private void onStopChanged(boolean wasStopped, long nowMillis) {
    if (wasStopped && !stopped()) {
      started = false;
      producer.requestKeyFrame(0, nowMillis);
    }
  }

  @Override
  void send(RtpPacket source, int spatial, boolean keyFrame, long nowMillis) {
    if (stopped() || spatial != 0) {
      return;
    }
    int payloadType = payloadType(source.payloadType());
    if (payloadType < 0) {
      return;
    }
    if (!started && producer.parameters().isVideo() && !keyFrame) {
      return; // undecodable before a key frame; the producer asks for one while we wait
    }
    if (emit(rewrite(source, out, payloadType, seq.output(source.sequenceNumber())))) {
      started = true; // only now: a key frame the transport refused starts nothing
    }
  }

  @Override
  void onKeyFrameRequest(long nowMillis) {
    producer.requestKeyFrame(0, nowMillis);
  }

  @Override
  void sendSenderReport(int spatial, long ntpTimestamp, long rtpTimestamp, long nowMillis) {
    if (started && spatial == 0) {
      sendSenderReportAs(ntpTimestamp, rtpTimestamp, nowMillis);
    }
  }

  @Override
  int nackLayer() {
    return started ? 0 : -1;
  }

  @Override
  int nackInput(int sequenceNumber) {
    return seq.input(sequenceNumber);
  }
}
