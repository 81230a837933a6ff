package dev.vertxsfu.wire.stun;

import static dev.vertxsfu.wire.stun.StunAttributeType.ERROR_CODE;
import static dev.vertxsfu.wire.stun.StunAttributeType.FINGERPRINT;
import static dev.vertxsfu.wire.stun.StunAttributeType.ICE_CONTROLLED;
import static dev.vertxsfu.wire.stun.StunAttributeType.ICE_CONTROLLING;
import static dev.vertxsfu.wire.stun.StunAttributeType.MAPPED_ADDRESS;
import static dev.vertxsfu.wire.stun.StunAttributeType.MESSAGE_INTEGRITY;
import static dev.vertxsfu.wire.stun.StunAttributeType.MESSAGE_INTEGRITY_SHA256;
import static dev.vertxsfu.wire.stun.StunAttributeType.PRIORITY;
import static dev.vertxsfu.wire.stun.StunAttributeType.SOFTWARE;
import static dev.vertxsfu.wire.stun.StunAttributeType.UNKNOWN_ATTRIBUTES;
import static dev.vertxsfu.wire.stun.StunAttributeType.USERNAME;
import static dev.vertxsfu.wire.stun.StunAttributeType.USE_CANDIDATE;
import static dev.vertxsfu.wire.stun.StunAttributeType.XOR_MAPPED_ADDRESS;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * A view over one STUN message (RFC 8489 §5, §14): the header checked, the attributes walked
 * once and indexed, nothing copied. Re-point it at the next datagram with {@link #wrap}.
 *
 * <pre>
 *       0                   1                   2                   3
 *       0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *      +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *      |0 0|     STUN Message Type     |         Message Length        |
 *      +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *      |                         Magic Cookie                          |
 *      +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *      |                                                               |
 *      |                     Transaction ID (96 bits)                  |
 *      |                                                               |
 *      +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 *                  Figure 2: Format of STUN Message Header
 * </pre>
 *
 * <p>The attributes follow the header, each laid out as {@link StunAttributeType} shows.
 *
 * <p>{@link #wrap} accepts a datagram only if: it holds at least the 20-byte header; the two
 * top bits are zero; the magic cookie is 0x2112A442 (RFC 3489 messages are refused); the
 * Message Length is a multiple of 4 and equals the bytes after the header; every attribute
 * (type, length, value and padding to 4 bytes; {@link StunAttributeType}) lies inside the
 * message; nothing follows FINGERPRINT; and each attribute this class decodes has a valid
 * value. Following §14.5 and §14.6, attributes after MESSAGE-INTEGRITY are ignored except
 * MESSAGE-INTEGRITY-SHA256 and FINGERPRINT: they are walked for well-formedness but neither
 * indexed nor listed. Of a repeated attribute the first counts; every counted one is listed.
 * Unknown attributes are listed with their type, comprehension-required or not.
 *
 * <p>Who calls it: the ICE-lite server, once per Binding request on the transport's event
 * loop; it keeps one instance per thread and reuses it, so a parse allocates nothing (the
 * attribute index grows only for a message with more than 16 attributes). The view reads the
 * caller's array, which must stay unchanged while the view is used. After a failed
 * {@code wrap} the view is empty, never the previous message. Getters of absent attributes
 * throw {@link IllegalStateException}; test with the {@code has} methods first.
 * MESSAGE-INTEGRITY is checked by {@link MessageIntegrity#verify}, FINGERPRINT by
 * {@link #fingerprintMatches()}.
 */
public final class StunMessage {
  /** The header's length, 20 bytes. */
  public static final int HEADER_LENGTH = 20;
  /** The fixed value at offset 4 of every RFC 5389 and RFC 8489 message. */
  public static final int MAGIC_COOKIE = 0x2112A442;
  /** Offset of the 96-bit transaction id in the header. */
  public static final int TRANSACTION_ID_OFFSET = 8;
  /** Length of the transaction id, 12 bytes. */
  public static final int TRANSACTION_ID_LENGTH = 12;

  private static final int ABSENT = -1;

  // allocated by this, once
  private final CRC32 crc = new CRC32();
  private final StunAttributes attributes = new StunAttributes();

  // the wrapped message
  private byte[] buf;
  private int offset;
  private int length;
  private int type;
  private int username = ABSENT;
  private int priority = ABSENT;
  private int useCandidate = ABSENT;
  private int iceControlling = ABSENT;
  private int iceControlled = ABSENT;
  private int xorMappedAddress = ABSENT;
  private int mappedAddress = ABSENT;
  private int errorCode = ABSENT;
  private int unknownAttributes = ABSENT;
  private int software = ABSENT;
  private int messageIntegrity = ABSENT;
  private int fingerprint = ABSENT;

  /**
   * Points this view at the STUN message that fills {@code buf[off .. off+len)}.
   *
   * @return this
   * @throws StunFormatException if the bytes are not a well-formed message (see the class
   *     comment); nothing else is ever thrown
   */
  public StunMessage wrap(byte[] buf, int off, int len) {
    clear();
    try {
      walk(buf, off, len);
    } catch (StunFormatException e) {
      clear();
      throw e;
    }
    this.buf = buf;
    this.offset = off;
    this.length = len;
    this.type = BigEndian.u16(buf, off);
    return this;
  }

  private void walk(byte[] buf, int off, int len) {
    if (buf == null) {
      throw new StunFormatException("no buffer");
    }
    if (off < 0 || len < 0 || off > buf.length - len) {
      throw new StunFormatException(String.format(
          "offset %d and length %d lie outside a buffer of %d bytes", off, len, buf.length));
    }
    StunHeader.check(buf, off, len);
    int end = off + len;
    int at = off + HEADER_LENGTH;
    int integrity = 0; // 0: none yet, 1: after MESSAGE-INTEGRITY, 2: after the SHA256 one
    while (at < end) {
      int attributeType = BigEndian.u16(buf, at);
      int valueLength = BigEndian.u16(buf, at + 2);
      if (StunAttributeType.padded(valueLength) > end - at - 4) {
        throw new StunFormatException(String.format(
            "%s at offset %d: length %d (padded to %d) runs past the message end at %d",
            StunAttributeType.describe(attributeType), at - off, valueLength,
            StunAttributeType.padded(valueLength), len));
      }
      if (fingerprint != ABSENT) {
        throw new StunFormatException(String.format(
            "%s at offset %d follows FINGERPRINT, which must be the last attribute",
            StunAttributeType.describe(attributeType), at - off));
      }
      boolean counted = attributeType == FINGERPRINT || integrity == 0
          || integrity == 1 && attributeType == MESSAGE_INTEGRITY_SHA256;
      if (counted) {
        StunAttributeCheck.check(buf, at, valueLength, off);
        attributes.add(buf, at);
        index(attributeType, at);
        if (attributeType == MESSAGE_INTEGRITY) {
          integrity = 1;
        } else if (attributeType == MESSAGE_INTEGRITY_SHA256) {
          integrity = 2;
        }
      }
      at += 4 + StunAttributeType.padded(valueLength);
    }
  }

  private void clear() {
    buf = null;
    offset = 0;
    length = 0;
    type = 0;
    attributes.clear();
    username = priority = useCandidate = iceControlling = iceControlled = ABSENT;
    xorMappedAddress = mappedAddress = errorCode = unknownAttributes = software = ABSENT;
    messageIntegrity = fingerprint = ABSENT;
  }

  private void index(int attributeType, int at) {
    switch (attributeType) {
      case USERNAME -> username = first(username, at);
      case PRIORITY -> priority = first(priority, at);
      case USE_CANDIDATE -> useCandidate = first(useCandidate, at);
      case ICE_CONTROLLING -> iceControlling = first(iceControlling, at);
      case ICE_CONTROLLED -> iceControlled = first(iceControlled, at);
      case XOR_MAPPED_ADDRESS -> xorMappedAddress = first(xorMappedAddress, at);
      case MAPPED_ADDRESS -> mappedAddress = first(mappedAddress, at);
      case ERROR_CODE -> errorCode = first(errorCode, at);
      case UNKNOWN_ATTRIBUTES -> unknownAttributes = first(unknownAttributes, at);
      case SOFTWARE -> software = first(software, at);
      case MESSAGE_INTEGRITY -> messageIntegrity = first(messageIntegrity, at);
      case FINGERPRINT -> fingerprint = at;
      default -> { }
    }
  }

  private static int first(int current, int at) {
    return current == ABSENT ? at : current;
  }

  // ---- header

  /** The wrapped array (package-private: for {@link MessageIntegrity}). */
  byte[] buffer() {
    return buf;
  }

  /** Where the message starts in the wrapped array. */
  public int offset() {
    return offset;
  }

  /** The message's length in bytes, header included; 0 when nothing is wrapped. */
  public int length() {
    return length;
  }

  /** The 14-bit message type ({@link StunMessageType}). */
  public int messageType() {
    return type;
  }

  /** The 12-bit method; {@link StunMessageType#BINDING} for ICE. */
  public int method() {
    return StunMessageType.method(type);
  }

  /** The class: request, indication, success or error response. */
  public StunClass messageClass() {
    return StunMessageType.messageClass(type);
  }

  /** Index of the transaction id in the wrapped array (12 bytes from there). */
  public int transactionIdOffset() {
    return offset + TRANSACTION_ID_OFFSET;
  }

  /** A copy of the 12-byte transaction id. */
  public byte[] transactionId() {
    int from = transactionIdOffset();
    return Arrays.copyOfRange(wrapped(), from, from + TRANSACTION_ID_LENGTH);
  }

  /** Whether the transaction id equals the 12 bytes of {@code other} at {@code otherOffset}. */
  public boolean transactionIdEquals(byte[] other, int otherOffset) {
    int from = transactionIdOffset();
    return Arrays.equals(wrapped(), from, from + TRANSACTION_ID_LENGTH,
        other, otherOffset, otherOffset + TRANSACTION_ID_LENGTH);
  }

  /** Every listed attribute, known or not, in wire order (see the class comment). */
  public StunAttributes attributes() {
    return attributes;
  }

  // ---- USERNAME, SOFTWARE

  public boolean hasUsername() {
    return username != ABSENT;
  }

  /** Index in the wrapped array of the USERNAME value, for lookups without a String. */
  public int usernameOffset() {
    return present(username, "USERNAME") + 4;
  }

  /** Length of the USERNAME value in bytes. */
  public int usernameLength() {
    return BigEndian.u16(buf, present(username, "USERNAME") + 2);
  }

  /** Whether USERNAME is present and byte for byte {@code expected}; allocates nothing. */
  public boolean usernameEquals(byte[] expected) {
    if (!hasUsername()) {
      return false;
    }
    int from = usernameOffset();
    return Arrays.equals(buf, from, from + usernameLength(), expected, 0, expected.length);
  }

  /**
   * Whether USERNAME is present and its part before the first colon is {@code ufrag}: the
   * local username fragment an ICE check is addressed to (RFC 8445 §7.2.2). Allocates nothing.
   */
  public boolean usernameFragmentEquals(byte[] ufrag) {
    if (!hasUsername() || usernameLength() <= ufrag.length) {
      return false;
    }
    int from = usernameOffset();
    return buf[from + ufrag.length] == ':'
        && Arrays.equals(buf, from, from + ufrag.length, ufrag, 0, ufrag.length);
  }

  /** USERNAME decoded as UTF-8 (malformed sequences become U+FFFD). */
  public String username() {
    return new String(buf, usernameOffset(), usernameLength(), StandardCharsets.UTF_8);
  }

  public boolean hasSoftware() {
    return software != ABSENT;
  }

  /** SOFTWARE decoded as UTF-8. */
  public String software() {
    int at = present(software, "SOFTWARE");
    return new String(buf, at + 4, BigEndian.u16(buf, at + 2), StandardCharsets.UTF_8);
  }

  // ---- ICE (RFC 8445 §16.1)

  public boolean hasPriority() {
    return priority != ABSENT;
  }

  /** PRIORITY, an unsigned 32-bit number. */
  public long priority() {
    return BigEndian.i32(buf, present(priority, "PRIORITY") + 4) & 0xFFFF_FFFFL;
  }

  /** Whether USE-CANDIDATE is present: the controlling agent nominates the pair. */
  public boolean hasUseCandidate() {
    return useCandidate != ABSENT;
  }

  public boolean hasIceControlling() {
    return iceControlling != ABSENT;
  }

  /** The ICE-CONTROLLING tie-breaker (64 bits, compare unsigned). */
  public long iceControlling() {
    return BigEndian.i64(buf, present(iceControlling, "ICE-CONTROLLING") + 4);
  }

  public boolean hasIceControlled() {
    return iceControlled != ABSENT;
  }

  /** The ICE-CONTROLLED tie-breaker (64 bits, compare unsigned). */
  public long iceControlled() {
    return BigEndian.i64(buf, present(iceControlled, "ICE-CONTROLLED") + 4);
  }

  // ---- addresses, errors

  public boolean hasXorMappedAddress() {
    return xorMappedAddress != ABSENT;
  }

  /**
   * XOR-MAPPED-ADDRESS, unmasked. An IPv4-mapped IPv6 address comes back as an
   * {@code Inet4Address}, as {@link java.net.InetAddress#getByAddress(byte[])} makes it.
   */
  public InetSocketAddress xorMappedAddress() {
    int at = present(xorMappedAddress, "XOR-MAPPED-ADDRESS");
    return XorMappedAddress.decode(buf, at + 4, BigEndian.u16(buf, at + 2), offset);
  }

  public boolean hasMappedAddress() {
    return mappedAddress != ABSENT;
  }

  /** MAPPED-ADDRESS. */
  public InetSocketAddress mappedAddress() {
    int at = present(mappedAddress, "MAPPED-ADDRESS");
    return MappedAddress.decode(buf, at + 4, BigEndian.u16(buf, at + 2), 0, false, 0);
  }

  public boolean hasErrorCode() {
    return errorCode != ABSENT;
  }

  /** The ERROR-CODE as a number from 300 to 699 ({@link ErrorCode}). */
  public int errorCode() {
    return ErrorCode.code(buf, present(errorCode, "ERROR-CODE") + 4);
  }

  /** The ERROR-CODE's reason phrase. */
  public String errorReason() {
    int at = present(errorCode, "ERROR-CODE");
    return ErrorCode.reason(buf, at + 4, BigEndian.u16(buf, at + 2));
  }

  public boolean hasUnknownAttributes() {
    return unknownAttributes != ABSENT;
  }

  /** The types listed by UNKNOWN-ATTRIBUTES. */
  public int[] unknownAttributes() {
    int at = present(unknownAttributes, "UNKNOWN-ATTRIBUTES");
    return UnknownAttributes.decode(buf, at + 4, BigEndian.u16(buf, at + 2));
  }

  // ---- integrity

  public boolean hasMessageIntegrity() {
    return messageIntegrity != ABSENT;
  }

  /** Index in the wrapped array where the MESSAGE-INTEGRITY attribute (its type) starts. */
  int messageIntegrityAt() {
    return present(messageIntegrity, "MESSAGE-INTEGRITY");
  }

  public boolean hasFingerprint() {
    return fingerprint != ABSENT;
  }

  /** Whether a FINGERPRINT is present and matches the CRC-32 of the bytes before it. */
  public boolean fingerprintMatches() {
    if (fingerprint == ABSENT) {
      return false;
    }
    int expected = Fingerprint.compute(crc, buf, offset, fingerprint - offset);
    return BigEndian.i32(buf, fingerprint + 4) == expected;
  }

  private int present(int at, String name) {
    if (at == ABSENT) {
      throw new IllegalStateException("no " + name + " attribute");
    }
    return at;
  }

  private byte[] wrapped() {
    if (buf == null) {
      throw new IllegalStateException("no message wrapped");
    }
    return buf;
  }

  /** For logs: the type, the length and the attributes' names and lengths. */
  @Override
  public String toString() {
    if (buf == null) {
      return "StunMessage(empty)";
    }
    return "StunMessage(" + StunMessageType.describe(type) + ", " + length + " bytes: "
        + attributes + ")";
  }
}
