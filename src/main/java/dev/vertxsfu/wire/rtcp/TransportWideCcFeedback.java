package dev.vertxsfu.wire.rtcp;

import java.util.Arrays;
import java.util.Objects;

/**
 * Transport-wide RTCP feedback message, RTPFB FMT 15 (draft-holmer-rmcat-transport-wide-cc-
 * extensions-01 §3.1; libwebrtc's TransportFeedback, SDP {@code transport-cc}): the arrival time
 * of every packet that carried the transport-wide sequence number extension.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|  FMT=15 |    PT=205     |           length              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     SSRC of packet sender                     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      SSRC of media source                     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      base sequence number     |      packet status count      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 reference time                | fb pkt. count |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          packet chunk         |         packet chunk          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * .                                                               .
 * .                                                               .
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         packet chunk          |  recv delta   |  recv delta   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * .                                                               .
 * .                                                               .
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           recv delta          |  recv delta   | zero padding  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>Reference time is a signed 24-bit count of 64 ms; receive deltas count 250 µs, one octet
 * unsigned for "small delta" symbols, two octets signed for "large or negative delta" ones, the
 * first relative to the reference time and each next to the previous received packet. The
 * reference time wraps every 2^24 * 64 ms: compare those of two feedbacks modulo that (libwebrtc
 * reads the field unsigned and unwraps it). Symbol 3, "[Reserved]" in §3.1.1, is read as the
 * draft's own examples name it, "packet received, w/o recv delta", and carries no delta; this
 * package never writes it. The parser requires the deltas (the timestamp-less variant of
 * transport-cc-02 is refused). Zero padding is written with the padding bit, as libwebrtc does.
 *
 * <p>The media layer builds these toward publishers with {@link TransportWideCcFeedbackBuilder}
 * and reads the subscribers' ones for bandwidth estimation with {@link #forEachPacket(byte[],
 * int, int, PacketVisitor)}, which allocates nothing.
 */
public final class TransportWideCcFeedback implements RtcpPacket {
  /** Status symbol 00: packet not received (§3.1.1). */
  public static final int NOT_RECEIVED = 0;
  /** Status symbol 01: packet received, small delta (one octet, 0..63.75 ms). */
  public static final int RECEIVED_SMALL_DELTA = 1;
  /** Status symbol 10: packet received, large or negative delta (two octets, signed). */
  public static final int RECEIVED_LARGE_DELTA = 2;
  /** Status symbol 11: "[Reserved]" in §3.1.1, "packet received, w/o recv delta" in §3.1.3. */
  public static final int RECEIVED_WITHOUT_DELTA = 3;
  /** Microseconds per reference time unit. */
  public static final long REFERENCE_TIME_UNIT_US = 64_000;
  /** Microseconds per receive delta unit. */
  public static final long DELTA_UNIT_US = 250;
  /** What {@link PacketVisitor} gets as receive time for a packet without a delta. */
  public static final long NO_RECEIVE_TIME = Long.MIN_VALUE;
  /** Octets before the first packet chunk. */
  static final int CHUNKS_OFFSET = 20;

  /** Receives one packet's status from {@link #forEachPacket}. */
  @FunctionalInterface
  public interface PacketVisitor {
    /**
     * @param sequenceNumber the transport-wide sequence number, 0..65535
     * @param symbol its status symbol, for example {@link #RECEIVED_SMALL_DELTA}
     * @param receiveTimeUs its arrival in µs on the feedback sender's clock (reference time plus
     *     deltas), or {@link #NO_RECEIVE_TIME} when the symbol carries no delta
     */
    void onPacket(int sequenceNumber, int symbol, long receiveTimeUs);
  }

  private final long senderSsrc;
  private final long mediaSsrc;
  private final int baseSequenceNumber;
  private final int referenceTime;
  private final int feedbackPacketCount;
  private final int[] chunks;
  private final byte[] symbols;
  private final int[] deltas;

  /** Trusts its caller (the parser or the builder) to pass consistent arrays it gives up. */
  TransportWideCcFeedback(long senderSsrc, long mediaSsrc, int baseSequenceNumber,
      int referenceTime, int feedbackPacketCount, int[] chunks, byte[] symbols, int[] deltas) {
    this.senderSsrc = senderSsrc;
    this.mediaSsrc = mediaSsrc;
    this.baseSequenceNumber = baseSequenceNumber;
    this.referenceTime = referenceTime;
    this.feedbackPacketCount = feedbackPacketCount;
    this.chunks = chunks;
    this.symbols = symbols;
    this.deltas = deltas;
  }

