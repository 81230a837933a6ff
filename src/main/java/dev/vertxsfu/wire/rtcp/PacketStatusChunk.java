package dev.vertxsfu.wire.rtcp;

/**
 * A packet status chunk of transport-wide feedback (draft-holmer-rmcat-transport-wide-cc-
 * extensions-01 §3.1.2): 16 bits whose first bit tells a {@link RunLengthChunk} (0) from a {@link
 * StatusVectorChunk} (1). Chunks are kept as plain {@code int}s holding the 16 bits, so decoding
 * allocates nothing.
 *
 * <p>The 2-bit packet status symbols (§3.1.1) are {@link TransportWideCcFeedback#NOT_RECEIVED},
 * {@link TransportWideCcFeedback#RECEIVED_SMALL_DELTA}, {@link
 * TransportWideCcFeedback#RECEIVED_LARGE_DELTA} and {@link
 * TransportWideCcFeedback#RECEIVED_WITHOUT_DELTA}.
 */
final class PacketStatusChunk {
  private PacketStatusChunk() {}

  static boolean isRunLength(int chunk) {
    return (chunk & 0x8000) == 0;
  }

  /** How many packets the chunk describes when nothing limits it: run length, 14 or 7. */
  static int capacity(int chunk) {
    return isRunLength(chunk) ? RunLengthChunk.runLength(chunk) : StatusVectorChunk.size(chunk);
  }

  /** The symbol of the chunk's {@code index}-th packet, {@code index < capacity(chunk)}. */
  static int symbol(int chunk, int index) {
    return isRunLength(chunk) ? RunLengthChunk.symbol(chunk) : StatusVectorChunk.symbol(chunk, index);
  }

  /** Receive delta octets a packet with this status symbol carries: 0, 1 or 2. */
  static int deltaLength(int symbol) {
    return symbol == TransportWideCcFeedback.RECEIVED_SMALL_DELTA ? 1
        : symbol == TransportWideCcFeedback.RECEIVED_LARGE_DELTA ? 2 : 0;
  }
}
