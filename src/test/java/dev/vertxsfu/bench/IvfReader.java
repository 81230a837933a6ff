package dev.vertxsfu.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads an IVF file (libvpx's container: a 32-byte file header {@code DKIF}, then per frame a
 * 12-byte header of little-endian size and timestamp and the frame) holding VP8
 * ({@code VP80}). Refuses anything else with {@link IvfFormatException}, never an index error.
 *
 * <p>Stateless; any thread. Called once per run by the harness.
 */
final class IvfReader {
  static final int FILE_HEADER_LENGTH = 32;
  static final int FRAME_HEADER_LENGTH = 12;
  /** Bigger than any VP8 frame of the small clips this reads; a bound against garbage sizes. */
  static final int MAX_FRAME = 1 << 20;

  private IvfReader() {}

  static VideoClip read(byte[] file) {
    if (file.length < FILE_HEADER_LENGTH) {
      throw new IvfFormatException("an IVF file has a 32-byte header, got " + file.length + " bytes");
    }
    if (file[0] != 'D' || file[1] != 'K' || file[2] != 'I' || file[3] != 'F') {
      throw new IvfFormatException("no DKIF signature");
    }
    int headerLength = u16(file, 6);
    if (headerLength < FILE_HEADER_LENGTH || headerLength > file.length) {
      throw new IvfFormatException("bad IVF header length " + headerLength);
    }
    String fourcc = new String(file, 8, 4, java.nio.charset.StandardCharsets.US_ASCII);
    if (!fourcc.equals("VP80")) {
      throw new IvfFormatException("the IVF holds " + fourcc + ", not VP80");
    }
    int width = u16(file, 12);
    int height = u16(file, 14);
    List<byte[]> frames = new ArrayList<>();
    int at = headerLength;
    while (at < file.length) {
      if (file.length - at < FRAME_HEADER_LENGTH) {
        throw new IvfFormatException("truncated frame header at byte " + at);
      }
      long size = u32(file, at);
      if (size == 0 || size > MAX_FRAME || size > file.length - at - FRAME_HEADER_LENGTH) {
        throw new IvfFormatException("frame of " + size + " bytes at byte " + at
            + " does not fit the file");
      }
      int start = at + FRAME_HEADER_LENGTH;
      frames.add(Arrays.copyOfRange(file, start, start + (int) size));
      at = start + (int) size;
    }
    if (frames.isEmpty()) {
      throw new IvfFormatException("the IVF holds no frame");
    }
    return new VideoClip(width, height, frames);
  }

  private static int u16(byte[] b, int at) {
    return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
  }

  private static long u32(byte[] b, int at) {
    return (u16(b, at) | (long) u16(b, at + 2) << 16) & 0xFFFF_FFFFL;
  }
}
