package dev.vertxsfu.media.router;

import dev.vertxsfu.media.rtp.SeqManager;
import dev.vertxsfu.media.transport.MediaSender;
import dev.vertxsfu.wire.rtcp.SenderReport;
import dev.vertxsfu.wire.rtp.HeaderExtensionIdMap;
import dev.vertxsfu.wire.rtp.HeaderExtensionRewriter;
import dev.vertxsfu.wire.rtp.RtpPacket;
import dev.vertxsfu.wire.rtp.RtxPacket;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One producer as one subscriber receives it (mediasoup's {@code SimpleConsumer}): every
 * packet rewritten to the subscriber's SSRC, payload type, sequence numbers, extension ids and
 * {@code mid}, starting at a key frame for video; NACKs answered from the producer's copies
 * (as RTX when negotiated), PLI and FIR passed up, and the publisher's sender reports passed
 * on under this consumer's SSRC so lip sync survives.
 *
 * <p>A video consumer starts with a key frame that actually left: one the subscriber's
 * transport took (connected, SRTP protected, handed to the socket). One that arrived before
 * the transport was up is lost, and a delta frame after it would leave the subscriber dark.
 * Until it starts it waits for a key frame, which its producer asks for when the transport
 * connects and again each second ({@link #waitingForKeyFrame}).
 *
 * <p>Owned by the room's {@link Router}, on the room's event loop. Writes each packet into
 * the router's shared output buffer and hands it to the subscriber's {@link MediaSender} at
 * once, so it allocates nothing per packet.
 */
public final class Consumer {
  private final ConsumerParameters parameters;
  private final Producer producer;
  private final MediaSender subscriber;
  private final RtcpWriter rtcp;
  private final byte[] out;
  private final byte[] retransmission = new byte[RtpPacketLimits.BUFFER];
  private final RtpPacket outView = new RtpPacket();
  private final RtpPacket retransmissionView = new RtpPacket();
  private final HeaderExtensionRewriter extensions = new HeaderExtensionRewriter();
  private final SeqManager seq;
  private final int[] payloadTypes = new int[128];
  private final int[] rtxPayloadTypes = new int[128];
  private int rtxSequenceNumber;
  private boolean started;
  private boolean paused;
  private long packetsSent;
  private long octetsSent;
  private long nacksAnswered;

  Consumer(ConsumerParameters parameters, Producer producer, MediaSender subscriber,
      RtcpWriter rtcp, byte[] sharedOutput, int firstSequenceNumber) {
    this.parameters = parameters;
    this.producer = producer;
    this.subscriber = subscriber;
    this.rtcp = rtcp;
    this.out = sharedOutput;
    this.seq = new SeqManager(firstSequenceNumber);
    this.rtxSequenceNumber = firstSequenceNumber ^ 0x5555;
    java.util.Arrays.fill(payloadTypes, -1);
    java.util.Arrays.fill(rtxPayloadTypes, -1);
    parameters.payloadTypes().forEach((from, to) -> payloadTypes[from] = to);
    parameters.rtxPayloadTypes().forEach((media, rtx) -> rtxPayloadTypes[media] = rtx);
    HeaderExtensionIdMap.Builder ids = HeaderExtensionIdMap.builder();
    parameters.extensionIds().forEach(ids::map);
    extensions.idMap(ids.build());
    if (parameters.midExtensionId() != 0) {
      byte[] mid = parameters.mid().getBytes(StandardCharsets.US_ASCII);
      extensions.put(parameters.midExtensionId(), mid, 0, mid.length);
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

  /** Whether it has sent its first packet (for video, a key frame's first packet). */
  public boolean started() {
    return started;
  }

  MediaSender subscriber() {
    return subscriber;
  }

  /**
   * A video consumer whose subscriber can receive now but that has not delivered a key frame
   * yet: its producer keeps asking the publisher for one.
   */
  boolean waitingForKeyFrame() {
    return !started && !paused && producer.parameters().isVideo() && subscriber.isConnected();
  }

  /** The subscriber's transport is up: a key frame sent before could not reach it; ask now. */
  void onTransportConnected(long nowMillis) {
    if (waitingForKeyFrame()) {
      producer.requestKeyFrame(nowMillis);
    }
  }

  /** Stops or resumes forwarding; a resumed video consumer waits for a key frame again. */
  public void setPaused(boolean paused, long nowMillis) {
    if (this.paused && !paused) {
      started = false;
      producer.requestKeyFrame(nowMillis);
    }
    this.paused = paused;
  }

  /** A packet of the producer, decrypted and, if it came as RTX, unwrapped. */
  void send(RtpPacket source, boolean keyFrame, long nowMillis) {
    if (paused) {
      return;
    }
    int payloadType = payloadTypes[source.payloadType()];
    if (payloadType < 0) {
      return;
    }
    if (!started && producer.parameters().isVideo() && !keyFrame) {
      return; // undecodable before a key frame; the producer asks for one while we wait
    }
    int length = rewrite(source, out, payloadType, seq.output(source.sequenceNumber()));
    if (length > 0 && subscriber.sendRtp(out, 0, length)) {
      started = true; // only now: a key frame the transport refused starts nothing
      packetsSent++;
      octetsSent += length;
    }
  }

  /** The subscriber lost these of our sequence numbers (RTCP generic NACK). */
  void onNack(int sequenceNumber, long nowMillis) {
    if (!started) {
      return;
    }
    int length = producer.retransmission(seq.input(sequenceNumber), retransmission, nowMillis);
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
    int rtxPayloadType = rtxPayloadTypes[payloadType];
    if (rtxPayloadType >= 0 && parameters.rtxSsrc() != 0) {
      // RFC 4588: resend on the RTX stream; out is reused as the source, retransmission as the
      // destination (the original's copy is no longer needed).
      RtpPacket view = outView.wrap(out, 0, rewritten);
      rewritten = RtxPacket.wrap(view, parameters.rtxSsrc(), rtxPayloadType,
          rtxSequenceNumber++ & 0xFFFF, retransmission, 0);
      System.arraycopy(retransmission, 0, out, 0, rewritten);
    }
    if (subscriber.sendRtp(out, 0, rewritten)) {
      nacksAnswered++;
    }
  }

  /** The subscriber asked for a key frame (PLI or FIR). */
  void onKeyFrameRequest(long nowMillis) {
    producer.requestKeyFrame(nowMillis);
  }

  /** Passes the publisher's SR on with this consumer's SSRC and counts (RFC 3550 §6.4.1). */
  void sendSenderReport(long ntpTimestamp, long rtpTimestamp) {
    if (!started) {
      return;
    }
    rtcp.send(subscriber, new SenderReport(parameters.ssrc(), ntpTimestamp, rtpTimestamp,
        packetsSent & 0xFFFFFFFFL, octetsSent & 0xFFFFFFFFL, List.of()));
  }

  /** Writes {@code source} rewritten for the subscriber into {@code destination}; -1 if it won't fit. */
  private int rewrite(RtpPacket source, byte[] destination, int payloadType, int sequenceNumber) {
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
}
