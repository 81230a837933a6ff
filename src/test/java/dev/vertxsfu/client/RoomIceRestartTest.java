package dev.vertxsfu.client;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vertxsfu.testpeer.DecodedMedia;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ICE restart end to end (docs/protocol.md section 18), with real libwebrtc peers on a whole
 * in-process node: a subscriber reaches the SFU only through a {@link UdpRelay}; the test
 * closes the relay (the path is gone, as after a network change) and opens another on new
 * ports, which the SFU's next descriptions name as its candidate. The subscriber's
 * libwebrtc goes {@code disconnected}, the Java client restarts ICE by itself
 * ({@link IceRestartPolicy}), and video decodes again through the new relay, from a new address
 * as the SFU sees it, on the same socket, client id and subscriptions: no rejoin. Three
 * breaks in a row; each prints the time from the restart's start, and from the break, to
 * the first decoded frame.
 */
class RoomIceRestartTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final int RUNS = 3;
  private InProcessNode node;
  private Vertx vertx;
  private final AtomicReference<UdpRelay> relay = new AtomicReference<>();
  private final List<UdpRelay> relays = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startNode() throws Exception {
    node = InProcessNode.start();
    vertx = node.vertx;
  }

  @AfterEach
  void stopNode() throws Exception {
    for (UdpRelay each : relays) {
      each.close();
    }
    node.close();
  }

  @Test
  void aSubscriberWhosePathBreaksResumesThroughAnIceRestartWithoutRejoining() throws Exception {
    try (SfuWebSocketClient alice = client(); SfuWebSocketClient bob = client()) {
      get(alice.connect());
      CompletableFuture<LocalTrack> camera = alice.publishCamera(320, 240);
      get(alice.join("room", "alice"));
      TrackInfo track = get(camera).asSeenBy(alice.clientId());

      bob.rewriteRemoteDescriptions(sdp -> relayFor(sdp).rewrite(sdp));
      get(bob.connect());
      get(bob.join("room", "bob"));
      get(bob.firstNegotiation());
      get(bob.events().peerConnected());
      await().atMost(TIMEOUT).until(() -> bob.events().available().contains(track));
      get(bob.subscribe(List.of(track)));
      await().atMost(TIMEOUT).until(() -> bob.decoded(track).isPresent());
      DecodedMedia media = bob.decoded(track).orElseThrow();
      await().atMost(TIMEOUT).until(() -> media.frames() >= 30);
      String clientId = bob.clientId();

      for (int run = 1; run <= RUNS; run++) {
        UdpRelay broken = relay.get();
        UdpRelay next = UdpRelay.open(vertx, sfuPort);
        relays.add(next);
        long breakAt = System.nanoTime();
        broken.close();
        relay.set(next); // the SFU's next descriptions name the new relay

        int restartsBefore = run - 1;
        await().atMost(TIMEOUT).until(() -> bob.events().iceRestartsStarted().size() > restartsBefore);
        CompletableFuture<Long> resumed = media.nextFrame();
        long restartAt = bob.events().iceRestartsStarted().get(restartsBefore);
        int framesBefore = media.frames();
        long resumedAt = resumed.get(TIMEOUT.toSeconds(), SECONDS);
        await().atMost(TIMEOUT).until(() -> media.frames() >= framesBefore + 15);

        System.out.printf(Locale.ROOT, "ICE restart run %d: path broken to restart %d ms, "
            + "restart to first decoded frame %d ms, path broken to first frame %d ms%n", run,
            (restartAt - breakAt) / 1_000_000, (resumedAt - restartAt) / 1_000_000,
            (resumedAt - breakAt) / 1_000_000);
        assertThat(next.datagramsFromSfu()).as("the SFU sends to the relay's new address")
            .isPositive();
        assertThat(next.backPort()).isNotEqualTo(broken.backPort());
      }

      assertThat(bob.clientId()).as("the same session, no rejoin").isEqualTo(clientId);
      assertThat(bob.events().iceRestartsExhausted()).isNotDone();
      assertThat(bob.events().roomMoved()).isNotDone();
      assertThat(bob.socketClosed()).isNotDone();
      assertThat(bob.events().errors()).isEmpty();
      assertThat(alice.events().clientsLeft()).isEmpty();
      assertThat(bob.events().iceRestartsStarted()).hasSize(RUNS);
    }
  }

  /** The room's UDP port, read from the SFU's first answer to the subscriber. */
  private volatile int sfuPort = -1;

  /** The relay the subscriber goes through; the first is opened at the SFU's first answer. */
  private UdpRelay relayFor(String sfuDescription) {
    return relay.updateAndGet(current -> {
      if (current != null) {
        return current;
      }
      try {
        sfuPort = UdpRelay.sfuPort(sfuDescription);
        UdpRelay first = UdpRelay.open(vertx, sfuPort);
        relays.add(first);
        return first;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private SfuWebSocketClient client() {
    return new SfuWebSocketClient(vertx, "127.0.0.1", node.port, 320, 240);
  }

  private static <T> T get(CompletableFuture<T> future) throws Exception {
    return future.get(TIMEOUT.toSeconds(), SECONDS);
  }
}
