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
 * leave in one burst at the frame's tick (the SFU and Janus see what an unpaced sender does),
 * unless {@link #paced} gives it a {@link Pacer}: then they leave one after another at a
 * multiple of the bitrate, as a browser's pacer sends them (the tag's send time is the time a
 * packet leaves, so the latency measured is still the server's alone).
 * NACKs are not answered: on loopback nothing is lost before the SFU, and the SFU's own
 * retransmissions to subscribers come from its buffer.
 *
 * <p>Simulcast ({@link #simulcast}): three encodings of the clip under SSRCs of their own, each
 * with its own sequence numbers, timestamps, picture ids, key frames (a PLI for its SSRC) and
 * sender reports, at a sixth, two fifths and all of the clip's bitrate (the sizes of a quarter,
 * half and full picture; the frames are the clip's, cut short, so they no longer decode but
 * cost a server the same to forward). All three carry the same stream index in their tags, each
 * with its own packet numbers: a subscriber gets one encoding at a time from the SFU, so its
 * loss is counted on that encoding's numbers.
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
  private final Vp8Packetizer packetizer;
  private final int videoStream;
  private final int audioStream;
  private final long audioSsrc;
  // allocated by this
  private final byte[] packet = new byte[PeerLoop.MAX_DATAGRAM];
  private final CompoundPacketReader rtcp = new CompoundPacketReader();
  private final List<PeerLoop.Timer> timers = new java.util.ArrayList<>();
  /** The video encodings, smallest first: one, or three for simulcast. */
  private final Encoding[] encodings;
  private int audioSeq;
  private int audioPackets;
  private long audioOctets;
  private long audioTimestamp;
  private long keyFrameRequests;
  private volatile long sent;
  /** Null when unpaced; else the video's pacer, drained by {@link #drainPacer}. */
  private Pacer pacer;
  private final Runnable drainPacer = this::drainPacer;
  private PeerLoop.Timer pacerTimer;
  private long pacerOverflows;
  private boolean stopped;

  /** One video encoding: a clip replayed under an SSRC, with its own numbering. */
  private static final class Encoding {
    final VideoClip clip;
    final long ssrc;
    int nextFrame;
    int pictureId;
    int seq;
    int packets;
    long octets;
    long timestamp;

    Encoding(VideoClip clip, long ssrc, java.util.Random random) {
      this.clip = clip;
      this.ssrc = ssrc;
      this.seq = random.nextInt(1 << 16);
      this.pictureId = random.nextInt(1 << 15);
      this.timestamp = random.nextInt() & 0xFFFF_FFFFL;
    }
  }

  /** A publisher of one video encoding, the clip as it is. */
  MediaSource(SyntheticPeer peer, VideoClip clip, Vp8Packetizer packetizer, int videoStream,
      int audioStream, long videoSsrc, long audioSsrc, java.util.Random random) {
    this(peer, List.of(clip), packetizer, videoStream, audioStream, new long[] {videoSsrc},
        audioSsrc, random);
  }

  /** A publisher of {@code clips.size()} video encodings, smallest first. */
  MediaSource(SyntheticPeer peer, List<VideoClip> clips, Vp8Packetizer packetizer,
      int videoStream, int audioStream, long[] videoSsrcs, long audioSsrc,
      java.util.Random random) {
    if (clips.size() != videoSsrcs.length) {
      throw new IllegalArgumentException("one SSRC per encoding");
    }
    this.peer = peer;
    this.packetizer = packetizer;
    this.videoStream = videoStream;
    this.audioStream = audioStream;
    this.audioSsrc = audioSsrc;
    this.encodings = new Encoding[clips.size()];
    for (int i = 0; i < encodings.length; i++) {
      encodings[i] = new Encoding(clips.get(i), videoSsrcs[i], random);
    }
    this.audioSeq = random.nextInt(1 << 16);
    this.audioTimestamp = random.nextInt() & 0xFFFF_FFFFL;
  }

  /**
   * The clip as three simulcast encodings, smallest first: a sixth, two fifths and all of its
   * bitrate at {@link #FPS}.
   */
  static List<VideoClip> simulcast(VideoClip clip) {
    long full = clip.bitsPerSecond(FPS);
    return List.of(clip.atBitrate(full / 6, FPS), clip.atBitrate(full * 2 / 5, FPS), clip);
  }

  /**
   * Before {@link #start}, on any thread: paces the video at {@code factor} times the sum of
   * its encodings' bitrates (libwebrtc's default factor: 2.5), with room for 256 waiting
   * packets (~300 KB, seconds of video; past it a packet leaves at once). Audio stays unpaced.
   */
  MediaSource paced(double factor) {
    if (!(factor > 0)) {
      throw new IllegalArgumentException("a pacing factor is positive, got " + factor);
    }
    long bitrate = 0;
    for (Encoding e : encodings) {
      bitrate += e.clip.bitsPerSecond(FPS);
    }
    pacer = new Pacer(Math.max(1, (long) (factor * bitrate)), 256);
    return this;
  }

  /** Video packets that found the pacer's queue full and left unpaced. */
  long pacerOverflows() {
    return pacerOverflows;
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
      stopped = true;
      if (pacerTimer != null) {
        pacerTimer.cancel();
        pacerTimer = null;
      }
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
    for (Encoding e : encodings) {
      sendFrame(e);
    }
  }

  private void sendFrame(Encoding e) {
    List<byte[]> frames = e.clip.frames();
    byte[] frame = frames.get(e.nextFrame);
    e.nextFrame = e.nextFrame + 1 < frames.size() ? e.nextFrame + 1 : Math.min(1, frames.size() - 1);
    int fragments = packetizer.fragmentCount(frame.length);
    for (int i = 0; i < fragments; i++) {
      int payload = packetizer.writeFragment(frame, i, fragments, e.pictureId, packet,
          RtpHeaderWriter.LENGTH);
      RtpHeaderWriter.write(packet, 0, i == fragments - 1, ClientOffer.VP8_PT, e.seq,
          e.timestamp, e.ssrc);
      int len = RtpHeaderWriter.LENGTH + payload;
      PacketTag.write(packet, len, videoStream, e.packets, System.nanoTime());
      len += PacketTag.LENGTH;
      sendVideo(len);
      e.seq = (e.seq + 1) & 0xFFFF;
      e.packets++;
      e.octets += len - RtpHeaderWriter.LENGTH;
    }
    e.pictureId = (e.pictureId + 1) & 0x7FFF;
    e.timestamp = (e.timestamp + 90_000 / FPS) & 0xFFFF_FFFFL;
    if (pacer != null && pacerTimer == null) {
      drainPacer();
    }
  }

  /** Sends the video packet in {@link #packet} now, or queues it in the pacer. */
  private void sendVideo(int len) {
    if (pacer != null) {
      if (pacer.offer(packet, 0, len, System.nanoTime())) {
        return;
      }
      pacerOverflows++;
    }
    if (peer.sendRtp(packet, 0, len)) {
      sent++;
    }
  }

  /**
   * Sends every paced packet that is due, its tag's send time rewritten to now, and sets one
   * timer for the next. Allocates only that timer (PeerLoop's), one per paced packet.
   */
  private void drainPacer() {
    pacerTimer = null;
    if (stopped) {
      return;
    }
    long now = System.nanoTime();
    while (pacer.headDueNanos() <= now) {
      byte[] buf = pacer.headBuffer();
      int len = pacer.headLength();
      PacketTag.write(buf, len - PacketTag.LENGTH, PacketTag.streamIndex(buf, 0, len),
          PacketTag.packetNumber(buf, 0, len), now);
      if (peer.sendRtp(buf, 0, len)) {
        sent++;
      }
      pacer.poll();
    }
    if (!pacer.isEmpty()) {
      pacerTimer = peer.loop().schedule(pacer.headDueNanos() - now, drainPacer);
    }
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
    for (Encoding e : encodings) {
      sendReport(new SenderReport(e.ssrc, ntp, e.timestamp, e.packets & 0xFFFF_FFFFL,
          e.octets & 0xFFFF_FFFFL, List.of()));
    }
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
        if (rtcp.packetType() != RtcpHeader.PSFB) {
          continue;
        }
        long mediaSsrc = FeedbackMessage.mediaSsrc(buf, rtcp.offset(), rtcp.length());
        for (Encoding e : encodings) {
          if (rtcp.format() == FeedbackMessage.FMT_PLI && mediaSsrc == e.ssrc
              || rtcp.format() == FeedbackMessage.FMT_FIR) {
            keyFrameRequests++;
            e.nextFrame = 0; // the next frame is the key frame
          }
        }
      }
    } catch (WireFormatException e) {
      // a malformed compound packet: what was read before it counted
    }
  }
}
