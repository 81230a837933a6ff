package dev.vertxsfu.bench;

import dev.vertxsfu.media.router.ConsumerParameters;
import dev.vertxsfu.media.router.Producer;
import dev.vertxsfu.media.router.ProducerParameters;
import dev.vertxsfu.media.router.Router;
import dev.vertxsfu.media.transport.MediaSender;
import dev.vertxsfu.wire.rtp.codec.VideoCodec;
import dev.vertxsfu.wire.srtp.SrtpContext;
import dev.vertxsfu.wire.srtp.SrtpProfile;
import dev.vertxsfu.wire.srtp.SrtpSessionKeys;
import java.util.*;

/**
 * Heap a router holds per subscriber stream, without sockets, DTLS or signaling: the media graph
 * of the harness's scenarios (rooms of four, or one publisher fanned out), fed three seconds of
 * a ~1.1 Mbit/s camera (1,216-byte packets every 11 ms) and 20 ms audio on a fake clock, each
 * subscriber with GCM SRTP contexts per stream. Live heap from {@code jcmd GC.class_histogram}
 * (a full GC, then a count of live objects) before and after. Not a test: run by hand,
 * {@code java -cp <test class path> dev.vertxsfu.bench.RouterHeapProbe rooms 8} or
 * {@code ... fanout 1 160}.
 */
public class RouterHeapProbe {
  static final class Sender implements MediaSender {
    final Map<Long, SrtpContext> contexts = new HashMap<>();
    final SrtpSessionKeys keys;
    Sender(SrtpSessionKeys keys) { this.keys = keys; }
    static long sent;
    public boolean sendRtp(byte[] b, int off, int len) {
      sent++;
      long ssrc = ((b[off + 8] & 0xFFL) << 24) | ((b[off + 9] & 0xFF) << 16) | ((b[off + 10] & 0xFF) << 8) | (b[off + 11] & 0xFF);
      SrtpContext c = contexts.computeIfAbsent(ssrc, s -> new SrtpContext(keys));
      byte[] copy = Arrays.copyOfRange(b, off, off + len + 16);
      c.protect(copy, 0, len);
      return true;
    }
    public boolean sendRtcp(byte[] b, int off, int len) { return true; }
    public boolean isConnected() { return true; }
  }

  public static void main(String[] args) throws Exception {
    String scenario = args[0];
    int rooms = Integer.parseInt(args[1]);
    Random random = new Random(1);
    byte[] key = new byte[16]; byte[] salt = new byte[12];
    SrtpSessionKeys keys = SrtpSessionKeys.derive(SrtpProfile.SRTP_AEAD_AES_128_GCM, key, salt);
    long before = live();
    List<Object> keep = new ArrayList<>();
    int streams = 0;
    for (int r = 0; r < rooms; r++) {
      Router router = new Router(random);
      keep.add(router);
      int publishers = scenario.equals("rooms") ? 4 : 1;
      int subscribers = scenario.equals("rooms") ? 4 : Integer.parseInt(args[2]);
      Sender[] pubs = new Sender[publishers];
      Producer[][] producers = new Producer[publishers][2];
      for (int p = 0; p < publishers; p++) {
        pubs[p] = new Sender(keys);
        producers[p][0] = router.createProducer(new ProducerParameters("v" + p, "video", "0", 1000 + p, 0,
            Map.of(96, 90_000), Map.of(), Map.of(96, VideoCodec.VP8), 0, 0, false), pubs[p]);
        producers[p][1] = router.createProducer(new ProducerParameters("a" + p, "audio", "1", 2000 + p, 0,
            Map.of(111, 48_000), Map.of(), Map.of(), 0, 0, false), pubs[p]);
      }
      for (int s = 0; s < subscribers; s++) {
        Sender sub = new Sender(keys);
        keep.add(sub);
        for (int p = 0; p < publishers; p++) {
          if (scenario.equals("rooms") && p == s) continue;
          for (int k = 0; k < 2; k++) {
            router.createConsumer(producers[p][k], new ConsumerParameters("c" + s + p + k, 5000 + s * 100 + p * 2 + k, 0,
                Map.of(k == 0 ? 96 : 111, k == 0 ? 96 : 111), Map.of(), Map.of(), 0, "m" + k), sub, 0);
            streams++;
          }
        }
      }
      byte[] packet = new byte[1500];
      int[] vseq = new int[publishers]; int[] aseq = new int[publishers];
      for (long t = 0; t < 3000; t++) {
        for (int p = 0; p < publishers; p++) {
          if (t % 11 == 0) { write(packet, 96, vseq[p]++, 1000 + p, vseq[p] == 1); router.onRtp(pubs[p], packet, 0, 1216, t); }
          if (t % 20 == 0) { write(packet, 111, aseq[p]++, 2000 + p, false); router.onRtp(pubs[p], packet, 0, 60, t); }
        }
      }
    }
    long after = live();
    System.out.printf("%s: %d subscriber streams, %.1f KB per stream%n", scenario, streams, (after - before) / 1024.0 / streams);
    System.out.println(keep.size() + " sent " + Sender.sent);
  }

  static void write(byte[] p, int pt, int seq, long ssrc, boolean key) {
    p[0] = (byte) 0x80; p[1] = (byte) pt; p[2] = (byte) (seq >> 8); p[3] = (byte) seq;
    p[4] = (byte) (seq >> 8); p[5] = (byte) seq; p[6] = 0; p[7] = 0;
    p[8] = (byte) (ssrc >> 24); p[9] = (byte) (ssrc >> 16); p[10] = (byte) (ssrc >> 8); p[11] = (byte) ssrc;
    p[12] = 0x10; p[13] = (byte) (key ? 0x50 : 0x51);
    if (key) { p[14] = (byte) 0x9d; p[15] = 0x01; p[16] = 0x2a; p[17] = (byte) 0x80; p[18] = 0x02; p[19] = 0x68; p[20] = 0x01; }
  }

  static long live() throws Exception {
    Process p = new ProcessBuilder("jcmd", "" + ProcessHandle.current().pid(), "GC.class_histogram").start();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor();
    for (String line : out.split("\n")) if (line.startsWith("Total")) return Long.parseLong(line.trim().split("\\s+")[2]);
    return -1;
  }
}
