package dev.vertxsfu.client;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vertxsfu.testpeer.DecodedMedia;
import dev.vertxsfu.wire.stun.StunMessageBuilder;
import dev.vertxsfu.wire.stun.StunMessageType;
import dev.vertxsfu.wire.tcp.Rfc4571;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ICE-TCP end to end (RFC 6544, RFC 4571) on a whole in-process node with {@code media.tcp-port}
 * set: libwebrtc clients that see only the SFU's passive TCP candidates (the UDP ones are cut
 * out of every description they receive) connect over TCP, publish and subscribe, and the
 * subscriber decodes the video. Connections that send garbage, an oversize frame, a check for
 * no client, a forged check, or nothing at all are closed and counted by reason, while the call
 * goes on. Prints join-to-connected over UDP and over TCP.
 */
class IceTcpClientTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Pattern UDP_CANDIDATE =
      Pattern.compile("(?m)^a=candidate:\\S+ \\d+ (?i:udp) .*\\r?\\n");
  private static final Pattern TCP_CANDIDATE =
      Pattern.compile("(?m)^a=candidate:\\S+ \\d+ (?i:tcp) .* tcptype passive.*$");
  private static final Pattern UFRAG = Pattern.compile("(?m)^a=ice-ufrag:(\\S+)");

  private InProcessNode node;
  private Vertx vertx;
  private int tcpPort;

  @BeforeEach
  void startNode() throws Exception {
    try (ServerSocket probe = new ServerSocket(0)) {
      tcpPort = probe.getLocalPort();
    }
    node = InProcessNode.start(Map.of("SFU_MEDIA_TCP_PORT", Integer.toString(tcpPort)));
    vertx = node.vertx;
  }

  @AfterEach
  void stopNode() throws Exception {
    node.close();
  }

  @Test
  void clientsThatSeeOnlyTcpCandidatesPublishAndSubscribeOverIceTcp() throws Exception {
    AtomicReference<String> aliceSdp = new AtomicReference<>();
    try (SfuWebSocketClient alice = tcpOnly(aliceSdp);
        SfuWebSocketClient bob = tcpOnly(new AtomicReference<>());
        SfuWebSocketClient carol = udp()) {
      get(alice.connect());
      CompletableFuture<LocalTrack> camera = alice.publishCamera(320, 240);
      long aliceJoin = System.nanoTime();
      get(alice.join("room", "alice"));
      TrackInfo track = get(camera).asSeenBy(alice.clientId());
      get(alice.events().peerConnected());
      long aliceConnectedMs = (System.nanoTime() - aliceJoin) / 1_000_000;

      assertThat(TCP_CANDIDATE.matcher(aliceSdp.get()).find())
          .as("the SFU announces passive TCP candidates").isTrue();
      assertThat(UDP_CANDIDATE.matcher(aliceSdp.get()).find()).isFalse();

      get(bob.connect());
      long bobJoin = System.nanoTime();
      get(bob.join("room", "bob"));
      get(bob.events().peerConnected());
      long bobConnectedMs = (System.nanoTime() - bobJoin) / 1_000_000;
      await().atMost(TIMEOUT).until(() -> bob.events().available().contains(track));
      get(bob.subscribe(List.of(track)));
      await().atMost(TIMEOUT).until(() -> bob.decoded(track).isPresent());
      DecodedMedia media = bob.decoded(track).orElseThrow();
      await().atMost(TIMEOUT).until(() -> media.frames() >= 30);

      get(carol.connect());
      long carolJoin = System.nanoTime();
      get(carol.join("room", "carol"));
      get(carol.events().peerConnected());
      long carolConnectedMs = (System.nanoTime() - carolJoin) / 1_000_000;

      Map<String, Long> closes = closes();
      assertThat(closes.get("handed_over")).as("alice's and bob's connections reached the room")
          .isGreaterThanOrEqualTo(2);
      System.out.printf(Locale.ROOT, "join to connected: ICE-TCP %d ms (publisher), %d ms "
          + "(subscriber); UDP %d ms%n", aliceConnectedMs, bobConnectedMs, carolConnectedMs);

      // attacks on the node's ICE-TCP port, while bob watches alice over TCP
      int framesBefore = media.frames();
      assertClosed(send(new byte[] {'G', 'E', 'T', ' ', '/', ' ', 'H', 'T', 'T', 'P'}));
      assertClosed(send(new byte[] {(byte) 0xFF, (byte) 0xFF, 1, 2, 3}));
      assertClosed(send(frame(check("noSuchUfrag1"))));
      String aliceUfrag = ufrag(aliceSdp.get());
      try (Socket forged = connect(); Socket silent = connect();
          Socket oversize = connect()) {
        forged.getOutputStream().write(frame(check(aliceUfrag))); // no valid integrity
        oversize.getOutputStream().write(frame(check(aliceUfrag)));
        await().atMost(TIMEOUT).until(() -> closes().getOrDefault("handed_over", 0L)
            >= closes.get("handed_over") + 2);
        oversize.getOutputStream().write(new byte[] {(byte) 0x20, 0, 1, 2, 3}); // 8,192 octets
        assertClosed(oversize);
        assertClosed(forged); // never checked within 5 s
        assertClosed(silent); // never sent a first frame
      }
      await().atMost(TIMEOUT).until(() -> {
        Map<String, Long> now = closes();
        return now.getOrDefault("bad_first_frame", 0L) == 2
            && now.getOrDefault("unknown_ufrag", 0L) == 1
            && now.getOrDefault("first_check_timeout", 0L) == 1
            && now.getOrDefault("bad_framing", 0L) == 1
            && now.getOrDefault("no_valid_check", 0L) == 1;
      });
      System.out.println("ICE-TCP closes by reason: " + closes());
      await().atMost(TIMEOUT).until(() -> media.frames() >= framesBefore + 60);
      assertThat(alice.events().clientsLeft()).isEmpty();
      assertThat(bob.events().errors()).isEmpty();
    }
  }

  private SfuWebSocketClient tcpOnly(AtomicReference<String> lastSfuDescription) {
    return SfuWebSocketClient.withIceTcp(vertx, "127.0.0.1", node.port, 320, 240)
        .rewriteRemoteDescriptions(sdp -> {
          String tcpOnly = UDP_CANDIDATE.matcher(sdp).replaceAll("");
          lastSfuDescription.set(tcpOnly);
          return tcpOnly;
        });
  }

  private SfuWebSocketClient udp() {
    return new SfuWebSocketClient(vertx, "127.0.0.1", node.port, 320, 240);
  }

  private Map<String, Long> closes() throws Exception {
    return node.node.rooms().iceTcpCloses().toCompletionStage().toCompletableFuture()
        .get(10, SECONDS);
  }

  private static String ufrag(String sdp) {
    Matcher matcher = UFRAG.matcher(sdp);
    assertThat(matcher.find()).isTrue();
    return matcher.group(1);
  }

  /** A Binding request naming {@code sfuUfrag}, without MESSAGE-INTEGRITY a room would accept. */
  private static byte[] check(String sfuUfrag) {
    return new StunMessageBuilder()
        .start(StunMessageType.BINDING_REQUEST, new byte[12], 0)
        .username(sfuUfrag + ":attacker")
        .priority(1)
        .fingerprint()
        .toByteArray();
  }

  private static byte[] frame(byte[] packet) {
    return Rfc4571.frame(packet, 0, packet.length);
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", tcpPort), 5_000);
    socket.setSoTimeout((int) TIMEOUT.toMillis());
    return socket;
  }

  private Socket send(byte[] bytes) throws IOException {
    Socket socket = connect();
    socket.getOutputStream().write(bytes);
    socket.getOutputStream().flush();
    return socket;
  }

  /** The node closes {@code socket}: a read ends the stream (or the connection resets). */
  private static void assertClosed(Socket socket) throws IOException {
    try (socket; InputStream in = socket.getInputStream()) {
      byte[] buf = new byte[4096];
      int read;
      do {
        read = in.read(buf);
      } while (read > 0);
      assertThat(read).as("end of stream").isEqualTo(-1);
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the node did not close the connection", e);
    } catch (java.net.SocketException reset) {
      // closed with a reset: closed all the same
    }
  }

  private static <T> T get(CompletableFuture<T> future) throws Exception {
    return future.get(TIMEOUT.toSeconds(), SECONDS);
  }
}
