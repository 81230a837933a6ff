package dev.vertxsfu.wire.stun;

/**
 * STUN attribute types (RFC 8489 §14 and §18.3, RFC 8445 §16.1) and the TLV layout every
 * attribute shares.
 *
 * <pre>
 *      0                   1                   2                   3
 *      0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *     |         Type                  |            Length             |
 *     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *     |                         Value (variable)                ....
 *     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 *                   Figure 4: Format of STUN Attributes
 * </pre>
 *
 * <p>Length counts the value without its padding; each attribute is padded to a multiple of
 * four bytes, and the padding may hold any value. Types 0x0000-0x7FFF are
 * comprehension-required: a server that does not understand one answers 420 (Unknown
 * Attribute) with an UNKNOWN-ATTRIBUTES list. Types 0x8000-0xFFFF are comprehension-optional
 * and are ignored when not understood (Chromium, for one, sends GOOG-NETWORK-INFO, 0xC057).
 * Types are plain {@code int}s, so unknown ones survive a parse and a rebuild.
 */
public final class StunAttributeType {
  private StunAttributeType() {}

  // Comprehension-required, 0x0000-0x7FFF

  /** MAPPED-ADDRESS (RFC 8489 §14.1), the RFC 3489 address, not obfuscated. */
  public static final int MAPPED_ADDRESS = 0x0001;
  /** USERNAME (RFC 8489 §14.3); for ICE "remote ufrag:local ufrag" from the checker's view. */
  public static final int USERNAME = 0x0006;
  /** MESSAGE-INTEGRITY (RFC 8489 §14.5), HMAC-SHA1. */
  public static final int MESSAGE_INTEGRITY = 0x0008;
  /** ERROR-CODE (RFC 8489 §14.8). */
  public static final int ERROR_CODE = 0x0009;
  /** UNKNOWN-ATTRIBUTES (RFC 8489 §14.13). */
  public static final int UNKNOWN_ATTRIBUTES = 0x000A;
  /** REALM (RFC 8489 §14.9), long-term credentials only. */
  public static final int REALM = 0x0014;
  /** NONCE (RFC 8489 §14.10), long-term credentials only. */
  public static final int NONCE = 0x0015;
  /** MESSAGE-INTEGRITY-SHA256 (RFC 8489 §14.6); recognized, not verified here. */
  public static final int MESSAGE_INTEGRITY_SHA256 = 0x001C;
  /** PASSWORD-ALGORITHM (RFC 8489 §14.12). */
  public static final int PASSWORD_ALGORITHM = 0x001D;
  /** USERHASH (RFC 8489 §14.4). */
  public static final int USERHASH = 0x001E;
  /** XOR-MAPPED-ADDRESS (RFC 8489 §14.2). */
  public static final int XOR_MAPPED_ADDRESS = 0x0020;
  /** PRIORITY (RFC 8445 §16.1): the priority a peer-reflexive candidate would get. */
  public static final int PRIORITY = 0x0024;
  /** USE-CANDIDATE (RFC 8445 §16.1): the controlling agent nominates this pair; no value. */
  public static final int USE_CANDIDATE = 0x0025;

  // Comprehension-optional, 0x8000-0xFFFF

  /** PASSWORD-ALGORITHMS (RFC 8489 §14.11). */
  public static final int PASSWORD_ALGORITHMS = 0x8002;
  /** ALTERNATE-DOMAIN (RFC 8489 §14.16). */
  public static final int ALTERNATE_DOMAIN = 0x8003;
  /** SOFTWARE (RFC 8489 §14.14). */
  public static final int SOFTWARE = 0x8022;
  /** ALTERNATE-SERVER (RFC 8489 §14.15). */
  public static final int ALTERNATE_SERVER = 0x8023;
  /** FINGERPRINT (RFC 8489 §14.7), CRC-32; always the last attribute. */
  public static final int FINGERPRINT = 0x8028;
  /** ICE-CONTROLLED (RFC 8445 §16.1): 64-bit tie-breaker of the controlled agent. */
  public static final int ICE_CONTROLLED = 0x8029;
  /** ICE-CONTROLLING (RFC 8445 §16.1): 64-bit tie-breaker of the controlling agent. */
  public static final int ICE_CONTROLLING = 0x802A;

  /** Whether an agent that does not understand {@code type} must reject the message. */
  public static boolean isComprehensionRequired(int type) {
    return type < 0x8000;
  }

  /** Whether {@code type} is one of the types named in this class. */
  public static boolean isKnown(int type) {
    return name(type) != null;
  }

  /** The RFC name of a known type ("XOR-MAPPED-ADDRESS"), or null. */
  public static String name(int type) {
    return switch (type) {
      case MAPPED_ADDRESS -> "MAPPED-ADDRESS";
      case USERNAME -> "USERNAME";
      case MESSAGE_INTEGRITY -> "MESSAGE-INTEGRITY";
      case ERROR_CODE -> "ERROR-CODE";
      case UNKNOWN_ATTRIBUTES -> "UNKNOWN-ATTRIBUTES";
      case REALM -> "REALM";
      case NONCE -> "NONCE";
      case MESSAGE_INTEGRITY_SHA256 -> "MESSAGE-INTEGRITY-SHA256";
      case PASSWORD_ALGORITHM -> "PASSWORD-ALGORITHM";
      case USERHASH -> "USERHASH";
      case XOR_MAPPED_ADDRESS -> "XOR-MAPPED-ADDRESS";
      case PRIORITY -> "PRIORITY";
      case USE_CANDIDATE -> "USE-CANDIDATE";
      case PASSWORD_ALGORITHMS -> "PASSWORD-ALGORITHMS";
      case ALTERNATE_DOMAIN -> "ALTERNATE-DOMAIN";
      case SOFTWARE -> "SOFTWARE";
      case ALTERNATE_SERVER -> "ALTERNATE-SERVER";
      case FINGERPRINT -> "FINGERPRINT";
      case ICE_CONTROLLED -> "ICE-CONTROLLED";
      case ICE_CONTROLLING -> "ICE-CONTROLLING";
      default -> null;
    };
  }

  /** For logs and error messages: the RFC name, or "0x1234". */
  public static String describe(int type) {
    String name = name(type);
    return name != null ? name : String.format("0x%04x", type);
  }

  /** {@code length} rounded up to the 4-byte boundary that ends the attribute. */
  static int padded(int length) {
    return length + 3 & ~3;
  }
}
