package dev.vertxsfu.signaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 11, item 1: a client that never reads while its room keeps sending must not make the
 * node queue without end. Past {@code signaling.max-write-queue-bytes} of unflushed frames the
 * node closes it (1013), lets it out of its room at once, and drops the TCP connection within
 * the idle timeout even though the client never reads its close frame; the other clients are
 * served throughout.
 */
@ExtendWith(VertxExtension.class)
class SlowReaderTest {
  private static final Logger LOG = Logger.getLogger(SlowReaderTest.class.getName());
  private static final int LIMIT_BYTES = 256 * 1024;
  private static final int IDLE_SECONDS = 3;
  /** What the test offers to write at most: far past the limit and the kernel's buffers. */
  private static final long PUMP_AT_MOST_BYTES = 64L * 1024 * 1024;

  @Test
  void aClientThatNeverReadsIsClosedAndCostsTheNodeNoMoreThanItsLimit(Vertx vertx)
      throws Exception {
    FakeRoom room = FakeRoom.start(vertx, "r1");
    SignalingVerticle signaling = Signaling.deploy(vertx, Map.of(
        "SFU_SIGNALING_MAX_WRITE_QUEUE_BYTES", Integer.toString(LIMIT_BYTES),
        "SFU_HTTP_IDLE_TIMEOUT_SECONDS", Integer.toString(IDLE_SECONDS),
        "SFU_SIGNALING_PING_INTERVAL_SECONDS", "1"));
    TestSocket other = TestSocket.connect(vertx, signaling.actualPort());
    other.join("r1");
    other.next(); // the join's two events
    other.next();
    room.nextRequest();
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long heapBefore = heapAfterGc(memory);

    try (RawWebSocket stalled = RawWebSocket.connect(signaling.actualPort())) {
      stalled.sendText(new JsonObject().put("type", "join").put("id", "j").put("room", "r1")
          .encode());
      JsonObject join = room.nextRequest();
      String events = join.getString("events");
      String clientId = join.getString("clientId");
      JsonObject busy = new JsonObject().put("type", "busy").put("payload", "x".repeat(60_000));
      long eventBytes = busy.encode().length();
      long[] pumped = {0};

      // The room sends as a busy room does, until the node lets the client go.
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
        for (int i = 0; i < 16 && pumped[0] < PUMP_AT_MOST_BYTES; i++) {
          vertx.eventBus().send(events, new dev.vertxsfu.bus.ClientEvent(busy));
          pumped[0] += eventBytes;
        }
        return room.requests.stream().anyMatch(r -> clientId.equals(r.getString("clientId"))
            && "disconnect".equals(r.getJsonObject("message").getString("type")));
      });
      long heapStalled = heapAfterGc(memory);
      long sent = pumped[0];

      other.assertStillServed();
      long received = stalled.readUntilClosed((IDLE_SECONDS + 5) * 1000);
      LOG.info(() -> "offered " + sent + " bytes; the node held " + (heapStalled - heapBefore)
          + " more bytes of heap with the client stalled; the client's kernel buffers and"
          + " what was flushed before the close: " + received + " bytes");
      assertThat(heapStalled - heapBefore).as("heap held for the stalled client")
          .isLessThan(16L * 1024 * 1024);
    }
    assertThat(signaling.counters().await().slowReaderCloses()).isEqualTo(1);
    other.assertStillServed();
  }

  private static long heapAfterGc(MemoryMXBean memory) {
    System.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }
}
