package dev.vertxsfu.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Placement reads node loads from a map any Hazelcast member can write (docs/threat-model.md):
 * an entry of another shape than the nodes write is ignored, never a reason for every
 * placement to fail.
 */
@Tag("fast")
class RoomPlacementEntriesTest {

  @Test
  void theLoadsNodesWriteAreWellFormed() {
    assertThat(RoomPlacement.wellFormed(new JsonObject().put("rooms", 2).put("clients", 5)
        .put("connections", 7).put("draining", false).put("at", 1L))).isTrue();
    assertThat(RoomPlacement.wellFormed(new JsonObject())).isTrue();
  }

  @Test
  void loadsOfAnotherShapeAreNot() {
    assertThat(RoomPlacement.wellFormed(null)).isFalse();
    assertThat(RoomPlacement.wellFormed("rooms=0")).isFalse();
    assertThat(RoomPlacement.wellFormed(new JsonObject().put("rooms", "0"))).isFalse();
    assertThat(RoomPlacement.wellFormed(new JsonObject().put("clients", -1))).isFalse();
    assertThat(RoomPlacement.wellFormed(new JsonObject().put("connections", 1.5))).isFalse();
    assertThat(RoomPlacement.wellFormed(new JsonObject().put("rooms", Long.MAX_VALUE))).isFalse();
    assertThat(RoomPlacement.wellFormed(new JsonObject().put("draining", "no"))).isFalse();
  }
}
