package dev.vertxsfu.wire.stun;

import static dev.vertxsfu.wire.stun.StunAttributeType.ERROR_CODE;
import static dev.vertxsfu.wire.stun.StunAttributeType.FINGERPRINT;
import static dev.vertxsfu.wire.stun.StunAttributeType.ICE_CONTROLLED;
import static dev.vertxsfu.wire.stun.StunAttributeType.ICE_CONTROLLING;
import static dev.vertxsfu.wire.stun.StunAttributeType.MAPPED_ADDRESS;
import static dev.vertxsfu.wire.stun.StunAttributeType.MESSAGE_INTEGRITY;
import static dev.vertxsfu.wire.stun.StunAttributeType.MESSAGE_INTEGRITY_SHA256;
import static dev.vertxsfu.wire.stun.StunAttributeType.PRIORITY;
import static dev.vertxsfu.wire.stun.StunAttributeType.UNKNOWN_ATTRIBUTES;
import static dev.vertxsfu.wire.stun.StunAttributeType.USE_CANDIDATE;
import static dev.vertxsfu.wire.stun.StunAttributeType.XOR_MAPPED_ADDRESS;

/**
 * The value rules of the attributes {@link StunMessage} decodes, checked while it walks a
 * message so that its getters never meet a malformed value. Other attributes (USERNAME,
 * SOFTWARE and unknown ones) may hold any bytes.
 */
final class StunAttributeCheck {
  private StunAttributeCheck() {}

  /** Checks the attribute at {@code at} (its value length already inside the message). */
  static void check(byte[] buf, int at, int length, int messageAt) {
    int type = BigEndian.u16(buf, at);
    int value = at + 4;
    switch (type) {
      case PRIORITY -> exactly(4, type, length, at, messageAt);
      case USE_CANDIDATE -> exactly(0, type, length, at, messageAt);
      case ICE_CONTROLLING, ICE_CONTROLLED -> exactly(8, type, length, at, messageAt);
      case MESSAGE_INTEGRITY -> exactly(MessageIntegrity.LENGTH, type, length, at, messageAt);
      case FINGERPRINT -> exactly(Fingerprint.LENGTH, type, length, at, messageAt);
      case MESSAGE_INTEGRITY_SHA256 -> {
        // §14.6: at least 16 bytes, at most 32, a multiple of 4
        if (length < 16 || length > 32 || (length & 3) != 0) {
          throw new StunFormatException(String.format(
              "MESSAGE-INTEGRITY-SHA256 at offset %d: length %d is not 16, 20, 24, 28 or 32",
              at - messageAt, length));
        }
      }
      case XOR_MAPPED_ADDRESS, MAPPED_ADDRESS ->
          MappedAddress.check(buf, value, length, at, messageAt);
      case ERROR_CODE -> ErrorCode.check(buf, value, length, at, messageAt);
      case UNKNOWN_ATTRIBUTES -> UnknownAttributes.check(length, at, messageAt);
      default -> { }
    }
  }

  private static void exactly(int expected, int type, int length, int at, int messageAt) {
    if (length != expected) {
      throw new StunFormatException(String.format(
          "%s at offset %d: length %d, expected %d", StunAttributeType.describe(type),
          at - messageAt, length, expected));
    }
  }
}
