package dev.vertxsfu.wire.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Tag;

/** The interleaved method and class bits of RFC 8489 §5, Figure 3. */
@Tag("fast")
class StunMessageTypeTest {

  @ParameterizedTest(name = "method 0x{0} {1} = 0x{2}")
  @CsvSource({
      "001, REQUEST,          0001", // RFC 8489 §5: Binding request
      "001, SUCCESS_RESPONSE, 0101", // RFC 8489 §5: Binding response
      "001, INDICATION,       0011",
      "001, ERROR_RESPONSE,   0111",
      "003, REQUEST,          0003", // TURN Allocate (RFC 8656)
      "00f, REQUEST,          000f", // M3..M0 stay in place
      "010, REQUEST,          0020", // M4 skips C0
      "070, REQUEST,          00e0", // M6..M4
      "080, REQUEST,          0200", // M7 skips C1
      "f80, REQUEST,          3e00", // M11..M7
      "fff, REQUEST,          3eef",
      "fff, ERROR_RESPONSE,   3fff",
      "000, INDICATION,       0010", // C0 alone
      "000, SUCCESS_RESPONSE, 0100", // C1 alone
  })
  void encodesAndDecodes(String method, StunClass messageClass, String type) {
    int m = Integer.parseInt(method, 16);
    int t = Integer.parseInt(type, 16);
    assertThat(StunMessageType.of(m, messageClass)).isEqualTo(t);
    assertThat(StunMessageType.method(t)).isEqualTo(m);
    assertThat(StunMessageType.messageClass(t)).isEqualTo(messageClass);
  }

  @Test
  void everyFourteenBitTypeIsOneMethodInOneClass() {
    for (int type = 0; type < 0x4000; type++) {
      int method = StunMessageType.method(type);
      StunClass messageClass = StunMessageType.messageClass(type);
      assertThat(StunMessageType.of(method, messageClass)).isEqualTo(type);
    }
  }

  @Test
  void methodsHaveTwelveBits() {
    assertThatThrownBy(() -> StunMessageType.of(0x1000, StunClass.REQUEST))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StunMessageType.of(-1, StunClass.REQUEST))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void namedConstantsAreTheBindingMethod() {
    assertThat(StunMessageType.BINDING_REQUEST)
        .isEqualTo(StunMessageType.of(StunMessageType.BINDING, StunClass.REQUEST));
    assertThat(StunMessageType.BINDING_INDICATION)
        .isEqualTo(StunMessageType.of(StunMessageType.BINDING, StunClass.INDICATION));
    assertThat(StunMessageType.BINDING_SUCCESS_RESPONSE)
        .isEqualTo(StunMessageType.of(StunMessageType.BINDING, StunClass.SUCCESS_RESPONSE));
    assertThat(StunMessageType.BINDING_ERROR_RESPONSE)
        .isEqualTo(StunMessageType.of(StunMessageType.BINDING, StunClass.ERROR_RESPONSE));
    assertThat(StunMessageType.describe(0x0111)).isEqualTo("Binding error response");
    assertThat(StunMessageType.describe(0x0003)).isEqualTo("method 0x3 request");
  }
}
