package dev.vertxsfu.wire.stun;

import static dev.vertxsfu.wire.WireFuzz.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** Build, parse, rebuild: every attribute survives, unknown ones byte for byte. */
@Tag("fast")
class StunRoundTripTest {

  static final byte[] TRANSACTION_ID = hex("4a6f4b2b 7a3d5a3f 21c1e0aa");
  static final String LOCAL_PASSWORD = "hnDSOzPYi8Ylmy8cx2Q4A3Fd"; // 24 ice-chars
  /** GOOG-NETWORK-INFO, a comprehension-optional attribute Chromium adds. */
  static final int GOOG_NETWORK_INFO = 0xC057;

  private final StunMessage message = new StunMessage();
  private final StunMessageBuilder builder = new StunMessageBuilder();
  private final MessageIntegrity key = MessageIntegrity.shortTerm(LOCAL_PASSWORD);

  /** A Binding request shaped like Chromium's connectivity checks, with a nomination. */
  static byte[] chromiumLikeRequest(StunMessageBuilder builder, MessageIntegrity key) {
    return builder.start(StunMessageType.BINDING_REQUEST, TRANSACTION_ID, 0)
        .username("sfu1:Xy9z")
        .attribute(GOOG_NETWORK_INFO, hex("0001 03e7"), 0, 4)
        .iceControlling(0x1234_5678_9abc_def0L)
        .useCandidate()
        .priority(1_853_693_695L)
        .messageIntegrity(key)
        .fingerprint()
        .toByteArray();
  }

  /** Rebuilds a parsed message attribute by attribute, signing anew with {@code key}. */
  static byte[] rebuild(StunMessage parsed, MessageIntegrity key, StunMessageBuilder builder) {
    builder.start(parsed.messageType(), parsed);
    StunAttributes attributes = parsed.attributes();
    byte[] buf = parsed.buffer();
    for (int i = 0; i < attributes.count(); i++) {
      switch (attributes.type(i)) {
        case StunAttributeType.MESSAGE_INTEGRITY -> builder.messageIntegrity(key);
        case StunAttributeType.FINGERPRINT -> builder.fingerprint();
        default -> builder.attribute(attributes.type(i), buf, attributes.valueOffset(i),
            attributes.valueLength(i));
      }
    }
    return builder.toByteArray();
  }

  @Test
  void chromiumLikeRequestReadsBack() {
    byte[] request = chromiumLikeRequest(builder, key);
    message.wrap(request, 0, request.length);

    assertThat(message.messageType()).isEqualTo(StunMessageType.BINDING_REQUEST);
    assertThat(message.transactionIdEquals(TRANSACTION_ID, 0)).isTrue();
    assertThat(message.username()).isEqualTo("sfu1:Xy9z");
    assertThat(new String(request, message.usernameOffset(), message.usernameLength(),
        StandardCharsets.US_ASCII)).isEqualTo("sfu1:Xy9z");
    assertThat(message.iceControlling()).isEqualTo(0x1234_5678_9abc_def0L);
    assertThat(message.hasIceControlled()).isFalse();
    assertThat(message.hasUseCandidate()).isTrue();
    assertThat(message.priority()).isEqualTo(1_853_693_695L);
    assertThat(key.verify(message)).isTrue();
    assertThat(message.fingerprintMatches()).isTrue();
    assertThat(message.attributes().firstUnknownComprehensionRequired()).isEqualTo(-1);
    assertThat(message).hasToString("StunMessage(Binding request, " + request.length
        + " bytes: USERNAME[9], 0xc057[4], ICE-CONTROLLING[8], USE-CANDIDATE[0], PRIORITY[4],"
        + " MESSAGE-INTEGRITY[20], FINGERPRINT[4])");
  }

  @Test
  void parsedMessagesRebuildToTheSameBytes() {
    byte[] request = chromiumLikeRequest(builder, key);
    message.wrap(request, 0, request.length);
    assertThat(hex(rebuild(message, key, new StunMessageBuilder()))).isEqualTo(hex(request));

    byte[] response = Rfc5769Test.SAMPLE_IPV6_RESPONSE;
    message.wrap(response, 0, response.length);
    StunMessageBuilder spaces = new StunMessageBuilder().padding(' ');
    assertThat(hex(rebuild(message, MessageIntegrity.shortTerm(
        Rfc5769Test.SHORT_TERM_PASSWORD), spaces))).isEqualTo(hex(response));
  }

