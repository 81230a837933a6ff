package dev.vertxsfu.wire.stun;

import static dev.vertxsfu.wire.WireFuzz.hex;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** MESSAGE-INTEGRITY and FINGERPRINT catch what they must, and only that. */
@Tag("fast")
class MessageIntegrityTest {

  private final StunMessage message = new StunMessage();
  private final StunMessageBuilder builder = new StunMessageBuilder();
  private final MessageIntegrity key =
      MessageIntegrity.shortTerm(StunRoundTripTest.LOCAL_PASSWORD);

  private byte[] request() {
    return StunRoundTripTest.chromiumLikeRequest(builder, key);
  }

  private StunMessage wrap(byte[] bytes) {
    return message.wrap(bytes, 0, bytes.length);
  }

  @Test
  void wrongMessageIntegrityFailsVerification() {
    byte[] request = request();
    int value = request.length - 8 - 20; // MESSAGE-INTEGRITY's value, before FINGERPRINT
    for (int bit = 0; bit < 160; bit += 7) {
      byte[] forged = request.clone();
      forged[value + bit / 8] ^= (byte) (1 << bit % 8);
      assertThat(key.verify(wrap(forged))).as("bit %d flipped", bit).isFalse();
    }
  }

  @Test
  void wrongFingerprintFailsWhileIntegrityStillHolds() {
    byte[] request = request();
    byte[] forged = request.clone();
    forged[forged.length - 1] ^= 0x01;
    wrap(forged);
    assertThat(message.fingerprintMatches()).isFalse();
    assertThat(key.verify(message)).isTrue();
  }

  @Test
  void alteredContentFailsBothChecks() {
    byte[] request = request();
    byte[] forged = request.clone();
    forged[20 + 4 + 5] ^= 0x20; // the X of USERNAME "sfu1:Xy9z" becomes x
    wrap(forged);
    assertThat(message.username()).isEqualTo("sfu1:xy9z");
    assertThat(key.verify(message)).isFalse();
    assertThat(message.fingerprintMatches()).isFalse();
  }

  @Test
  void alteredTransactionIdOrTypeFailsIntegrity() {
    byte[] forged = request();
    forged[8] ^= 0x01;
    assertThat(key.verify(wrap(forged))).isFalse();
    byte[] indication = request();
    indication[1] = 0x11; // Binding indication
    assertThat(key.verify(wrap(indication))).isFalse();
  }

  @Test
  void anotherKeyFailsVerification() {
    wrap(request());
    assertThat(MessageIntegrity.shortTerm("hnDSOzPYi8Ylmy8cx2Q4A3Fe").verify(message)).isFalse();
    assertThat(MessageIntegrity.shortTerm("").verify(message)).isFalse();
  }

  @Test
  void aMessageWithoutIntegrityDoesNotVerify() {
    byte[] plain = builder.start(StunMessageType.BINDING_REQUEST,
        StunRoundTripTest.TRANSACTION_ID, 0).username("sfu1:Xy9z").fingerprint().toByteArray();
    wrap(plain);
    assertThat(key.verify(message)).isFalse();
    assertThat(message.fingerprintMatches()).isTrue();
  }

  @Test
  void aMessageWithoutFingerprintDoesNotMatchOne() {
    byte[] signed = builder.start(StunMessageType.BINDING_REQUEST,
        StunRoundTripTest.TRANSACTION_ID, 0).username("sfu1:Xy9z").messageIntegrity(key)
        .toByteArray();
    wrap(signed);
    assertThat(message.hasFingerprint()).isFalse();
    assertThat(message.fingerprintMatches()).isFalse();
    assertThat(key.verify(message)).isTrue();
  }

  @Test
  void oneVerifierGivesTheSameAnswersWhenReused() {
    byte[] good = request();
    byte[] bad = good.clone();
    bad[good.length - 9] ^= 0x01;
    for (int i = 0; i < 5; i++) {
      assertThat(key.verify(wrap(good))).isTrue();
      assertThat(key.verify(wrap(bad))).isFalse();
    }
  }

  @Test
  void signingAndVerifyingAgreeForEveryPrefixLength() {
    // attribute counts and value lengths that move MESSAGE-INTEGRITY across the message
    for (int length = 0; length < 70; length++) {
      byte[] signed = builder.start(StunMessageType.BINDING_SUCCESS_RESPONSE,
          StunRoundTripTest.TRANSACTION_ID, 0)
          .attribute(0x8055, new byte[length], 0, length)
          .messageIntegrity(key).fingerprint().toByteArray();
      wrap(signed);
      assertThat(key.verify(message)).as("value of %d bytes", length).isTrue();
      assertThat(message.fingerprintMatches()).isTrue();
    }
  }

  @Test
  void anEmptyKeyIsTheOneZeroByteKeyOfHmac() {
    MessageIntegrity empty = new MessageIntegrity(new byte[0]);
    byte[] signed = builder.start(StunMessageType.BINDING_REQUEST,
        StunRoundTripTest.TRANSACTION_ID, 0).messageIntegrity(empty).toByteArray();
    assertThat(new MessageIntegrity(new byte[] {0}).verify(wrap(signed))).isTrue();
    assertThat(MessageIntegrity.shortTerm("").verify(message)).isTrue();
  }

  @Test
  void longTermKeyIsMd5OfUsernameRealmAndPassword() {
    // MD5("user:realm:pass"), computed independently
    assertThat(MessageIntegrity.longTermKey("user", "realm", "pass"))
        .isEqualTo(hex("8493fbc53ba582fb4c044c456bdc40eb"));
  }
}
