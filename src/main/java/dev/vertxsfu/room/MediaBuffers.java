package dev.vertxsfu.room;

import io.netty.buffer.PooledByteBufAllocator;

/**
 * The pooled allocator of the direct buffers that media datagrams and ICE-TCP frames leave in
 * ({@link MediaSocket#send}, {@code IceTcpChannels}): Netty's pooled allocator with its default
 * direct arenas, page size and caches, but no heap arenas. Netty's shared
 * {@code PooledByteBufAllocator.DEFAULT} also has heap arenas, and every event loop that sends
 * through it gets a thread cache for them too, 39 queues of 256 entries (~40 KB) per loop that
 * nothing here ever fills: ~170 KB of a node's heap for four loops, as heap dumps of the load
 * harness showed.
 *
 * <p>Netty's allocator is safe to share between event loops (each loop takes from its own
 * thread cache and arena), as the default one was.
 */
final class MediaBuffers {
  static final PooledByteBufAllocator ALLOCATOR = new PooledByteBufAllocator(true, 0,
      PooledByteBufAllocator.defaultNumDirectArena(), PooledByteBufAllocator.defaultPageSize(),
      PooledByteBufAllocator.defaultMaxOrder(), PooledByteBufAllocator.defaultSmallCacheSize(),
      PooledByteBufAllocator.defaultNormalCacheSize(),
      PooledByteBufAllocator.defaultUseCacheForAllThreads());

  private MediaBuffers() {}
}
