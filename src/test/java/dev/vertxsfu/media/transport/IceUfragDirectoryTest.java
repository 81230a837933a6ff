package dev.vertxsfu.media.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class IceUfragDirectoryTest {
  private final IceUfragDirectory<String> directory = new IceUfragDirectory<>(3);

  @Test
  void aRegisteredUfragNamesItsOwnerUntilUnregistered() {
    directory.register("u1", "room-a");
    assertThat(directory.lookup("u1")).isEqualTo("room-a");
    directory.unregister("u1", "room-a");
    assertThat(directory.lookup("u1")).isNull();
    assertThat(directory.size()).isZero();
  }

  @Test
  void anUnregisterByAFormerOwnerLeavesTheLaterOwner() {
    directory.register("u1", "room-a");
    directory.register("u1", "room-b");
    directory.unregister("u1", "room-a");
    assertThat(directory.lookup("u1")).isEqualTo("room-b");
  }

  @Test
  void unregisterAllForgetsEveryUfragOfOneOwnerOnly() {
    directory.register("u1", "room-a");
    directory.register("u2", "room-a");
    directory.register("u3", "room-b");
    directory.unregisterAll("room-a");
    assertThat(directory.lookup("u1")).isNull();
    assertThat(directory.lookup("u2")).isNull();
    assertThat(directory.lookup("u3")).isEqualTo("room-b");
  }

  @Test
  void aFullDirectoryRefusesNewUfragsButTakesKnownOnes() {
    assertThat(directory.register("u1", "a")).isTrue();
    assertThat(directory.register("u2", "a")).isTrue();
    assertThat(directory.register("u3", "a")).isTrue();
    assertThat(directory.register("u4", "a")).isFalse();
    assertThat(directory.lookup("u4")).isNull();
    assertThat(directory.register("u3", "b")).isTrue();
    assertThat(directory.lookup("u3")).isEqualTo("b");
  }

  @Test
  void aCapacityBelowOneIsRefused() {
    assertThatThrownBy(() -> new IceUfragDirectory<String>(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
