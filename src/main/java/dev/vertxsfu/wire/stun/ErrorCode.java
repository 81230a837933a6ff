package dev.vertxsfu.wire.stun;

import java.nio.charset.StandardCharsets;

/**
 * The ERROR-CODE attribute (RFC 8489 §14.8) of an error response: a code from 300 to 699 and
 * a UTF-8 reason phrase for humans.
 *
 * <pre>
 *      0                   1                   2                   3
 *      0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *     |           Reserved, should be 0         |Class|     Number    |
 *     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *     |      Reason Phrase (variable)                                ..
 *     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>Class is the hundreds digit (3 to 6), Number the code modulo 100 (0 to 99). The ICE
 * server answers 400 to a malformed request, 401 to a bad MESSAGE-INTEGRITY or unknown
 * USERNAME, 420 to an unknown comprehension-required attribute and 487 to a role conflict.
 * Read with {@link StunMessage#errorCode()}, written by {@link StunMessageBuilder#errorCode}.
 */
public final class ErrorCode {
  private ErrorCode() {}

  /** 300 Try Alternate (RFC 8489 §14.8). */
  public static final int TRY_ALTERNATE = 300;
  /** 400 Bad Request (RFC 8489 §14.8). */
  public static final int BAD_REQUEST = 400;
  /** 401 Unauthorized (RFC 8489 §14.8). */
  public static final int UNAUTHORIZED = 401;
  /** 420 Unknown Attribute (RFC 8489 §14.8), sent with UNKNOWN-ATTRIBUTES. */
  public static final int UNKNOWN_ATTRIBUTE = 420;
  /** 438 Stale Nonce (RFC 8489 §14.8). */
  public static final int STALE_NONCE = 438;
  /** 487 Role Conflict (RFC 8445 §7.3.1.1). */
  public static final int ROLE_CONFLICT = 487;
  /** 500 Server Error (RFC 8489 §14.8). */
  public static final int SERVER_ERROR = 500;

  /** The smallest and largest codes a Class of 3 to 6 and a Number of 0 to 99 can carry. */
  public static final int MIN_CODE = 300;
  public static final int MAX_CODE = 699;

  /** Refuses a value shorter than four bytes or whose class or number is out of range. */
  static void check(byte[] buf, int value, int length, int attributeAt, int messageAt) {
    if (length < 4) {
      throw new StunFormatException(String.format(
          "ERROR-CODE at offset %d: value of %d bytes is shorter than 4", attributeAt - messageAt,
          length));
    }
    int errorClass = buf[value + 2] & 0x07;
    int number = buf[value + 3] & 0xFF;
    if (errorClass < 3 || errorClass > 6 || number > 99) {
      throw new StunFormatException(String.format(
          "ERROR-CODE at offset %d: class %d and number %d do not make a code from 300 to 699",
          attributeAt - messageAt, errorClass, number));
    }
  }

  /** The code of a checked value. */
  static int code(byte[] buf, int value) {
    return (buf[value + 2] & 0x07) * 100 + (buf[value + 3] & 0xFF);
  }

  /** The reason phrase of a checked value; malformed UTF-8 comes out as U+FFFD. */
  static String reason(byte[] buf, int value, int length) {
    return new String(buf, value + 4, length - 4, StandardCharsets.UTF_8);
  }

  /** Writes the four fixed bytes of {@code code} at {@code value}; the reason follows. */
  static void encode(byte[] dst, int value, int code) {
    if (code < MIN_CODE || code > MAX_CODE) {
      throw new IllegalArgumentException("a STUN error code is 300 to 699, got " + code);
    }
    dst[value] = 0;
    dst[value + 1] = 0;
    dst[value + 2] = (byte) (code / 100);
    dst[value + 3] = (byte) (code % 100);
  }
}
