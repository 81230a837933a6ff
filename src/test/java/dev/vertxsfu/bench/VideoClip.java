package dev.vertxsfu.bench;

import java.util.List;

/**
 * A pre-encoded VP8 clip: its frames in decoding order, the first a key frame. Read once by
 * {@link IvfReader} and shared read-only by every publisher of a run (any thread).
 *
 * @param width the coded width from the IVF header
 * @param height the coded height
 * @param frames the VP8 frames (RFC 6386 §9.1 frame tag first)
 */
record VideoClip(int width, int height, List<byte[]> frames) {
  VideoClip {
    frames = List.copyOf(frames);
    if (frames.isEmpty() || !isKeyFrame(frames.get(0))) {
      throw new IvfFormatException("a clip must start with a VP8 key frame");
    }
  }

  /** RFC 6386 §9.1: bit 0 of the frame tag is 0 for a key frame. */
  static boolean isKeyFrame(byte[] frame) {
    return frame.length > 0 && (frame[0] & 0x01) == 0;
  }

  /**
   * The same clip resized to average {@code bitsPerSecond} at {@code fps}: each frame scaled by
   * one factor. Above the clip's own bitrate a frame gets zero bytes after its last partition,
   * which a VP8 decoder never reads (RFC 6386 §9.5 sizes the partitions); below it a frame is
   * cut short, keeping its frame tag and, for a key frame, its start code and size (10 bytes,
   * §9.1): servers read no further, so forwarding costs the same, but the stream no longer
   * decodes. Pure.
   */
  VideoClip atBitrate(long bitsPerSecond, int fps) {
    if (bitsPerSecond <= 0) {
      throw new IllegalArgumentException("a bitrate must be positive, got " + bitsPerSecond);
    }
    double factor = (double) bitsPerSecond / bitsPerSecond(fps);
    List<byte[]> resized = new java.util.ArrayList<>(frames.size());
    for (byte[] frame : frames) {
      int header = isKeyFrame(frame) ? 10 : 3;
      int length = Math.max(Math.min(header, frame.length), (int) Math.round(frame.length * factor));
      resized.add(java.util.Arrays.copyOf(frame, length));
    }
    return new VideoClip(width, height, resized);
  }

  /** The clip's average bitrate when played at {@code fps}, in bits per second. */
  long bitsPerSecond(int fps) {
    long bytes = 0;
    for (byte[] frame : frames) {
      bytes += frame.length;
    }
    return bytes * 8 * fps / frames.size();
  }
}
