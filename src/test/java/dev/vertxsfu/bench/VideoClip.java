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

  /** The clip's average bitrate when played at {@code fps}, in bits per second. */
  long bitsPerSecond(int fps) {
    long bytes = 0;
    for (byte[] frame : frames) {
      bytes += frame.length;
    }
    return bytes * 8 * fps / frames.size();
  }
}
