package dev.vertxsfu.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The tests' Prometheus text parser on the shapes Micrometer writes. */
@Tag("fast")
class PrometheusTextTest {
  @Test
  void parsesSamplesWithAndWithoutLabelsAndSkipsComments() {
    PrometheusText text = PrometheusText.parse("""
        # HELP sfu_rooms Rooms open on this node
        # TYPE sfu_rooms gauge
        sfu_rooms 2.0
        sfu_packets_dropped_total{reason="srtp",a="x\\"y"} 17.0
        sfu_join_to_connected_seconds_bucket{le="+Inf"} 3
        """);
    assertThat(text.value("sfu_rooms")).isEqualTo(2.0);
    assertThat(text.value("sfu_packets_dropped_total{a=x\\\"y,reason=srtp}")).isEqualTo(17.0);
    assertThat(text.value("sfu_join_to_connected_seconds_bucket{le=+Inf}")).isEqualTo(3.0);
    assertThat(text.value("absent")).isEqualTo(-1.0);
  }

  @Test
  void refusesALineThatIsNoSample() {
    assertThatThrownBy(() -> PrometheusText.parse("sfu_rooms"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PrometheusText.parse("sfu_rooms{kind=video} 1"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
