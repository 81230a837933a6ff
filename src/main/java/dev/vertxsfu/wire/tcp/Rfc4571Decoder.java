package dev.vertxsfu.wire.tcp;

/**
 * Cuts an RFC 4571 stream ({@link Rfc4571}) back into packets: the bytes of a TCP connection
 * arrive in reads of any size, and each complete frame goes to the {@link FrameHandler}.
 *
 * <p>Whole frames inside one read are handed on in place, from the caller's array; only a frame
 * cut by the end of a read is copied, into a buffer of at most {@code maxFrameLength} + 2
 * octets allocated once. A LENGTH above {@code maxFrameLength}, or of zero, is a
 * {@link Rfc4571FormatException}; the stream has no way back into step after either, so the
 * decoder then refuses every further read with the same error, and its owner closes the
 * connection.
 *
 * <p>Threads: one owner (the connection's event loop) feeds it; it keeps no clock or thread.
 */
public final class Rfc4571Decoder {
  /** Where complete frames go; the bytes are valid only during the call. */
  public interface FrameHandler {
    void onFrame(byte[] buf, int off, int len);
  }

  private final int maxFrameLength;
  /** The unfinished frame, header included. */
  private final byte[] partial;
  private int partialLength;
  private String failure;
  private long frames;

  /**
   * @param maxFrameLength the largest packet accepted, 1 to 65,535 (an MTU-sized bound such as
   *     1,500 to 4,096 keeps a peer from making the connection hold 64 KiB)
   */
  public Rfc4571Decoder(int maxFrameLength) {
    if (maxFrameLength < 1 || maxFrameLength > Rfc4571.MAX_FRAME_LENGTH) {
      throw new IllegalArgumentException("maxFrameLength is 1 to 65535: " + maxFrameLength);
    }
    this.maxFrameLength = maxFrameLength;
    this.partial = new byte[Rfc4571.HEADER_LENGTH + maxFrameLength];
  }

  /**
   * The next bytes of the stream. Every frame they complete goes to {@code handler}, in order,
   * before this returns; an unfinished one is kept for the next call.
   *
   * @throws Rfc4571FormatException if a LENGTH is zero or above the bound (frames before it
   *     were handed on), or an earlier call failed
   */
  public void feed(byte[] buf, int off, int len, FrameHandler handler) {
    if (failure != null) {
      throw new Rfc4571FormatException(failure);
    }
    if (off < 0 || len < 0 || off + len > buf.length) {
      throw new IndexOutOfBoundsException("bad range " + off + "+" + len + " of " + buf.length);
    }
    int end = off + len;
    int at = off;
    if (partialLength > 0) {
      at = completePartial(buf, at, end, handler);
    }
    while (at < end) {
      if (end - at < Rfc4571.HEADER_LENGTH) {
        keep(buf, at, end - at);
        return;
      }
      int length = checked(Rfc4571.readHeader(buf, at));
      int frameEnd = at + Rfc4571.HEADER_LENGTH + length;
      if (frameEnd > end) {
        keep(buf, at, end - at);
        return;
      }
      frames++;
      handler.onFrame(buf, at + Rfc4571.HEADER_LENGTH, length);
      at = frameEnd;
    }
  }

  /** Octets of an unfinished frame held since the last read. */
  public int buffered() {
    return partialLength;
  }

  /** Frames handed on so far. */
  public long frames() {
    return frames;
  }

  /** Whether a framing error ended the stream. */
  public boolean failed() {
    return failure != null;
  }

  /** Fills the kept frame from {@code buf}; returns where its bytes end there. */
  private int completePartial(byte[] buf, int at, int end, FrameHandler handler) {
    if (partialLength < Rfc4571.HEADER_LENGTH) {
      int take = Math.min(Rfc4571.HEADER_LENGTH - partialLength, end - at);
      System.arraycopy(buf, at, partial, partialLength, take);
      partialLength += take;
      at += take;
      if (partialLength < Rfc4571.HEADER_LENGTH) {
        return at;
      }
    }
    int length = checked(Rfc4571.readHeader(partial, 0));
    int missing = Rfc4571.HEADER_LENGTH + length - partialLength;
    int take = Math.min(missing, end - at);
    System.arraycopy(buf, at, partial, partialLength, take);
    partialLength += take;
    at += take;
    if (take == missing) {
      partialLength = 0;
      frames++;
      handler.onFrame(partial, Rfc4571.HEADER_LENGTH, length);
    }
    return at;
  }

  private void keep(byte[] buf, int at, int count) {
    System.arraycopy(buf, at, partial, 0, count); // fits: the LENGTH, if read, was checked
    partialLength = count;
  }

  private int checked(int length) {
    if (length == 0 || length > maxFrameLength) {
      partialLength = 0;
      failure = length == 0 ? "an RFC 4571 frame of length 0 (no packet is empty)"
          : "an RFC 4571 frame of " + length + " octets, over the bound of " + maxFrameLength;
      throw new Rfc4571FormatException(failure);
    }
    return length;
  }
}
