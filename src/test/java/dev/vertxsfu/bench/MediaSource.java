package dev.vertxsfu.bench;

import dev.vertxsfu.wire.WireFormatException;
import dev.vertxsfu.wire.rtcp.CompoundPacketReader;
import dev.vertxsfu.wire.rtcp.FeedbackMessage;
import dev.vertxsfu.wire.rtcp.RtcpHeader;
import dev.vertxsfu.wire.rtcp.SenderReport;
import java.util.List;

/**
 * A publisher's media: replays a pre-encoded VP8 {@link VideoClip} at 30 fps and a 20 ms Opus
 * frame every 20 ms, without encoding anything, through its {@link SyntheticPeer}.
 *
 * <p>Video: frame 0 (the clip's key frame) first; then frames 1..n-1 in a loop, so the stream
 * has the clip's bitrate and a key frame only at the start and when asked: a PLI or FIR for
 * our SSRC makes the next frame the key frame again. The bitrate is the clip's (the
 * recorder's encoder chose it, {@link VideoClip#atBitrate} resizes it); the packet size is
 * {@code maxPayload}. Each frame's packets
 * leave in one burst at the frame's tick (the SFU and Janus see what an unpaced sender does).
 * NACKs are not answered: on loopback nothing is lost before the SFU, and the SFU's own
 * retransmissions to subscribers come from its buffer.
 *
 * <p>Audio: the 3-byte Opus silence frame {@code F8 FF FE} (CELT, full band, 20 ms) in every
 * packet. Every payload ends with a {@link PacketTag}. An RTCP SR per stream every second.
 *
 * <p>Threads: the peer's {@link PeerLoop} runs everything; {@link #start} and {@link #stop}
 * post to it. Counters are read by the harness from that loop, or racy-but-monotonic from
 * others.
 */
final class MediaSource implements SyntheticPeer.MediaListener {
  static final int FPS = 30;
  private static final long FRAME_NANOS = 1_000_000_000L / FPS;
  private static final long AUDIO_NANOS = 20_000_000L;
  private static final byte[] OPUS_SILENCE = {(byte) 0xF8, (byte) 0xFF, (byte) 0xFE};
  /** Seconds from 1900 (NTP) to 1970 (Unix). */
  private static final long NTP_EPOCH_OFFSET = 2_208_988_800L;

  // passed by argument
  private final SyntheticPeer peer;
  private final VideoClip clip;
  private final Vp8Packetizer packetizer;
  private final int videoStream;
  private final int audioStream;
  private final long videoSsrc;
  private final long audioSsrc;
  // allocated by this
  private final byte[] packet = new byte[PeerLoop.MAX_DATAGRAM];
  private final CompoundPacketReader rtcp = new CompoundPacketReader();
  private final List<PeerLoop.Timer> timers = new java.util.ArrayList<>();
  private int nextFrame;
  private int pictureId;
  private int videoSeq;
  private int audioSeq;
  private int videoPackets;
  private int audioPackets;
  private long videoOctets;
  private long audioOctets;
  private long videoTimestamp;
  private long audioTimestamp;
  private long keyFrameRequests;
  private volatile long sent;

  MediaSource(SyntheticPeer peer, VideoClip clip, Vp8Packetizer packetizer, int videoStream,
      int audioStream, long videoSsrc, long audioSsrc, java.util.Random random) {
    this.peer = peer;
    this.clip = clip;
    this.packetizer = packetizer;
    this.videoStream = videoStream;
    this.audioStream = audioStream;
    this.videoSsrc = videoSsrc;
    this.audioSsrc = audioSsrc;
    this.videoSeq = random.nextInt(1 << 16);
    this.audioSeq = random.nextInt(1 << 16);
    this.pictureId = random.nextInt(1 << 15);
    this.videoTimestamp = random.nextInt() & 0xFFFF_FFFFL;
    this.audioTimestamp = random.nextInt() & 0xFFFF_FFFFL;
  }

  /** Any thread: starts sending (with a key frame) on the peer's loop. */
  void start() {
    peer.loop().execute(() -> {
      peer.setListener(this);
      sendFrame();
      sendAudio();
      timers.add(peer.loop().periodic(FRAME_NANOS, this::sendFrame));
      timers.add(peer.loop().periodic(AUDIO_NANOS, this::sendAudio));
      timers.add(peer.loop().periodic(1_000_000_000L, this::sendReports));
    });
  }

