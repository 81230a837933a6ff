package dev.vertxsfu.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class ShardPlacementTest {
  @Test
  void withoutShardsEveryClientStaysOnTheRoomsSocket() {
    ShardPlacement placement = new ShardPlacement(0, 0);
    for (int i = 0; i < 100; i++) {
      assertThat(placement.place()).isZero();
    }
    assertThat(placement.clientsOn(0)).isEqualTo(100);
  }

  @Test
  void aSmallRoomNeverLeavesItsSocket() {
    ShardPlacement placement = new ShardPlacement(3, 32);
    for (int i = 0; i < 32; i++) {
      assertThat(placement.place()).isZero();
    }
    assertThat(placement.clientsOn(1)).isZero();
  }

  @Test
  void pastShardAfterNewClientsGoToTheShardsInTurnsAndNoneToTheRoomsSocket() {
    ShardPlacement placement = new ShardPlacement(2, 4);
    List<Integer> placed = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      placed.add(placement.place());
    }
    assertThat(placed).containsExactly(0, 0, 0, 0, 1, 2, 1, 2, 1, 2, 1, 2);
    assertThat(placement.clientsOn(0)).isEqualTo(4);
    assertThat(placement.clientsOn(1)).isEqualTo(4);
    assertThat(placement.clientsOn(2)).isEqualTo(4);
  }

  @Test
  void aClientLeavingTheRoomsSocketLetsTheNextOneBackOnIt() {
    ShardPlacement placement = new ShardPlacement(1, 2);
    assertThat(List.of(placement.place(), placement.place(), placement.place()))
        .containsExactly(0, 0, 1);
    placement.release(0);
    assertThat(placement.place()).isZero();
    assertThat(placement.place()).isEqualTo(1);
  }

  @Test
  void aClientLeavingAShardMakesRoomWhereItWas() {
    ShardPlacement placement = new ShardPlacement(2, 0);
    assertThat(List.of(placement.place(), placement.place(), placement.place()))
        .containsExactly(1, 2, 1);
    placement.release(2);
    assertThat(placement.place()).isEqualTo(2);
    placement.release(2);
    placement.release(2); // a second release of an empty socket keeps it at zero
    assertThat(placement.clientsOn(2)).isZero();
  }

  @Test
  void negativeSettingsAreRefused() {
    assertThatThrownBy(() -> new ShardPlacement(-1, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ShardPlacement(1, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