  /**
   * Parses the feedback at exactly {@code [off, off + len)}.
   *
   * @throws RtcpFormatException if it is not well-formed: no statuses, chunks that end before the
   *     packet status count is reached, deltas past the end, bytes after the deltas
   */
  public static TransportWideCcFeedback parse(byte[] buf, int off, int len) {
    int end = checkFixed(buf, off, len);
    int count = Bytes.u16(buf, off + 14);
    byte[] symbols = new byte[count];
    int pos = off + CHUNKS_OFFSET;
    int n = 0;
    int withDelta = 0;
    while (n < count) {
      int chunk = readChunk(buf, pos, end, off, count, n);
      pos += 2;
      int take = Math.min(PacketStatusChunk.capacity(chunk), count - n);
      for (int i = 0; i < take; i++) {
        int symbol = PacketStatusChunk.symbol(chunk, i);
        symbols[n++] = (byte) symbol;
        withDelta += PacketStatusChunk.deltaLength(symbol) > 0 ? 1 : 0;
      }
    }
    int[] chunks = new int[(pos - off - CHUNKS_OFFSET) / 2];
    for (int i = 0; i < chunks.length; i++) {
      chunks[i] = Bytes.u16(buf, off + CHUNKS_OFFSET + 2 * i);
    }
    int[] deltas = new int[withDelta];
    int d = 0;
    for (byte symbol : symbols) {
      int length = PacketStatusChunk.deltaLength(symbol);
      if (length > 0) {
        checkDelta(pos, length, end, off);
        deltas[d++] = length == 1 ? Bytes.u8(buf, pos) : Bytes.s16(buf, pos);
        pos += length;
      }
    }
    checkTail(pos, end, off);
    return new TransportWideCcFeedback(Bytes.u32(buf, off + 4), Bytes.u32(buf, off + 8),
        Bytes.u16(buf, off + 12), Bytes.s24(buf, off + 16), Bytes.u8(buf, off + 19), chunks,
        symbols, deltas);
  }

  /**
   * Calls {@code visitor} for every packet the feedback at {@code [off, off + len)} reports, in
   * sequence number order, without allocating. The whole packet is checked before the first call.
   *
   * @throws RtcpFormatException if it is not well-formed (see {@link #parse})
   */
  public static void forEachPacket(byte[] buf, int off, int len, PacketVisitor visitor) {
    int end = checkFixed(buf, off, len);
    int count = Bytes.u16(buf, off + 14);
    int pos = off + CHUNKS_OFFSET;
    int n = 0;
    int deltaBytes = 0;
    while (n < count) {
      int chunk = readChunk(buf, pos, end, off, count, n);
      pos += 2;
      int take = Math.min(PacketStatusChunk.capacity(chunk), count - n);
      for (int i = 0; i < take; i++) {
        deltaBytes += PacketStatusChunk.deltaLength(PacketStatusChunk.symbol(chunk, i));
      }
      n += take;
    }
    checkDelta(pos, deltaBytes, end, off);
    checkTail(pos + deltaBytes, end, off);
    int base = Bytes.u16(buf, off + 12);
    long time = Bytes.s24(buf, off + 16) * REFERENCE_TIME_UNIT_US;
    int deltaAt = pos;
    n = 0;
    for (int at = off + CHUNKS_OFFSET; n < count; at += 2) {
      int chunk = Bytes.u16(buf, at);
      int take = Math.min(PacketStatusChunk.capacity(chunk), count - n);
      for (int i = 0; i < take; i++, n++) {
        int symbol = PacketStatusChunk.symbol(chunk, i);
        int length = PacketStatusChunk.deltaLength(symbol);
        long receiveTime = NO_RECEIVE_TIME;
        if (length > 0) {
          time += (length == 1 ? Bytes.u8(buf, deltaAt) : Bytes.s16(buf, deltaAt)) * DELTA_UNIT_US;
          deltaAt += length;
          receiveTime = time;
        }
        visitor.onPacket((base + n) & 0xFFFF, symbol, receiveTime);
      }
    }
  }

  private static int checkFixed(byte[] buf, int off, int len) {
    int end = FeedbackMessage.check(buf, off, len, RtcpHeader.RTPFB,
        FeedbackMessage.FMT_TRANSPORT_CC, "transport-wide feedback");
    if (end - off < CHUNKS_OFFSET) {
      throw RtcpFormatException.of("transport-wide feedback at offset %d: %d bytes, shorter than "
          + "its %d-byte fixed part", off, end - off, CHUNKS_OFFSET);
    }
    if (Bytes.u16(buf, off + 14) == 0) {
      throw RtcpFormatException.of("transport-wide feedback at offset %d: packet status count 0",
          off);
    }
    return end;
  }

  private static int readChunk(byte[] buf, int pos, int end, int off, int count, int n) {
    if (end - pos < 2) {
      throw RtcpFormatException.of("transport-wide feedback at offset %d: packet status count %d "
          + "but the chunks end after %d statuses at offset %d", off, count, n, pos);
    }
    return Bytes.u16(buf, pos);
  }

  private static void checkDelta(int pos, int length, int end, int off) {
    if (length > end - pos) {
      throw RtcpFormatException.of("transport-wide feedback at offset %d: receive deltas run past "
          + "the end at offset %d", off, pos);
    }
  }

  private static void checkTail(int pos, int end, int off) {
    if (end - pos > 3) {
      throw RtcpFormatException.of("transport-wide feedback at offset %d: %d bytes after the "
          + "receive deltas", off, end - pos);
    }
  }

