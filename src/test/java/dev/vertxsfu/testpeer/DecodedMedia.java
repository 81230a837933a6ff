package dev.vertxsfu.testpeer;

import dev.onvoid.webrtc.media.audio.AudioTrackSink;
import dev.onvoid.webrtc.media.video.VideoFrame;
import dev.onvoid.webrtc.media.video.VideoTrackSink;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a subscriber's libwebrtc decoded: frames at the expected size, the first of them as a
 * future, and audio samples. Attach it to a remote track ({@code addSink}); libwebrtc calls it
 * on its decoder threads.
 */
public final class DecodedMedia implements VideoTrackSink, AudioTrackSink {
  /** RMS of 16-bit samples above which a chunk counts as sound (the test tone is ~5,600). */
  private static final double AUDIBLE_RMS = 500;

  private final int width;
  private final int height;
  private final AtomicInteger frames = new AtomicInteger();
  private final AtomicInteger otherSizes = new AtomicInteger();
  private final AtomicLong audioFrames = new AtomicLong();
  private final CompletableFuture<Long> firstFrameNanos = new CompletableFuture<>();
  /** Width in the high 32 bits, height in the low: one write, so never half of two frames. */
  private volatile long lastSize;
  /** {@link System#nanoTime()} of the last frame decoded, of any size; 0 before the first. */
  private volatile long lastFrameNanos;
  /** The longest time between two decoded frames since {@link #resetFreezes()}. */
  private final AtomicLong longestGapNanos = new AtomicLong();
  /** {@link System#nanoTime()} of the last frame whose size differed from the one before it. */
  private volatile long sizeChangedNanos;
  private final java.util.List<CompletableFuture<Long>> nextFrames =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  public DecodedMedia(int width, int height) {
    this.width = width;
    this.height = height;
  }

  @Override
  public void onVideoFrame(VideoFrame frame) {
    long size = ((long) frame.buffer.getWidth() << 32) | frame.buffer.getHeight();
    long decodedAt = System.nanoTime();
    if (lastFrameNanos != 0) {
      longestGapNanos.accumulateAndGet(decodedAt - lastFrameNanos, Math::max);
    }
    if (lastSize != 0 && size != lastSize) {
      sizeChangedNanos = decodedAt;
    }
    lastFrameNanos = decodedAt;
    lastSize = size;
    if (frame.buffer.getWidth() == width && frame.buffer.getHeight() == height) {
      frames.incrementAndGet();
      long now = System.nanoTime();
      firstFrameNanos.complete(now);
      for (CompletableFuture<Long> next : nextFrames) {
        next.complete(now);
        nextFrames.remove(next);
      }
    } else {
      otherSizes.incrementAndGet();
    }
  }

  /**
   * Counts the 16-bit sample frames whose level shows a signal: libwebrtc plays out
   * concealment (silence) when no packet arrives, so only energy proves audio got through.
   */
  @Override
  public void onData(byte[] data, int bitsPerSample, int sampleRate, int channels, int frames) {
    if (bitsPerSample != 16) {
      return;
    }
    long sumOfSquares = 0;
    int samples = Math.min(frames * channels, data.length / 2);
    for (int i = 0; i < samples; i++) {
      int sample = (short) ((data[2 * i] & 0xFF) | (data[2 * i + 1] << 8));
      sumOfSquares += (long) sample * sample;
    }
    if (samples > 0 && Math.sqrt((double) sumOfSquares / samples) > AUDIBLE_RMS) {
      audioFrames.addAndGet(frames);
    }
  }

  /** The width of the last frame decoded, 0 before the first. */
  public int lastWidth() {
    return (int) (lastSize >>> 32);
  }

  /** The height of the last frame decoded, 0 before the first. */
  public int lastHeight() {
    return (int) lastSize;
  }

  /**
   * The longest time between two decoded frames (of any size) since the last call of
   * {@link #resetFreezes()}, in milliseconds: the longest freeze a viewer saw. libwebrtc calls
   * the sink from one decoder thread, so the gaps are between consecutive frames.
   */
  public long longestGapMillis() {
    return longestGapNanos.get() / 1_000_000;
  }

  /** Starts measuring {@link #longestGapMillis()} afresh: gaps that end after this call. */
  public void resetFreezes() {
    longestGapNanos.set(0);
  }

  /**
   * {@link System#nanoTime()} at which the last change of size was decoded (the first frame of
   * a new simulcast layer), 0 before any.
   */
  public long sizeChangedNanos() {
    return sizeChangedNanos;
  }

  /** Frames decoded at the expected width and height. */
  public int frames() {
    return frames.get();
  }

  /** Frames decoded at any other size (the sender scaled down). */
  public int framesAtOtherSizes() {
    return otherSizes.get();
  }

  /** Audio sample frames played out with an audible level. */
  public long audioFrames() {
    return audioFrames.get();
  }

  /**
   * Completes with {@link System#nanoTime()} of the next frame at the expected size decoded
   * after this call: how long media took to come back after an interruption.
   */
  public CompletableFuture<Long> nextFrame() {
    CompletableFuture<Long> next = new CompletableFuture<>();
    nextFrames.add(next);
    return next;
  }

  /** Completes with {@link System#nanoTime()} of the first frame at the expected size. */
  public CompletableFuture<Long> firstFrame() {
    return firstFrameNanos;
  }
}
