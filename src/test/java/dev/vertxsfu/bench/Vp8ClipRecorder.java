package dev.vertxsfu.bench;

import dev.vertxsfu.client.LocalTrack;
import dev.vertxsfu.client.SfuWebSocketClient;
import dev.vertxsfu.media.dtls.DtlsCertificate;
import dev.vertxsfu.wire.rtcp.PictureLossIndication;
import dev.vertxsfu.wire.rtp.codec.Vp8PayloadDescriptor;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Makes the VP8 clip the load generator replays ({@code src/test/resources/bench/clip.ivf}):
 * a real libwebrtc encoder (webrtc-java, the project's test peer, publishing its synthetic
 * camera through an in-process SFU) and one {@link SyntheticPeer} subscriber that
 * depacketizes what arrives (RFC 7741) and, after a warm-up that lets libwebrtc's bandwidth
 * estimate climb, asks for a key frame (PLI) and keeps that frame and the ones after it.
 *
 * <p>Run on demand, never by the suite: {@code bench/run.sh record-clip}. Arguments: output
 * path, width, height, frames to keep (defaults: the resource, 640, 360, 45: 1.5 s, which
 * keeps the resource under 300 KB at the ~1.4 Mbit/s libwebrtc reaches).
 */
public final class Vp8ClipRecorder {
  private Vp8ClipRecorder() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "src/test/resources/bench/clip.ivf");
    int width = args.length > 1 ? Integer.parseInt(args[1]) : 640;
    int height = args.length > 2 ? Integer.parseInt(args[2]) : 360;
    int frameCount = args.length > 3 ? Integer.parseInt(args[3]) : 45;
    VertxSfuTarget sfu = VertxSfuTarget.inProcess();
    PeerLoop loop = new PeerLoop("recorder-loop");
    var blocking = Executors.newCachedThreadPool();
    try (sfu; loop; SfuWebSocketClient camera = new SfuWebSocketClient("127.0.0.1",
        startAndPort(sfu))) {
      camera.connect().get(10, TimeUnit.SECONDS);
      camera.join("clip", "camera").get(10, TimeUnit.SECONDS);
      LocalTrack video = camera.publishCamera(width, height).get(10, TimeUnit.SECONDS);
      LocalTrack audio = camera.publishMicrophone().get(10, TimeUnit.SECONDS);
      DtlsCertificate certificate =
          DtlsCertificate.generate(new SecureRandom(), Instant.now(), Duration.ofDays(1));
      SyntheticPeer peer = SyntheticPeer.open(loop, certificate, blocking, new SecureRandom())
          .get(10, TimeUnit.SECONDS);
      Capture capture = new Capture(peer, frameCount);
      loop.execute(() -> peer.setListener(capture));
      BenchTarget.Publication publication = new BenchTarget.Publication(0, camera.clientId(),
          video.trackId(), audio.trackId(), -1);
      retry(() -> sfu.subscribe("clip", "recorder", peer, List.of(publication)));
      peer.connected().get(10, TimeUnit.SECONDS);
      System.out.println("warming up libwebrtc's encoder and bandwidth estimate for 8 s");
      TimeUnit.SECONDS.sleep(8);
      loop.execute(capture::requestKeyFrame);
      List<byte[]> frames = capture.frames.get(30, TimeUnit.SECONDS);
      byte[] ivf = IvfWriter.write(width, height, MediaSource.FPS, frames);
      Files.createDirectories(out.toAbsolutePath().getParent());
      Files.write(out, ivf);
      VideoClip clip = IvfReader.read(ivf);
      System.out.printf("wrote %s: %d frames, %d bytes, %d kbit/s at 30 fps%n", out,
          frames.size(), ivf.length, clip.bitsPerSecond(MediaSource.FPS) / 1000);
    } finally {
      blocking.shutdownNow();
    }
    System.exit(0);
  }

  private static int startAndPort(VertxSfuTarget sfu) throws Exception {
    sfu.start();
    return sfu.httpPort();
  }

  /** The camera's tracks need their source named before they can be subscribed to. */
  private static void retry(java.util.concurrent.Callable<CompletableFuture<Void>> attempt)
      throws Exception {
    for (int i = 0; ; i++) {
      try {
        attempt.call().get(10, TimeUnit.SECONDS);
        return;
      } catch (Exception e) {
        if (i == 20) {
          throw e;
        }
        TimeUnit.MILLISECONDS.sleep(250);
      }
    }
  }

  /** Depacketizes VP8 (RFC 7741) on the peer's loop; keeps whole frames from a key frame on. */
  private static final class Capture implements SyntheticPeer.MediaListener {
    final CompletableFuture<List<byte[]>> frames = new CompletableFuture<>();
    private final SyntheticPeer peer;
    private final int wanted;
    private final List<byte[]> kept = new ArrayList<>();
    private final ByteArrayOutputStream frame = new ByteArrayOutputStream();
    private long videoSsrc = -1;
    private int lastSeq = -1;
    private boolean capturing;
    private boolean frameBroken;

    Capture(SyntheticPeer peer, int wanted) {
      this.peer = peer;
      this.wanted = wanted;
    }

    void requestKeyFrame() {
      capturing = true;
      if (videoSsrc >= 0) {
        byte[] pli = new byte[64];
        int len = new PictureLossIndication(1, videoSsrc).write(pli, 0);
        peer.sendRtcp(pli, 0, len);
      }
    }

    @Override
    public void onRtp(byte[] buf, int off, int len, long arrivalNanos) {
      int payloadType = buf[off + 1] & 0x7F;
      int cc = buf[off] & 0x0F;
      int header = 12 + 4 * cc;
      if ((buf[off] & 0x10) != 0) {
        header += 4 + 4 * (((buf[off + header + 2] & 0xFF) << 8) | (buf[off + header + 3] & 0xFF));
      }
      int payloadLength = len - header;
      if ((buf[off] & 0x20) != 0) {
        payloadLength -= buf[off + len - 1] & 0xFF;
      }
      int descriptor = Vp8PayloadDescriptor.length(buf, off + header, payloadLength);
      if (descriptor < 0 || payloadType == 111 || payloadLength <= descriptor) {
        return; // audio, padding or RTX
      }
      videoSsrc = SrtpStreams.ssrc(buf, off + 8) & 0xFFFF_FFFFL;
      int seq = ((buf[off + 2] & 0xFF) << 8) | (buf[off + 3] & 0xFF);
      boolean start = (buf[off + header] & 0x10) != 0;
      boolean marker = (buf[off + 1] & 0x80) != 0;
      if (start) {
        frame.reset();
        frameBroken = false;
      } else if (lastSeq < 0 || seq != ((lastSeq + 1) & 0xFFFF)) {
        frameBroken = true;
      }
      lastSeq = seq;
      frame.write(buf, off + header + descriptor, payloadLength - descriptor);
      if (!marker || frameBroken || !capturing || frames.isDone()) {
        return;
      }
      byte[] complete = frame.toByteArray();
      if (kept.isEmpty() && !VideoClip.isKeyFrame(complete)) {
        return; // wait for the key frame the PLI asked for
      }
      kept.add(complete);
      if (kept.size() == wanted) {
        frames.complete(List.copyOf(kept));
      }
    }

    @Override
    public void onRtcp(byte[] buf, int off, int len, long arrivalNanos) {
    }
  }
}
