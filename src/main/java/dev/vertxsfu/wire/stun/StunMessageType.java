package dev.vertxsfu.wire.stun;

/**
 * The 14-bit STUN message type of RFC 8489 §5: a 12-bit method and a 2-bit class whose bits
 * are interleaved with the method's (an accident of RFC 3489's numbering).
 *
 * <pre>
 *                  0                 1
 *                  2  3  4 5 6 7 8 9 0 1 2 3 4 5
 *
 *                 +--+--+-+-+-+-+-+-+-+-+-+-+-+-+
 *                 |M |M |M|M|M|C|M|M|M|C|M|M|M|M|
 *                 |11|10|9|8|7|1|6|5|4|0|3|2|1|0|
 *                 +--+--+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 *                  Figure 3: Format of STUN Message Type Field
 * </pre>
 *
 * <p>Types are plain {@code int}s so that any method, known or not, survives a parse; this
 * class encodes and decodes them and names the Binding method (the only one ICE uses).
 */
public final class StunMessageType {
  private StunMessageType() {}

  /** The Binding method, 0x001 (RFC 8489 §18.2). */
  public static final int BINDING = 0x001;

  /** Binding request, 0x0001: an ICE connectivity or consent check. */
  public static final int BINDING_REQUEST = 0x0001;
  /** Binding indication, 0x0011. */
  public static final int BINDING_INDICATION = 0x0011;
  /** Binding success response, 0x0101. */
  public static final int BINDING_SUCCESS_RESPONSE = 0x0101;
  /** Binding error response, 0x0111. */
  public static final int BINDING_ERROR_RESPONSE = 0x0111;

  /** The largest method, twelve bits. */
  public static final int MAX_METHOD = 0xFFF;

  /** The message type of {@code method} (0 to 0xFFF) in class {@code messageClass}. */
  public static int of(int method, StunClass messageClass) {
    if (method < 0 || method > MAX_METHOD) {
      throw new IllegalArgumentException("a STUN method has 12 bits, got 0x"
          + Integer.toHexString(method));
    }
    int c = messageClass.bits();
    return method & 0x000F | (method & 0x0070) << 1 | (method & 0x0F80) << 2
        | (c & 0b01) << 4 | (c & 0b10) << 7;
  }

  /** The method M11..M0 of a message type. */
  public static int method(int type) {
    return type & 0x000F | type >>> 1 & 0x0070 | type >>> 2 & 0x0F80;
  }

  /** The class C1 C0 of a message type. */
  public static StunClass messageClass(int type) {
    return StunClass.ofBits(type >>> 4 & 0b01 | type >>> 7 & 0b10);
  }

  /** For logs: "Binding request", or "method 0x123 indication". */
  public static String describe(int type) {
    int method = method(type);
    String name = method == BINDING ? "Binding" : "method 0x" + Integer.toHexString(method);
    return name + " " + messageClass(type).name().toLowerCase(java.util.Locale.ROOT)
        .replace('_', ' ');
  }
}
