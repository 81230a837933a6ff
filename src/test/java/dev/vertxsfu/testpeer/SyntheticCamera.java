package dev.vertxsfu.testpeer;

import dev.onvoid.webrtc.media.video.CustomVideoSource;
import dev.onvoid.webrtc.media.video.NativeI420Buffer;
import dev.onvoid.webrtc.media.video.VideoFrame;
import java.nio.ByteBuffer;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A camera for tests: pushes I420 frames into a libwebrtc {@link CustomVideoSource} at a fixed
 * rate from its own thread, each frame different (a bar sweeping over a gradient, so the
 * encoder has real motion to code). Counts what it pushed, so a test can compare with what a
 * subscriber decoded.
 */
public final class SyntheticCamera implements AutoCloseable {
  private final CustomVideoSource source;
  private final int width;
  private final int height;
  private final ScheduledExecutorService clock;
  private final AtomicInteger pushed = new AtomicInteger();

  public SyntheticCamera(CustomVideoSource source, int width, int height, int fps) {
    this.source = source;
    this.width = width;
    this.height = height;
    this.clock = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "synthetic-camera");
      thread.setDaemon(true);
      return thread;
    });
    clock.scheduleAtFixedRate(this::pushFrame, 0, 1_000_000 / fps, TimeUnit.MICROSECONDS);
  }

  /** Frames pushed so far. */
  public int pushed() {
    return pushed.get();
  }

  private void pushFrame() {
    int n = pushed.get();
    NativeI420Buffer buffer = NativeI420Buffer.allocate(width, height);
    ByteBuffer y = buffer.getDataY();
    int stride = buffer.getStrideY();
    int bar = (n * 8) % width;
    for (int row = 0; row < height; row++) {
      for (int col = 0; col < width; col++) {
        boolean inBar = col >= bar && col < bar + 32;
        y.put(row * stride + col, (byte) (inBar ? 235 : (16 + ((row + col + n) & 0x7F))));
      }
    }
    fill(buffer.getDataU(), (byte) (128 + (n & 0x1F)));
    fill(buffer.getDataV(), (byte) (128 - (n & 0x1F)));
    VideoFrame frame = new VideoFrame(buffer, System.nanoTime());
    source.pushFrame(frame);
    frame.release();
    pushed.incrementAndGet();
  }

  private static void fill(ByteBuffer plane, byte value) {
    for (int i = 0; i < plane.capacity(); i++) {
      plane.put(i, value);
    }
  }

  @Override
  public void close() throws InterruptedException {
    clock.shutdownNow();
    clock.awaitTermination(5, TimeUnit.SECONDS);
  }
}
