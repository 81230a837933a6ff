package dev.vertxsfu.room;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The {@code layers_wanted} event as docs/protocol.md section 20 writes it. */
@Tag("fast")
class LayersWantedEventTest {
  private final List<JsonObject> events = new ArrayList<>();
  private final BusClientListener listener = new BusClientListener(null, "client");

  LayersWantedEventTest() {
    listener.collect(events);
  }

  @Test
  void ridEncodingsAreNamedByRidAndIndex() {
    listener.onLayersWanted("cam", List.of(0, 2), List.of("q", "f"));
    assertThat(events).containsExactly(new JsonObject().put("type", "layers_wanted")
        .put("trackId", "cam").put("rids", new JsonArray().add("q").add("f"))
        .put("spatial", new JsonArray().add(0).add(2)));
  }

  @Test
  void ssrcSimulcastHasNoRids() {
    listener.onLayersWanted("cam", List.of(1), null);
    assertThat(events.get(0).containsKey("rids")).isFalse();
    assertThat(events.get(0).getJsonArray("spatial")).isEqualTo(new JsonArray().add(1));
  }

  @Test
  void anEmptySetIsWrittenAsEmptyArrays() {
    listener.onLayersWanted("cam", List.of(), List.of());
    assertThat(events.get(0).getJsonArray("rids")).isEmpty();
    assertThat(events.get(0).getJsonArray("spatial")).isEmpty();
  }
}
