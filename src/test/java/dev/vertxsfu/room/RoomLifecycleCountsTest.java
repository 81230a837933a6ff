package dev.vertxsfu.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxsfu.media.dtls.DtlsTransport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What {@link RoomLifecycle} counts for the metrics without a transport: clients the room lets
 * go count as ICE failures of the right reason, and its pending times are bounded.
 */
@Tag("fast")
class RoomLifecycleCountsTest {
  @Test
  void aClientLetGoCountsAsAnIceFailureByWhetherItEverConnected() {
    RoomLifecycle lifecycle = new RoomLifecycle("counts");
    lifecycle.clientJoined("a", 1, 0);
    lifecycle.clientJoined("b", 2, 0);
    lifecycle.transportTimedOut("a", false);
    lifecycle.transportTimedOut("b", true);
    lifecycle.transportTimedOut("c", false);
    int neverConnected = RoomLifecycle.ICE_FAILURES.indexOf("never_connected");
    int disconnected = RoomLifecycle.ICE_FAILURES.indexOf("disconnected_timeout");
    int consent = RoomLifecycle.ICE_FAILURES.indexOf("consent_expired");
    assertThat(lifecycle.iceFailures(neverConnected)).isEqualTo(2);
    assertThat(lifecycle.iceFailures(disconnected)).isEqualTo(1);
    assertThat(lifecycle.iceFailures(consent)).isZero();
    for (DtlsTransport.Failure kind : DtlsTransport.Failure.values()) {
      assertThat(lifecycle.dtlsFailures(kind)).isZero();
    }
  }

  @Test
  void handshakeAndJoinTimesAreTakenOnceAndStartEmpty() {
    RoomLifecycle lifecycle = new RoomLifecycle("times");
    assertThat(lifecycle.takeDtlsHandshakes()).isEmpty();
    assertThat(lifecycle.takeJoinToConnected()).isEmpty();
  }

  @Test
  void aLayerSwitchIsADebugLineAboutTheSubscriber() {
    ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger)
        org.slf4j.LoggerFactory.getLogger("dev.vertxsfu.room.Room");
    ch.qos.logback.classic.Level before = logger.getLevel();
    logger.setLevel(ch.qos.logback.classic.Level.DEBUG);
    try (LogLines log = LogLines.of("dev.vertxsfu.room.Room")) {
      RoomLifecycle lifecycle = new RoomLifecycle("layers");
      lifecycle.layerChanged("bob>alice/cam",
          new dev.vertxsfu.media.router.ConsumerLayer(1, 2, "m", 640, 360));
      lifecycle.bandwidthPause("bob>alice/cam", true);
      assertThat(log.about("layers", "bob")).extracting(LogLines.Line::level)
          .containsExactly("DEBUG", "DEBUG");
      assertThat(log.about("layers", "bob")).extracting(LogLines.Line::message)
          .containsExactly("layer of alice/cam now spatial 1 temporal 2 (640x360)",
              "alice/cam paused for bandwidth");
    } finally {
      logger.setLevel(before);
    }
  }

  @Test
  void everyDtlsFailureHasADistinctLabelOfTheMetric() {
    assertThat(DtlsTransport.Failure.values()).extracting(DtlsTransport.Failure::label)
        .doesNotHaveDuplicates()
        .containsExactly("bad_certificate", "handshake_failure", "alert_received", "alert_sent",
            "timeout", "error");
  }
}
