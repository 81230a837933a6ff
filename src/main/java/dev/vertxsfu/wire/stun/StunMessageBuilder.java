package dev.vertxsfu.wire.stun;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * Writes one STUN message (RFC 8489 §5, layout in {@link StunMessage}) at a time: the header,
 * then attributes in the order they are added, each padded to four bytes, then optionally
 * MESSAGE-INTEGRITY (§14.5) and FINGERPRINT (§14.7), which must come last in that order.
 *
 * <pre>{@code
 * builder.start(StunMessageType.BINDING_SUCCESS_RESPONSE, request)
 *     .xorMappedAddress(sender)
 *     .messageIntegrity(localPassword)
 *     .fingerprint();
 * socket.send(builder.array(), 0, builder.length());
 * }</pre>
 *
 * <p>Who calls it: the ICE-lite server, for each response, on its transport's event loop; it
 * keeps one builder and reuses it, so a response allocates nothing once the builder's array
 * has grown to fit (apart from what {@code Mac} allocates inside). {@link #array()} is that
 * array, valid until the next {@link #start}. Misuse (an attribute after FINGERPRINT, a
 * port above 65535) is a programming error and throws {@link IllegalArgumentException} or
 * {@link IllegalStateException}.
 *
 * <p>Padding bytes are zero unless {@link #padding(int)} says otherwise: RFC 8489 lets them
 * hold any value, and the RFC 5769 test vectors happen to pad with spaces.
 */
public final class StunMessageBuilder {
  /** The length field has 16 bits and counts whole 4-byte words: at most 0xFFFC. */
  private static final int MAX_LENGTH = StunMessage.HEADER_LENGTH + 0xFFFC;

  // allocated by this
  private final CRC32 crc = new CRC32();
  private byte[] buf = new byte[256];

  // the message being built
  private int position;
  private byte padding;
  private boolean integrity;
  private boolean fingerprint;

  /**
   * Starts a message of {@code messageType} ({@link StunMessageType}) with the 12-byte
   * transaction id at {@code transactionId[offset]}, discarding what was built before.
   */
  public StunMessageBuilder start(int messageType, byte[] transactionId, int offset) {
    if (messageType < 0 || messageType > 0x3FFF) {
      throw new IllegalArgumentException("a STUN message type has 14 bits, got 0x"
          + Integer.toHexString(messageType));
    }
    position = 0;
    integrity = false;
    fingerprint = false;
    ensure(StunMessage.HEADER_LENGTH);
    BigEndian.put16(buf, 0, messageType);
    BigEndian.put16(buf, 2, 0);
    BigEndian.put32(buf, 4, StunMessage.MAGIC_COOKIE);
    System.arraycopy(transactionId, offset, buf, StunMessage.TRANSACTION_ID_OFFSET,
        StunMessage.TRANSACTION_ID_LENGTH);
    position = StunMessage.HEADER_LENGTH;
    return this;
  }

  /** Starts a response or other message carrying {@code request}'s transaction id. */
  public StunMessageBuilder start(int messageType, StunMessage request) {
    if (request.length() == 0) {
      throw new IllegalStateException("the request view wraps no message");
    }
    return start(messageType, request.buffer(), request.transactionIdOffset());
  }

  /** The value of padding bytes from now on (0 to 255; 0 initially). */
  public StunMessageBuilder padding(int value) {
    padding = (byte) value;
    return this;
  }

  /** An attribute with the value {@code value[offset .. offset+length)}, copied verbatim. */
  public StunMessageBuilder attribute(int type, byte[] value, int offset, int length) {
    int at = begin(type, length);
    System.arraycopy(value, offset, buf, at, length);
    return end(length);
  }

  /** USERNAME from UTF-8 bytes. */
  public StunMessageBuilder username(byte[] value, int offset, int length) {
    return attribute(StunAttributeType.USERNAME, value, offset, length);
  }

  /** USERNAME, encoded as UTF-8 (already prepared, see {@link MessageIntegrity}). */
  public StunMessageBuilder username(String username) {
    byte[] value = username.getBytes(StandardCharsets.UTF_8);
    return username(value, 0, value.length);
  }

  /** SOFTWARE, encoded as UTF-8. */
  public StunMessageBuilder software(String software) {
    byte[] value = software.getBytes(StandardCharsets.UTF_8);
    return attribute(StunAttributeType.SOFTWARE, value, 0, value.length);
  }

  /** PRIORITY (RFC 8445 §16.1), an unsigned 32-bit number. */
  public StunMessageBuilder priority(long priority) {
    if (priority < 0 || priority > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("PRIORITY has 32 bits, got " + priority);
    }
    BigEndian.put32(buf, begin(StunAttributeType.PRIORITY, 4), (int) priority);
    return end(4);
  }

  /** USE-CANDIDATE (RFC 8445 §16.1), which has no value. */
  public StunMessageBuilder useCandidate() {
    begin(StunAttributeType.USE_CANDIDATE, 0);
    return end(0);
  }

  /** ICE-CONTROLLING (RFC 8445 §16.1) with a 64-bit tie-breaker. */
  public StunMessageBuilder iceControlling(long tieBreaker) {
    BigEndian.put64(buf, begin(StunAttributeType.ICE_CONTROLLING, 8), tieBreaker);
    return end(8);
  }

  /** ICE-CONTROLLED (RFC 8445 §16.1) with a 64-bit tie-breaker. */
  public StunMessageBuilder iceControlled(long tieBreaker) {
    BigEndian.put64(buf, begin(StunAttributeType.ICE_CONTROLLED, 8), tieBreaker);
    return end(8);
  }

  /** XOR-MAPPED-ADDRESS of a 4- or 16-byte IP address and a port. */
  public StunMessageBuilder xorMappedAddress(byte[] address, int port) {
    int length = MappedAddress.valueLength(address.length);
    XorMappedAddress.encode(buf, begin(StunAttributeType.XOR_MAPPED_ADDRESS, length), address,
        port);
    return end(length);
  }

  /** XOR-MAPPED-ADDRESS of a resolved socket address (the sender of a request). */
  public StunMessageBuilder xorMappedAddress(InetSocketAddress address) {
    return xorMappedAddress(resolved(address).getAddress(), address.getPort());
  }

  /** MAPPED-ADDRESS of a 4- or 16-byte IP address and a port. */
  public StunMessageBuilder mappedAddress(byte[] address, int port) {
    int length = MappedAddress.valueLength(address.length);
    MappedAddress.encode(buf, begin(StunAttributeType.MAPPED_ADDRESS, length), address, port,
        0, false, 0);
    return end(length);
  }

  /** MAPPED-ADDRESS of a resolved socket address. */
  public StunMessageBuilder mappedAddress(InetSocketAddress address) {
    return mappedAddress(resolved(address).getAddress(), address.getPort());
  }

  /** ERROR-CODE with a code from 300 to 699 ({@link ErrorCode}) and a reason phrase. */
  public StunMessageBuilder errorCode(int code, String reason) {
    byte[] phrase = reason.getBytes(StandardCharsets.UTF_8);
    int at = begin(StunAttributeType.ERROR_CODE, 4 + phrase.length);
    ErrorCode.encode(buf, at, code);
    System.arraycopy(phrase, 0, buf, at + 4, phrase.length);
    return end(4 + phrase.length);
  }

  /** UNKNOWN-ATTRIBUTES listing {@code types}, for a 420 response. */
  public StunMessageBuilder unknownAttributes(int... types) {
    UnknownAttributes.encode(buf, begin(StunAttributeType.UNKNOWN_ATTRIBUTES,
        2 * types.length), types);
    return end(2 * types.length);
  }

  /** MESSAGE-INTEGRITY with {@code key}'s HMAC-SHA1 over everything written so far. */
  public StunMessageBuilder messageIntegrity(MessageIntegrity key) {
    int attribute = position;
    begin(StunAttributeType.MESSAGE_INTEGRITY, MessageIntegrity.LENGTH);
    key.sign(buf, attribute);
    end(MessageIntegrity.LENGTH);
    return this;
  }

  /** FINGERPRINT over everything written so far; nothing may follow it. */
  public StunMessageBuilder fingerprint() {
    int attribute = position;
    int value = begin(StunAttributeType.FINGERPRINT, Fingerprint.LENGTH);
    BigEndian.put32(buf, value, Fingerprint.compute(crc, buf, 0, attribute));
    return end(Fingerprint.LENGTH);
  }

  /**
   * Writes an attribute header and sets the message length to include the whole attribute;
   * returns where the value goes.
   */
  private int begin(int type, int length) {
    if (position == 0) {
      throw new IllegalStateException("start() a message first");
    }
    if (type < 0 || type > 0xFFFF || length < 0 || length > 0xFFFF) {
      throw new IllegalArgumentException(String.format(
          "attribute type 0x%x with a %d-byte value does not fit STUN", type, length));
    }
    if (fingerprint) {
      throw new IllegalStateException("FINGERPRINT must be the last attribute");
    }
    if (integrity && type != StunAttributeType.FINGERPRINT
        && type != StunAttributeType.MESSAGE_INTEGRITY_SHA256) {
      throw new IllegalStateException("receivers ignore "
          + StunAttributeType.describe(type) + " after MESSAGE-INTEGRITY (RFC 8489 §14.5)");
    }
    int end = position + 4 + StunAttributeType.padded(length);
    if (end > MAX_LENGTH) {
      throw new IllegalStateException("a STUN message holds at most " + MAX_LENGTH + " bytes");
    }
    ensure(end);
    BigEndian.put16(buf, position, type);
    BigEndian.put16(buf, position + 2, length);
    BigEndian.put16(buf, 2, end - StunMessage.HEADER_LENGTH);
    integrity |= type == StunAttributeType.MESSAGE_INTEGRITY;
    fingerprint |= type == StunAttributeType.FINGERPRINT;
    return position + 4;
  }

  /** Pads the value just written and moves past the attribute. */
  private StunMessageBuilder end(int length) {
    int value = position + 4;
    int padded = StunAttributeType.padded(length);
    Arrays.fill(buf, value + length, value + padded, padding);
    position = value + padded;
    return this;
  }

  private void ensure(int capacity) {
    if (buf.length < capacity) {
      buf = Arrays.copyOf(buf, Math.max(capacity, Math.min(2 * buf.length, MAX_LENGTH)));
    }
  }

  private static InetAddress resolved(InetSocketAddress address) {
    if (address.getAddress() == null) {
      throw new IllegalArgumentException("unresolved address " + address);
    }
    return address.getAddress();
  }

  /** The message's length so far, in bytes. */
  public int length() {
    return position;
  }

  /** The builder's own array; the message is its first {@link #length()} bytes. */
  public byte[] array() {
    return buf;
  }

  /** A copy of the message. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buf, position);
  }
}
