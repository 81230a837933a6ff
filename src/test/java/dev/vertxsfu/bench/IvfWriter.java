package dev.vertxsfu.bench;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * Writes VP8 frames as an IVF file ({@link IvfReader} reads it back). Used once, by
 * {@link Vp8ClipRecorder}, to make the clip resource; any thread.
 */
final class IvfWriter {
  private IvfWriter() {}

  static byte[] write(int width, int height, int fps, List<byte[]> frames) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {'D', 'K', 'I', 'F'});
    le(out, 0, 2); // version
    le(out, IvfReader.FILE_HEADER_LENGTH, 2);
    out.writeBytes(new byte[] {'V', 'P', '8', '0'});
    le(out, width, 2);
    le(out, height, 2);
    le(out, fps, 4); // time base denominator (rate)
    le(out, 1, 4); // numerator (scale)
    le(out, frames.size(), 4);
    le(out, 0, 4);
    long pts = 0;
    for (byte[] frame : frames) {
      le(out, frame.length, 4);
      le(out, pts, 4);
      le(out, pts >>> 32, 4);
      out.writeBytes(frame);
      pts++;
    }
    return out.toByteArray();
  }

  private static void le(ByteArrayOutputStream out, long value, int bytes) {
    for (int i = 0; i < bytes; i++) {
      out.write((int) (value >>> (8 * i)) & 0xFF);
    }
  }
}
