package dev.vertxsfu.wire.rtcp;

import java.util.Arrays;

/**
 * Builds a {@link TransportWideCcFeedback} from (transport-wide sequence number, arrival time)
 * pairs, choosing the packet chunks (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1.2):
 * a run length chunk while one symbol repeats, a one-bit status vector for 14 mixed "received,
 * small delta" / "not received" symbols, a two-bit vector of 7 when a large or negative delta
 * is among them.
 *
 * <p>The arrival times are quantized as the wire carries them: the reference time is the first
 * arrival rounded down to 64 ms, each delta the distance to the previous quantized time rounded
 * to 250 µs, so errors never accumulate. Sequence numbers must increase (modulo 2^16); missing
 * ones are reported "not received". {@link #addReceivedPacket} answers false, changing nothing,
 * when a packet does not fit this feedback (a delta beyond ±8191.75 ms, more than 65535 statuses,
 * or more than the byte limit): the caller builds this one and starts the next with that packet.
 *
 * <p>The media layer's transport-cc recorder owns one, {@link #reset}s it per feedback, and feeds
 * it the arrivals of one feedback interval sorted by sequence number. Not for concurrent use.
 */
public final class TransportWideCcFeedbackBuilder {
  /** A feedback fits one datagram with room for SRTCP: the default byte limit. */
  public static final int DEFAULT_MAX_PACKET_BYTES = 1200;
  /** The smallest byte limit: the fixed part, one chunk and one two-byte delta. */
  public static final int MIN_MAX_PACKET_BYTES = 24;

  private static final int MAX_STATUS_COUNT = 0xFFFF;
  private static final int SMALL = TransportWideCcFeedback.RECEIVED_SMALL_DELTA;
  private static final int LARGE = TransportWideCcFeedback.RECEIVED_LARGE_DELTA;

  private final int maxPacketBytes;
  private long senderSsrc;
  private long mediaSsrc;
  private int feedbackPacketCount;

  private int baseSequenceNumber;
  private int lastSequenceNumber;
  private int referenceTime;
  private long lastTimeUs;

  private byte[] symbols = new byte[128];
  private int count;
  private int[] deltas = new int[128];
  private int deltaCount;
  private int deltaBytes;
  private int[] chunks = new int[32];
  private int chunkCount;
  /** The last {@code pending} symbols are not yet in a chunk. */
  private int pending;
  private boolean pendingAllSame;
  private boolean pendingHasLarge;

  /** A builder whose feedbacks stay within {@link #DEFAULT_MAX_PACKET_BYTES}. */
  public TransportWideCcFeedbackBuilder(long senderSsrc, long mediaSsrc, int feedbackPacketCount) {
    this(senderSsrc, mediaSsrc, feedbackPacketCount, DEFAULT_MAX_PACKET_BYTES);
  }

  public TransportWideCcFeedbackBuilder(long senderSsrc, long mediaSsrc, int feedbackPacketCount,
      int maxPacketBytes) {
    this.maxPacketBytes = Bytes.checkRange(maxPacketBytes, MIN_MAX_PACKET_BYTES,
        RtcpHeader.MAX_PACKET_LENGTH, "maximum packet bytes");
    reset(senderSsrc, mediaSsrc, feedbackPacketCount);
  }

  /** Empties the builder for the next feedback, keeping its arrays. */
  public TransportWideCcFeedbackBuilder reset(long senderSsrc, long mediaSsrc,
      int feedbackPacketCount) {
    this.senderSsrc = Bytes.checkU32(senderSsrc, "SSRC of packet sender");
    this.mediaSsrc = Bytes.checkU32(mediaSsrc, "SSRC of media source");
    this.feedbackPacketCount = Bytes.checkRange(feedbackPacketCount, 0, 255, "fb pkt. count");
    count = 0;
    deltaCount = 0;
    deltaBytes = 0;
    chunkCount = 0;
    clearPending();
    return this;
  }

  /**
   * Adds a packet received at {@code receiveTimeUs} (µs on any monotonic clock).
   *
   * @return false, leaving the builder as it was, if the packet does not fit this feedback
   * @throws IllegalArgumentException if {@code sequenceNumber} is not 0..65535 or does not come
   *     after the previous one (within half the sequence space)
   */
  public boolean addReceivedPacket(int sequenceNumber, long receiveTimeUs) {
    Bytes.checkRange(sequenceNumber, 0, 0xFFFF, "transport-wide sequence number");
    int missing = 0;
    long baseTimeUs = lastTimeUs;
    if (count == 0) {
      long ticks = Math.floorDiv(receiveTimeUs, TransportWideCcFeedback.REFERENCE_TIME_UNIT_US);
      baseTimeUs = ticks * TransportWideCcFeedback.REFERENCE_TIME_UNIT_US;
      referenceTime = (int) (ticks << 40 >> 40);
      baseSequenceNumber = sequenceNumber;
    } else {
      int gap = (sequenceNumber - lastSequenceNumber) & 0xFFFF;
      if (gap == 0 || gap >= 0x8000) {
        throw new IllegalArgumentException("transport-wide sequence number " + sequenceNumber
            + " does not come after " + lastSequenceNumber);
      }
      if (count + gap > MAX_STATUS_COUNT) {
        return false;
      }
      missing = gap - 1;
    }
    long delta = Math.floorDiv(receiveTimeUs - baseTimeUs + TransportWideCcFeedback.DELTA_UNIT_US
        / 2, TransportWideCcFeedback.DELTA_UNIT_US);
    if (delta < Short.MIN_VALUE || delta > Short.MAX_VALUE) {
      return false;
    }
    int symbol = delta >= 0 && delta <= 0xFF ? SMALL : LARGE;

    int savedCount = count;
    int savedChunks = chunkCount;
    int savedPending = pending;
    boolean savedAllSame = pendingAllSame;
    boolean savedHasLarge = pendingHasLarge;
    ensureCapacity(count + missing + 1);
    for (int i = 0; i < missing; i++) {
      append(TransportWideCcFeedback.NOT_RECEIVED);
    }
    append(symbol);
    int deltaLength = symbol == SMALL ? 1 : 2;
    if (packetLength(deltaBytes + deltaLength) > maxPacketBytes) {
      count = savedCount;
      chunkCount = savedChunks;
      pending = savedPending;
      pendingAllSame = savedAllSame;
      pendingHasLarge = savedHasLarge;
      return false;
    }
    deltas[deltaCount++] = (int) delta;
    deltaBytes += deltaLength;
    lastTimeUs = baseTimeUs + delta * TransportWideCcFeedback.DELTA_UNIT_US;
    lastSequenceNumber = sequenceNumber;
    return true;
  }