  /** Calls {@code visitor} for every reported packet, as the static form does on bytes. */
  public void forEachPacket(PacketVisitor visitor) {
    long time = referenceTimeUs();
    int d = 0;
    for (int i = 0; i < symbols.length; i++) {
      long receiveTime = NO_RECEIVE_TIME;
      if (PacketStatusChunk.deltaLength(symbols[i]) > 0) {
        time += deltas[d++] * DELTA_UNIT_US;
        receiveTime = time;
      }
      visitor.onPacket(sequenceNumber(i), symbols[i], receiveTime);
    }
  }

  public long senderSsrc() {
    return senderSsrc;
  }

  public long mediaSsrc() {
    return mediaSsrc;
  }

  /** Transport-wide sequence number of the first reported packet. */
  public int baseSequenceNumber() {
    return baseSequenceNumber;
  }

  /** Packets reported, from the base sequence number on. */
  public int packetStatusCount() {
    return symbols.length;
  }

  /** Reference time in 64 ms units, signed 24 bits. */
  public int referenceTime() {
    return referenceTime;
  }

  public long referenceTimeUs() {
    return referenceTime * REFERENCE_TIME_UNIT_US;
  }

  /** fb pkt. count, 0..255. */
  public int feedbackPacketCount() {
    return feedbackPacketCount;
  }

  /** Sequence number of the {@code index}-th reported packet. */
  public int sequenceNumber(int index) {
    Objects.checkIndex(index, symbols.length);
    return (baseSequenceNumber + index) & 0xFFFF;
  }

  /** Status symbol of the {@code index}-th reported packet. */
  public int symbol(int index) {
    return symbols[index];
  }

  /** The receive deltas in 250 µs units, one per packet whose symbol carries one. */
  public int[] receiveDeltas() {
    return deltas.clone();
  }

  /** The packet chunks as written, each a 16-bit value. */
  public int[] chunks() {
    return chunks.clone();
  }

  @Override
  public int packetType() {
    return RtcpHeader.RTPFB;
  }

  @Override
  public int count() {
    return FeedbackMessage.FMT_TRANSPORT_CC;
  }

  @Override
  public int serializedLength() {
    return (unpaddedLength() + 3) & ~3;
  }

  private int unpaddedLength() {
    int length = CHUNKS_OFFSET + 2 * chunks.length;
    for (byte symbol : symbols) {
      length += PacketStatusChunk.deltaLength(symbol);
    }
    return length;
  }

  @Override
  public int write(byte[] buf, int off) {
    int unpadded = unpaddedLength();
    int length = (unpadded + 3) & ~3;
    RtcpHeader.checkRoom(buf, off, length);
    FeedbackMessage.writeHeader(buf, off, FeedbackMessage.FMT_TRANSPORT_CC, RtcpHeader.RTPFB,
        length, senderSsrc, mediaSsrc);
    Bytes.put16(buf, off + 12, baseSequenceNumber);
    Bytes.put16(buf, off + 14, symbols.length);
    Bytes.put24(buf, off + 16, referenceTime);
    Bytes.put8(buf, off + 19, feedbackPacketCount);
    int at = off + CHUNKS_OFFSET;
    for (int chunk : chunks) {
      Bytes.put16(buf, at, chunk);
      at += 2;
    }
    int d = 0;
    for (byte symbol : symbols) {
      int deltaLength = PacketStatusChunk.deltaLength(symbol);
      if (deltaLength == 1) {
        Bytes.put8(buf, at++, deltas[d++]);
      } else if (deltaLength == 2) {
        Bytes.put16(buf, at, deltas[d++]);
        at += 2;
      }
    }
    if (length > unpadded) {
      buf[off] |= 0x20;
      Arrays.fill(buf, at, off + length - 1, (byte) 0);
      buf[off + length - 1] = (byte) (length - unpadded);
    }
    return length;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TransportWideCcFeedback f && senderSsrc == f.senderSsrc
        && mediaSsrc == f.mediaSsrc && baseSequenceNumber == f.baseSequenceNumber
        && referenceTime == f.referenceTime && feedbackPacketCount == f.feedbackPacketCount
        && Arrays.equals(chunks, f.chunks) && Arrays.equals(symbols, f.symbols)
        && Arrays.equals(deltas, f.deltas);
  }

  @Override
  public int hashCode() {
    return Objects.hash(senderSsrc, mediaSsrc, baseSequenceNumber, referenceTime,
        feedbackPacketCount, Arrays.hashCode(chunks), Arrays.hashCode(symbols),
        Arrays.hashCode(deltas));
  }

  @Override
  public String toString() {
    return "TransportWideCcFeedback[sender=" + senderSsrc + ", media=" + mediaSsrc + ", base="
        + baseSequenceNumber + ", count=" + symbols.length + ", reference=" + referenceTime
        + ", fbCount=" + feedbackPacketCount + ", chunks=" + chunks.length + ", deltas="
        + deltas.length + "]";
  }
}