  @Test
  void unknownAttributesArePreservedWithTheirRange() {
    byte[] withUnknown = builder.start(StunMessageType.BINDING_REQUEST, TRANSACTION_ID, 0)
        .attribute(0x7ffe, hex("010203"), 0, 3)
        .attribute(0xfffe, hex(""), 0, 0)
        .attribute(0x0031, hex("0a0b0c0d0e"), 0, 5)
        .toByteArray();
    message.wrap(withUnknown, 0, withUnknown.length);
    StunAttributes attributes = message.attributes();

    assertThat(attributes.count()).isEqualTo(3);
    assertThat(attributes.type(0)).isEqualTo(0x7ffe);
    assertThat(attributes.value(0)).isEqualTo(hex("010203"));
    assertThat(attributes.valueLength(1)).isZero();
    assertThat(attributes.value(2)).isEqualTo(hex("0a0b0c0d0e"));
    assertThat(StunAttributeType.isComprehensionRequired(0x7ffe)).isTrue();
    assertThat(StunAttributeType.isComprehensionRequired(0xfffe)).isFalse();
    assertThat(attributes.firstUnknownComprehensionRequired()).isEqualTo(0x7ffe);
    assertThat(hex(rebuild(message, key, new StunMessageBuilder()))).isEqualTo(hex(withUnknown));
  }

  @Test
  void errorResponseWithUnknownAttributesRoundTrips() {
    byte[] response = builder.start(StunMessageType.BINDING_ERROR_RESPONSE, TRANSACTION_ID, 0)
        .errorCode(ErrorCode.UNKNOWN_ATTRIBUTE, "Unknown Attribute")
        .unknownAttributes(0x0031, 0x7ffe, 0x0032)
        .messageIntegrity(key)
        .fingerprint()
        .toByteArray();
    message.wrap(response, 0, response.length);

    assertThat(message.messageClass()).isEqualTo(StunClass.ERROR_RESPONSE);
    assertThat(message.errorCode()).isEqualTo(420);
    assertThat(message.errorReason()).isEqualTo("Unknown Attribute");
    assertThat(message.unknownAttributes()).containsExactly(0x0031, 0x7ffe, 0x0032);
    assertThat(key.verify(message)).isTrue();
    assertThat(message.fingerprintMatches()).isTrue();
    assertThat(hex(rebuild(message, key, new StunMessageBuilder()))).isEqualTo(hex(response));
  }

