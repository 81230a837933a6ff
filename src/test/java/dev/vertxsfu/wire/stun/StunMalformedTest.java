package dev.vertxsfu.wire.stun;

import static dev.vertxsfu.wire.WireFuzz.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Tag;

/** Malformed messages: each gives a {@link StunFormatException} that says what and where. */
@Tag("fast")
class StunMalformedTest {

  private static final String COOKIE_AND_ID = "2112a442 000102030405060708090a0b";

  /** A Binding request with the given attribute bytes and a correct length field. */
  static byte[] request(String attributesHex) {
    byte[] attributes = hex(attributesHex);
    return withLength(attributes, attributes.length);
  }

  /** A Binding request with the given attribute bytes and length field. */
  static byte[] withLength(byte[] attributes, int lengthField) {
    byte[] header = hex("0001" + String.format("%04x", lengthField) + COOKIE_AND_ID);
    byte[] message = Arrays.copyOf(header, header.length + attributes.length);
    System.arraycopy(attributes, 0, message, header.length, attributes.length);
    return message;
  }

  static Stream<Arguments> malformed() {
    byte[] valid = request("00240004 6e0001ff");
    return Stream.of(
        arguments("empty", new byte[0], "0 bytes, shorter than the 20-byte STUN header"),
        arguments("19 bytes", Arrays.copyOf(valid, 19), "19 bytes, shorter than the 20-byte"),
        arguments("first bit set", hex("8001 0000" + COOKIE_AND_ID),
            "first byte 0x80 at offset 0: the two most significant bits must be zero"),
        arguments("second bit set", hex("4001 0000" + COOKIE_AND_ID),
            "first byte 0x40 at offset 0"),
        arguments("wrong magic cookie", hex("0001 0000 2112a443 000102030405060708090a0b"),
            "magic cookie 0x2112a443 at offset 4 is not 0x2112a442"),
        arguments("RFC 3489 message, no cookie", hex("0001 0000 00112233 000102030405060708090a0b"),
            "magic cookie 0x00112233 at offset 4"),
        arguments("length not a multiple of 4", withLength(hex("00060001 61000000"), 5),
            "message length 5 at offset 2 is not a multiple of 4"),
        arguments("length past the datagram", withLength(hex("00240004 6e0001ff"), 12),
            "message length 12 at offset 2 does not match the 8 bytes after the header"),
        arguments("bytes after the message", withLength(hex("00240004 6e0001ff 00000000"), 8),
            "message length 8 at offset 2 does not match the 12 bytes after the header"),
        arguments("padding missing at the end", withLength(hex("00060005 6162636465"), 12),
            "message length 12 at offset 2 does not match the 9 bytes after the header"),
        arguments("attribute header without its value", request("00240004"),
            "PRIORITY at offset 20: length 4 (padded to 4) runs past the message end at 24"),
        arguments("truncated value", request("00060008 61626364"),
            "USERNAME at offset 20: length 8 (padded to 8) runs past the message end at 28"),
        arguments("padding past the end", request("00060005 61626364"),
            "USERNAME at offset 20: length 5 (padded to 8) runs past the message end at 28"),
        arguments("second attribute truncated", request("00240004 6e0001ff c0570004"),
            "0xc057 at offset 28: length 4 (padded to 4) runs past the message end at 32"),
        arguments("PRIORITY of 3 bytes", request("00240003 6e0001ff"),
            "PRIORITY at offset 20: length 3, expected 4"),
        arguments("USE-CANDIDATE with a value", request("00250004 00000000"),
            "USE-CANDIDATE at offset 20: length 4, expected 0"),
        arguments("ICE-CONTROLLING of 4 bytes", request("802a0004 00000001"),
            "ICE-CONTROLLING at offset 20: length 4, expected 8"),
        arguments("ICE-CONTROLLED of 12 bytes", request("8029000c 000000000000000000000001"),
            "ICE-CONTROLLED at offset 20: length 12, expected 8"),
        arguments("MESSAGE-INTEGRITY of 16 bytes",
            request("00080010 00000000000000000000000000000000"),
            "MESSAGE-INTEGRITY at offset 20: length 16, expected 20"),
        arguments("FINGERPRINT of 8 bytes", request("80280008 0000000000000000"),
            "FINGERPRINT at offset 20: length 8, expected 4"),
        arguments("MESSAGE-INTEGRITY-SHA256 of 12 bytes",
            request("001c000c 000000000000000000000000"),
            "MESSAGE-INTEGRITY-SHA256 at offset 20: length 12 is not 16, 20, 24, 28 or 32"),
        arguments("XOR-MAPPED-ADDRESS of unknown family", request("00200008 0003a147e112a643"),
            "XOR-MAPPED-ADDRESS at offset 20: unknown address family 0x03"),
        arguments("XOR-MAPPED-ADDRESS IPv4 of 20 bytes",
            request("00200014 0001a147 e112a643 00000000 00000000 00000000"),
            "XOR-MAPPED-ADDRESS at offset 20: IPv4 value of 20 bytes, expected 8"),
        arguments("XOR-MAPPED-ADDRESS IPv6 of 8 bytes", request("00200008 0002a147e112a643"),
            "XOR-MAPPED-ADDRESS at offset 20: IPv6 value of 8 bytes, expected 20"),
        arguments("MAPPED-ADDRESS of 2 bytes", request("00010002 00010000"),
            "MAPPED-ADDRESS at offset 20: value of 2 bytes is shorter than the 4-byte family"),
        arguments("ERROR-CODE of 2 bytes", request("00090002 00000000"),
            "ERROR-CODE at offset 20: value of 2 bytes is shorter than 4"),
        arguments("ERROR-CODE class 7", request("00090004 00000700"),
            "ERROR-CODE at offset 20: class 7 and number 0 do not make a code from 300 to 699"),
        arguments("ERROR-CODE class 2", request("00090004 00000263"),
            "ERROR-CODE at offset 20: class 2 and number 99"),
        arguments("ERROR-CODE number 100", request("00090004 00000464"),
            "ERROR-CODE at offset 20: class 4 and number 100"),
        arguments("UNKNOWN-ATTRIBUTES of odd length", request("000a0003 00310000"),
            "UNKNOWN-ATTRIBUTES at offset 20: odd length 3"),
        arguments("attribute after FINGERPRINT", request("80280004 00000000 00240004 6e0001ff"),
            "PRIORITY at offset 28 follows FINGERPRINT, which must be the last attribute"),
        arguments("second FINGERPRINT", request("80280004 00000000 80280004 00000000"),
            "FINGERPRINT at offset 28 follows FINGERPRINT"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void isRefusedWithATypedErrorSayingWhere(String what, byte[] input, String fragment) {
    StunMessage message = new StunMessage();
    assertThatThrownBy(() -> message.wrap(input, 0, input.length))
        .isExactlyInstanceOf(StunFormatException.class)
        .hasMessageContaining(fragment);
    assertThat(message.length()).isZero();
  }

  @Test
  void boundsOutsideTheBufferAreATypedError() {
    StunMessage message = new StunMessage();
    byte[] valid = request("");
    assertThatThrownBy(() -> message.wrap(null, 0, 20))
        .isExactlyInstanceOf(StunFormatException.class).hasMessageContaining("no buffer");
    assertThatThrownBy(() -> message.wrap(valid, -1, 20))
        .isExactlyInstanceOf(StunFormatException.class)
        .hasMessageContaining("offset -1 and length 20 lie outside a buffer of 20 bytes");
    assertThatThrownBy(() -> message.wrap(valid, 1, 20))
        .isExactlyInstanceOf(StunFormatException.class).hasMessageContaining("outside");
    assertThatThrownBy(() -> message.wrap(valid, 0, -4))
        .isExactlyInstanceOf(StunFormatException.class).hasMessageContaining("outside");
    assertThatThrownBy(() -> message.wrap(valid, 4, Integer.MAX_VALUE))
        .isExactlyInstanceOf(StunFormatException.class).hasMessageContaining("outside");
  }

  @Test
  void offsetsInMessagesCountFromTheMessageNotTheBuffer() {
    byte[] inner = request("00240003 6e0001ff");
    byte[] buffer = new byte[inner.length + 7];
    System.arraycopy(inner, 0, buffer, 7, inner.length);
    assertThatThrownBy(() -> new StunMessage().wrap(buffer, 7, inner.length))
        .isExactlyInstanceOf(StunFormatException.class)
        .hasMessageContaining("PRIORITY at offset 20: length 3, expected 4");
  }

  @Test
  void aFailedWrapLeavesNoTraceOfThePreviousMessage() {
    StunMessage message = new StunMessage();
    byte[] good = request("00060004 61626364 00240004 6e0001ff");
    message.wrap(good, 0, good.length);
    assertThat(message.hasUsername()).isTrue();

    byte[] bad = request("00060004 61626364 00240003 6e0001ff");
    assertThatThrownBy(() -> message.wrap(bad, 0, bad.length))
        .isInstanceOf(StunFormatException.class);

    assertThat(message.hasUsername()).isFalse();
    assertThat(message.hasPriority()).isFalse();
    assertThat(message.attributes().count()).isZero();
    assertThat(message.length()).isZero();
    assertThat(message).hasToString("StunMessage(empty)");
  }

  @Test
  void absentAttributesAreAProgrammingErrorNotAFormatError() {
    StunMessage message = new StunMessage();
    byte[] empty = request("");
    message.wrap(empty, 0, empty.length);
    assertThatThrownBy(message::priority).isExactlyInstanceOf(IllegalStateException.class)
        .hasMessage("no PRIORITY attribute");
    assertThatThrownBy(message::username).isExactlyInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> message.attributes().type(0))
        .isExactlyInstanceOf(IndexOutOfBoundsException.class);
  }
}