  /** Whether no packet was added since the last {@link #reset}. */
  public boolean isEmpty() {
    return count == 0;
  }

  /** Statuses so far: packets added plus the missing ones between them. */
  public int packetStatusCount() {
    return count;
  }

  /** Bytes the feedback would take if built now. */
  public int serializedLength() {
    return packetLength(deltaBytes);
  }

  /**
   * The feedback of every packet added since the last {@link #reset}; the builder is unchanged.
   *
   * @throws IllegalStateException if no packet was added (a feedback reports at least one)
   */
  public TransportWideCcFeedback build() {
    if (count == 0) {
      throw new IllegalStateException("a transport-wide feedback reports at least one packet");
    }
    int[] allChunks = Arrays.copyOf(chunks, chunkCount + (pending > 0 ? 1 : 0));
    if (pending > 0) {
      allChunks[chunkCount] = encodeLast();
    }
    return new TransportWideCcFeedback(senderSsrc, mediaSsrc, baseSequenceNumber, referenceTime,
        feedbackPacketCount, allChunks, Arrays.copyOf(symbols, count),
        Arrays.copyOf(deltas, deltaCount));
  }

  private int packetLength(int withDeltaBytes) {
    int length = TransportWideCcFeedback.CHUNKS_OFFSET + 2 * (chunkCount + (pending > 0 ? 1 : 0))
        + withDeltaBytes;
    return (length + 3) & ~3;
  }

  private void append(int symbol) {
    if (!fitsPending(symbol)) {
      emit();
    }
    symbols[count++] = (byte) symbol;
    pending++;
    pendingAllSame = pendingAllSame && symbol == symbols[count - pending];
    pendingHasLarge = pendingHasLarge || symbol == LARGE;
  }

  /** Whether one chunk can still hold the pending symbols plus {@code symbol}. */
  private boolean fitsPending(int symbol) {
    if (pending < StatusVectorChunk.TWO_BIT_CAPACITY) {
      return true;
    }
    if (pending < StatusVectorChunk.ONE_BIT_CAPACITY && !pendingHasLarge && symbol != LARGE
        && symbol != TransportWideCcFeedback.RECEIVED_WITHOUT_DELTA) {
      return true;
    }
    return pendingAllSame && symbol == symbols[count - pending]
        && pending < RunLengthChunk.MAX_RUN_LENGTH;
  }

  /** Moves the first pending symbols into a chunk, making room for one more symbol. */
  private void emit() {
    int first = count - pending;
    if (pendingAllSame) {
      addChunk(RunLengthChunk.encode(symbols[first], pending));
      clearPending();
    } else if (pending == StatusVectorChunk.ONE_BIT_CAPACITY) {
      addChunk(StatusVectorChunk.encodeOneBit(symbols, first, pending));
      clearPending();
    } else {
      addChunk(StatusVectorChunk.encodeTwoBit(symbols, first, StatusVectorChunk.TWO_BIT_CAPACITY));
      pending -= StatusVectorChunk.TWO_BIT_CAPACITY;
      pendingAllSame = true;
      pendingHasLarge = false;
      for (int i = count - pending; i < count; i++) {
        pendingAllSame = pendingAllSame && symbols[i] == symbols[count - pending];
        pendingHasLarge = pendingHasLarge || symbols[i] == LARGE;
      }
    }
  }

  private int encodeLast() {
    int first = count - pending;
    if (pendingAllSame) {
      return RunLengthChunk.encode(symbols[first], pending);
    }
    return pending <= StatusVectorChunk.TWO_BIT_CAPACITY
        ? StatusVectorChunk.encodeTwoBit(symbols, first, pending)
        : StatusVectorChunk.encodeOneBit(symbols, first, pending);
  }

  private void clearPending() {
    pending = 0;
    pendingAllSame = true;
    pendingHasLarge = false;
  }

  private void addChunk(int chunk) {
    if (chunkCount == chunks.length) {
      chunks = Arrays.copyOf(chunks, chunks.length * 2);
    }
    chunks[chunkCount++] = chunk;
  }

  private void ensureCapacity(int statuses) {
    if (statuses > symbols.length) {
      symbols = Arrays.copyOf(symbols, Math.max(statuses, symbols.length * 2));
    }
    if (deltaCount == deltas.length) {
      deltas = Arrays.copyOf(deltas, deltas.length * 2);
    }
  }
}
