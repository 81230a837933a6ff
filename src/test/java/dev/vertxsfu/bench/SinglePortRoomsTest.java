package dev.vertxsfu.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vertxsfu.room.SharedMediaPorts;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Single-port mode ({@code media.udp-port}) at the size: a node whose Vert.x has one
 * event loop, so one UDP port, carries 50 rooms, each with a synthetic publisher (the VP8 clip
 * and Opus, no codecs) and a subscriber, over real loopback sockets through the node's own
 * signaling. Every peer of every room talks to that one port; every subscriber receives its
 * own room's publisher, and nothing of another room's.
 */
class SinglePortRoomsTest {
  private static final int ROOMS = 50;

  @Test
  void fiftyRoomsOnOnePortEachForwardTheirOwnPublisherOnly() throws Exception {
    try (VertxSfuTarget sfu = VertxSfuTarget.inProcessSinglePort(1)) {
      sfu.start();
      SharedMediaPorts ports = sfu.node().rooms().sharedPorts();
      assertThat(ports.ports()).hasSize(1);
      int port = ports.ports().get(0);
      // a light stream per publisher: the point is 100 transports on one port, not bitrate
      VideoClip clip = LoadRun.defaultClip().atBitrate(150_000, MediaSource.FPS);
      try (LoadRun run = new LoadRun(sfu, clip, 2, 1200, ROOMS)) {
        for (int room = 0; room < ROOMS; room++) {
          BenchTarget.Publication publisher = run.addPublisher("room-" + room);
          assertThat(publisher.index()).isEqualTo(room);
          run.addSubscriber("room-" + room, "sub-" + room, List.of(publisher));
        }
        assertThat(run.serverAddresses()).extracting(InetSocketAddress::getPort)
            .containsOnly(port);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
            run.packetsPerSubscriber()).allSatisfy(n -> assertThat(n).isGreaterThan(100)));
        List<Set<Integer>> streams = run.streamsPerSubscriber();
        List<Set<Integer>> expected = new ArrayList<>();
        for (int room = 0; room < ROOMS; room++) {
          expected.add(Set.of(2 * room, 2 * room + 1)); // its publisher's video and audio
        }
        assertThat(streams).isEqualTo(expected);
        long[] refused = ports.refusals().toCompletionStage().toCompletableFuture()
            .get(5, TimeUnit.SECONDS);
        System.out.printf("50 rooms on UDP port %d: %d packets received by the subscribers; "
            + "the port refused %d unknown-ufrag, %d unmatched-tuple, %d malformed datagrams%n",
            port, run.packetsReceived(), refused[0], refused[1], refused[2]);
      }
    }
  }
}