  @Test
  void everyErrorCodeFrom300To699RoundTrips() {
    for (int code = ErrorCode.MIN_CODE; code <= ErrorCode.MAX_CODE; code++) {
      byte[] response = builder.start(StunMessageType.BINDING_ERROR_RESPONSE, TRANSACTION_ID, 0)
          .errorCode(code, "r\u00e9ason " + code).toByteArray();
      message.wrap(response, 0, response.length);
      assertThat(message.errorCode()).isEqualTo(code);
      assertThat(message.errorReason()).isEqualTo("r\u00e9ason " + code);
    }
    assertThatThrownBy(() -> builder.errorCode(299, "")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.errorCode(700, "")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void addressesRoundTripForBothFamilies() {
    for (String literal : new String[] {"192.0.2.1", "0.0.0.0", "255.255.255.255",
        "2001:db8:1234:5678:11:2233:4455:6677", "::1", "fe80::1"}) {
      for (int port : new int[] {0, 1, 0x2112, 32853, 65535}) {
        InetSocketAddress address = new InetSocketAddress(address(literal), port);
        byte[] response = builder
            .start(StunMessageType.BINDING_SUCCESS_RESPONSE, TRANSACTION_ID, 0)
            .xorMappedAddress(address)
            .mappedAddress(address)
            .toByteArray();
        message.wrap(response, 0, response.length);
        assertThat(message.xorMappedAddress()).as(literal).isEqualTo(address);
        assertThat(message.mappedAddress()).as(literal).isEqualTo(address);
      }
    }
  }

  @Test
  void xorMappedAddressIsMaskedOnTheWire() {
    byte[] response = builder.start(StunMessageType.BINDING_SUCCESS_RESPONSE, TRANSACTION_ID, 0)
        .xorMappedAddress(new byte[] {(byte) 192, 0, 2, 1}, 32853)
        .toByteArray();
    // RFC 5769 2.2 shows the same address and port masked by the same cookie
    assertThat(hex(response)).endsWith("00200008" + "0001a147e112a643");
  }

  @Test
  void attributesAfterMessageIntegrityAreIgnoredAndDoNotBreakIt() {
    byte[] signed = builder.start(StunMessageType.BINDING_REQUEST, TRANSACTION_ID, 0)
        .username("sfu1:Xy9z")
        .messageIntegrity(key)
        .toByteArray();
    // append SOFTWARE and a second USERNAME after MESSAGE-INTEGRITY, then a FINGERPRINT
    byte[] tail = hex("80220004 61626364 00060004 65766531");
    byte[] message = new byte[signed.length + tail.length + 8];
    System.arraycopy(signed, 0, message, 0, signed.length);
    System.arraycopy(tail, 0, message, signed.length, tail.length);
    int fingerprintAt = signed.length + tail.length;
    message[2] = 0;
    message[3] = (byte) (message.length - 20);
    System.arraycopy(hex("80280004"), 0, message, fingerprintAt, 4);
    int crc = crc32(message, fingerprintAt) ^ 0x5354554e;
    System.arraycopy(hex(String.format("%08x", crc)), 0, message, fingerprintAt + 4, 4);

    this.message.wrap(message, 0, message.length);

    assertThat(this.message.hasSoftware()).isFalse();
    assertThat(this.message.username()).isEqualTo("sfu1:Xy9z");
    assertThat(this.message.attributes().count()).isEqualTo(3);
    assertThat(key.verify(this.message)).isTrue();
    assertThat(this.message.fingerprintMatches()).isTrue();
  }

  @Test
  void theFirstOfARepeatedAttributeCounts() {
    byte[] twice = builder.start(StunMessageType.BINDING_REQUEST, TRANSACTION_ID, 0)
        .priority(1).priority(2).username("a:b").username("c:d").toByteArray();
    message.wrap(twice, 0, twice.length);
    assertThat(message.priority()).isEqualTo(1);
    assertThat(message.username()).isEqualTo("a:b");
    assertThat(message.attributes().count()).isEqualTo(4);
  }

  @Test
  void manyAttributesGrowTheIndex() {
    builder.start(StunMessageType.BINDING_INDICATION, TRANSACTION_ID, 0);
    for (int i = 0; i < 100; i++) {
      builder.attribute(0x8100 + i, new byte[] {(byte) i}, 0, 1);
    }
    byte[] many = builder.toByteArray();
    message.wrap(many, 0, many.length);
    assertThat(message.attributes().count()).isEqualTo(100);
    assertThat(message.attributes().type(99)).isEqualTo(0x8100 + 99);
    assertThat(message.attributes().value(99)).containsExactly(99);
  }

  @Test
  void aMessageInsideALargerBufferIsReadInPlace() {
    byte[] request = chromiumLikeRequest(builder, key);
    byte[] datagram = new byte[request.length + 40];
    java.util.Arrays.fill(datagram, (byte) 0x5a);
    System.arraycopy(request, 0, datagram, 13, request.length);
    message.wrap(datagram, 13, request.length);

    assertThat(message.offset()).isEqualTo(13);
    assertThat(message.transactionIdOffset()).isEqualTo(21);
    assertThat(message.username()).isEqualTo("sfu1:Xy9z");
    assertThat(key.verify(message)).isTrue();
    assertThat(message.fingerprintMatches()).isTrue();
    assertThat(hex(rebuild(message, key, new StunMessageBuilder()))).isEqualTo(hex(request));
  }

  @Test
  void oneViewIsReusedForMessageAfterMessage() {
    byte[] request = chromiumLikeRequest(builder, key);
    byte[] response = Rfc5769Test.SAMPLE_IPV4_RESPONSE;
    for (int i = 0; i < 3; i++) {
      message.wrap(request, 0, request.length);
      assertThat(message.hasUseCandidate()).isTrue();
      assertThat(message.hasXorMappedAddress()).isFalse();
      message.wrap(response, 0, response.length);
      assertThat(message.hasUseCandidate()).isFalse();
      assertThat(message.hasUsername()).isFalse();
      assertThat(message.hasXorMappedAddress()).isTrue();
      assertThat(message.attributes().count()).isEqualTo(4);
    }
  }

  @Test
  void builderRefusesWhatReceiversWouldIgnoreOrReject() {
    builder.start(StunMessageType.BINDING_REQUEST, TRANSACTION_ID, 0).messageIntegrity(key);
    assertThatThrownBy(() -> builder.username("late")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("USERNAME after MESSAGE-INTEGRITY");
    builder.fingerprint();
    assertThatThrownBy(builder::fingerprint).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("FINGERPRINT must be the last attribute");
    assertThatThrownBy(() -> builder.start(0x4000, TRANSACTION_ID, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.start(StunMessageType.BINDING_REQUEST, TRANSACTION_ID, 0)
        .priority(0x1_0000_0000L)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.xorMappedAddress(new byte[5], 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.xorMappedAddress(new byte[4], 65536))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.attribute(0x8000, new byte[0xFFFF], 0, 0xFFFF))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("at most 65552 bytes");
  }

  @Test
  void theLongestMessageFitsTheLengthField() {
    // length field 0xFFFC: one attribute header and a 65525-byte value padded to 65528
    builder.start(StunMessageType.BINDING_INDICATION, TRANSACTION_ID, 0)
        .attribute(0x8000, new byte[65525], 0, 65525);
    byte[] longest = builder.toByteArray();
    assertThat(longest).hasSize(20 + 0xFFFC);
    message.wrap(longest, 0, longest.length);
    assertThat(message.attributes().valueLength(0)).isEqualTo(65525);
    assertThatThrownBy(() -> builder.start(StunMessageType.BINDING_INDICATION, TRANSACTION_ID, 0)
        .attribute(0x8000, new byte[65529], 0, 65529))
        .isInstanceOf(IllegalStateException.class);
  }

  private static int crc32(byte[] bytes, int length) {
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(bytes, 0, length);
    return (int) crc.getValue();
  }

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }
}
