package dev.vertxsfu.room;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class MediaBuffersTest {
  @Test
  void theMediaAllocatorHasDirectArenasOnly() {
    assertThat(MediaBuffers.ALLOCATOR.metric().numHeapArenas()).isZero();
    assertThat(MediaBuffers.ALLOCATOR.metric().numDirectArenas())
        .isEqualTo(PooledByteBufAllocator.defaultNumDirectArena());
  }

  @Test
  void itGivesPooledDirectBuffersOfTheAskedSize() {
    ByteBuf buf = MediaBuffers.ALLOCATOR.directBuffer(1212, 1212);
    try {
      assertThat(buf.isDirect()).isTrue();
      assertThat(buf.maxCapacity()).isEqualTo(1212);
      assertThat(buf.alloc()).isSameAs(MediaBuffers.ALLOCATOR);
    } finally {
      buf.release();
    }
  }
}
