package dev.vertxsfu.wire.stun;

/**
 * The class of a STUN message (RFC 8489 §5): the bits C1 and C0 of the message type. All four
 * two-bit values are defined, so no unknown class can arrive.
 */
public enum StunClass {
  /** 0b00: a request, answered by a success or an error response. */
  REQUEST(0b00),
  /** 0b01: an indication, never answered (consent keepalives may be indications). */
  INDICATION(0b01),
  /** 0b10: a success response. */
  SUCCESS_RESPONSE(0b10),
  /** 0b11: an error response, carrying an ERROR-CODE. */
  ERROR_RESPONSE(0b11);

  private static final StunClass[] BY_BITS = values();

  private final int bits;

  StunClass(int bits) {
    this.bits = bits;
  }

  /** C1 C0 as a two-bit number. */
  public int bits() {
    return bits;
  }

  /** The class whose C1 C0 are the low two bits of {@code bits}. */
  public static StunClass ofBits(int bits) {
    return BY_BITS[bits & 0b11];
  }
}
