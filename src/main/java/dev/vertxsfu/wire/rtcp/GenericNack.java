package dev.vertxsfu.wire.rtcp;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Generic NACK: transport layer feedback FMT 1 (RFC 4585 §6.2.1), one or more {@link NackPair}
 * entries naming lost RTP packets of the media source.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P| FMT=1   |   PT=205      |          length               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  SSRC of packet sender                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  SSRC of media source                         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |            PID                |             BLP               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * :                              ...                              :
 * </pre>
 *
 * <p>The media layer's retransmitter reads NACKs from subscribers ({@link #forEachLost(byte[],
 * int, int, IntConsumer)} walks them in place) and its NACK generator builds them toward
 * publishers with {@link #of}.
 *
 * @param senderSsrc SSRC of packet sender (unsigned 32 bits)
 * @param mediaSsrc SSRC of media source, the stream whose packets were lost
 * @param pairs one or more PID/BLP entries
 */
public record GenericNack(long senderSsrc, long mediaSsrc, List<NackPair> pairs)
    implements RtcpPacket {

  public GenericNack {
    Bytes.checkU32(senderSsrc, "SSRC of packet sender");
    Bytes.checkU32(mediaSsrc, "SSRC of media source");
    pairs = List.copyOf(pairs);
    if (pairs.isEmpty()) {
      throw new IllegalArgumentException("a Generic NACK carries at least one PID/BLP pair");
    }
  }

  /**
   * A NACK with the fewest pairs that report {@code lostSequenceNumbers}; see {@link
   * NackPair#fromLost}.
   */
  public static GenericNack of(long senderSsrc, long mediaSsrc, int... lostSequenceNumbers) {
    return new GenericNack(senderSsrc, mediaSsrc, NackPair.fromLost(lostSequenceNumbers));
  }

  /**
   * Parses the Generic NACK at exactly {@code [off, off + len)}.
   *
   * @throws RtcpFormatException if it is not a well-formed Generic NACK
   */
  public static GenericNack parse(byte[] buf, int off, int len) {
    int end = checkFci(buf, off, len);
    List<NackPair> pairs = new ArrayList<>((end - off - FeedbackMessage.FCI_OFFSET) / 4);
    for (int at = off + FeedbackMessage.FCI_OFFSET; at < end; at += NackPair.LENGTH) {
      pairs.add(new NackPair(Bytes.u16(buf, at), Bytes.u16(buf, at + 2)));
    }
    return new GenericNack(Bytes.u32(buf, off + 4), Bytes.u32(buf, off + 8), pairs);
  }

  /**
   * Calls {@code lost} with every sequence number the Generic NACK at {@code [off, off + len)}
   * reports, pair by pair, without allocating. The whole packet is checked before the first call.
   *
   * @throws RtcpFormatException if it is not a well-formed Generic NACK
   */
  public static void forEachLost(byte[] buf, int off, int len, IntConsumer lost) {
    int end = checkFci(buf, off, len);
    for (int at = off + FeedbackMessage.FCI_OFFSET; at < end; at += NackPair.LENGTH) {
      NackPair.forEachLost(Bytes.u16(buf, at), Bytes.u16(buf, at + 2), lost);
    }
  }

  private static int checkFci(byte[] buf, int off, int len) {
    int end = FeedbackMessage.check(buf, off, len, RtcpHeader.RTPFB, FeedbackMessage.FMT_NACK,
        "Generic NACK");
    int fci = end - off - FeedbackMessage.FCI_OFFSET;
    if (fci == 0 || fci % NackPair.LENGTH != 0) {
      throw RtcpFormatException.of("Generic NACK at offset %d: FCI of %d bytes, not one or more "
          + "4-byte PID/BLP pairs", off, fci);
    }
    return end;
  }

  /** Every sequence number the pairs report, pair by pair in wire order. */
  public int[] lostSequenceNumbers() {
    int total = 0;
    for (NackPair pair : pairs) {
      total += pair.lostCount();
    }
    int[] lost = new int[total];
    int[] next = {0};
    for (NackPair pair : pairs) {
      pair.forEachLost(seq -> lost[next[0]++] = seq);
    }
    return lost;
  }

  @Override
  public int packetType() {
    return RtcpHeader.RTPFB;
  }

  @Override
  public int count() {
    return FeedbackMessage.FMT_NACK;
  }

  @Override
  public int serializedLength() {
    return FeedbackMessage.FCI_OFFSET + NackPair.LENGTH * pairs.size();
  }

  @Override
  public int write(byte[] buf, int off) {
    int length = serializedLength();
    RtcpHeader.checkRoom(buf, off, length);
    FeedbackMessage.writeHeader(buf, off, FeedbackMessage.FMT_NACK, RtcpHeader.RTPFB, length,
        senderSsrc, mediaSsrc);
    int at = off + FeedbackMessage.FCI_OFFSET;
    for (NackPair pair : pairs) {
      Bytes.put16(buf, at, pair.pid());
      Bytes.put16(buf, at + 2, pair.blp());
      at += NackPair.LENGTH;
    }
    return length;
  }
}