  /** Any thread: stops sending. */
  void stop() {
    peer.loop().execute(() -> {
      timers.forEach(PeerLoop.Timer::cancel);
      timers.clear();
    });
  }

  /** RTP packets sent so far (both streams). */
  long packetsSent() {
    return sent;
  }

  long keyFrameRequests() {
    return keyFrameRequests;
  }

  private void sendFrame() {
    byte[] frame = clip.frames().get(nextFrame);
    nextFrame = nextFrame + 1 < clip.frames().size() ? nextFrame + 1
        : Math.min(1, clip.frames().size() - 1);
    int fragments = packetizer.fragmentCount(frame.length);
    for (int i = 0; i < fragments; i++) {
      int payload = packetizer.writeFragment(frame, i, fragments, pictureId, packet,
          RtpHeaderWriter.LENGTH);
      RtpHeaderWriter.write(packet, 0, i == fragments - 1, ClientOffer.VP8_PT, videoSeq,
          videoTimestamp, videoSsrc);
      int len = RtpHeaderWriter.LENGTH + payload;
      PacketTag.write(packet, len, videoStream, videoPackets, System.nanoTime());
      len += PacketTag.LENGTH;
      if (peer.sendRtp(packet, 0, len)) {
        sent++;
      }
      videoSeq = (videoSeq + 1) & 0xFFFF;
      videoPackets++;
      videoOctets += len - RtpHeaderWriter.LENGTH;
    }
    pictureId = (pictureId + 1) & 0x7FFF;
    videoTimestamp = (videoTimestamp + 90_000 / FPS) & 0xFFFF_FFFFL;
  }

  private void sendAudio() {
    RtpHeaderWriter.write(packet, 0, false, ClientOffer.OPUS_PT, audioSeq, audioTimestamp,
        audioSsrc);
    int len = RtpHeaderWriter.LENGTH;
    System.arraycopy(OPUS_SILENCE, 0, packet, len, OPUS_SILENCE.length);
    len += OPUS_SILENCE.length;
    PacketTag.write(packet, len, audioStream, audioPackets, System.nanoTime());
    len += PacketTag.LENGTH;
    if (peer.sendRtp(packet, 0, len)) {
      sent++;
    }
    audioSeq = (audioSeq + 1) & 0xFFFF;
    audioPackets++;
    audioOctets += len - RtpHeaderWriter.LENGTH;
    audioTimestamp = (audioTimestamp + 960) & 0xFFFF_FFFFL;
  }

  private void sendReports() {
    long millis = System.currentTimeMillis();
    long ntp = ((millis / 1000 + NTP_EPOCH_OFFSET) << 32)
        | (((millis % 1000) << 32) / 1000);
    sendReport(new SenderReport(videoSsrc, ntp, videoTimestamp, videoPackets & 0xFFFF_FFFFL,
        videoOctets & 0xFFFF_FFFFL, List.of()));
    sendReport(new SenderReport(audioSsrc, ntp, audioTimestamp, audioPackets & 0xFFFF_FFFFL,
        audioOctets & 0xFFFF_FFFFL, List.of()));
  }

  private void sendReport(SenderReport report) {
    int len = report.write(packet, 0);
    peer.sendRtcp(packet, 0, len);
  }

  @Override
  public void onRtp(byte[] buf, int off, int len, long arrivalNanos) {
    // a publisher receives no media
  }

  @Override
  public void onRtcp(byte[] buf, int off, int len, long arrivalNanos) {
    try {
      rtcp.wrap(buf, off, len);
      while (rtcp.next()) {
        if (rtcp.packetType() == RtcpHeader.PSFB && (rtcp.format() == FeedbackMessage.FMT_PLI
            && FeedbackMessage.mediaSsrc(buf, rtcp.offset(), rtcp.length()) == videoSsrc
            || rtcp.format() == FeedbackMessage.FMT_FIR)) {
          keyFrameRequests++;
          nextFrame = 0; // the next frame is the key frame
        }
      }
    } catch (WireFormatException e) {
      // a malformed compound packet: what was read before it counted
    }
  }
}
