package dev.vertxsfu.wire.srtp;

import static dev.vertxsfu.wire.WireFuzz.hex;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * RFC 6188 §7.2, the AES_256_CM_PRF test case: the key derivation RFC 7714 §11 prescribes for
 * SRTP_AEAD_AES_256_GCM, with a 32-byte master key (typed in from the RFC text).
 */
@Tag("fast")
class Rfc6188Test {
  static final byte[] MASTER_KEY = hex("f0f04914b513f2763a1b1fa130f10e29"
      + "98f6f6e43e4309d1e622a0e332b9f1b6");
  static final byte[] MASTER_SALT = hex("3b04803de51ee7c96423ab5b78d2");

  @Test
  void section7_2DerivesTheCipherKeyWithAes256() {
    assertThat(hex(SrtpKeyDerivation.derive(MASTER_KEY, MASTER_SALT, 0x00, 32)))
        .isEqualTo("5ba1064e30ec51613cad926c5a28ef731ec7fb397f70a960653caf06554cd8c4");
  }

  @Test
  void section7_2DerivesTheCipherSalt() {
    assertThat(hex(SrtpKeyDerivation.derive(MASTER_KEY, MASTER_SALT, 0x02, 14)))
        .isEqualTo("fa31791685ca444a9e07c6c64e93");
  }

  @Test
  void section7_2DerivesTheAuthKey() {
    assertThat(hex(SrtpKeyDerivation.derive(MASTER_KEY, MASTER_SALT, 0x01, 20)))
        .isEqualTo("fd9c32d39ed5fbb5a9dc96b30818454d1313dc05");
  }

  @Test
  void aTwelveByteMasterSaltDerivesAsIfPaddedWithTwoZeroBytes() {
    // RFC 7714 erratum 4938: the 96-bit master salt is multiplied by 2^16 (zero-padded on the
    // right) before the PRF, so a 12-byte salt derives what its 14-byte padding would.
    byte[] salt12 = hex("3b04803de51ee7c96423ab5b");
    byte[] salt14 = hex("3b04803de51ee7c96423ab5b0000");
    SrtpSessionKeys keys = SrtpSessionKeys.derive(SrtpProfile.SRTP_AEAD_AES_256_GCM,
        MASTER_KEY, salt12);
    assertThat(keys.rtpKey).isEqualTo(SrtpKeyDerivation.derive(MASTER_KEY, salt14, 0x00, 32));
    assertThat(keys.rtpSalt).isEqualTo(SrtpKeyDerivation.derive(MASTER_KEY, salt14, 0x02, 12));
    assertThat(keys.rtcpKey).isEqualTo(SrtpKeyDerivation.derive(MASTER_KEY, salt14, 0x03, 32));
    assertThat(keys.rtcpSalt).isEqualTo(SrtpKeyDerivation.derive(MASTER_KEY, salt14, 0x05, 12));
    assertThat(keys.rtpAuthKey).isEmpty();
  }
}
