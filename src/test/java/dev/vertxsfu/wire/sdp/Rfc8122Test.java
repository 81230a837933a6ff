package dev.vertxsfu.wire.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** The {@code a=fingerprint} example of RFC 8122 (section 5). */
@Tag("fast")
class Rfc8122Test {

  @Test
  void sha1ExampleWithAnUpperCaseHashName() {
    Fingerprint fingerprint =
        Fingerprint.parse("SHA-1 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB");
    byte[] digest = HexFormat.of().parseHex("4AADB9B13F82183B540212DF3E5D496B19E57CAB");
    assertThat(fingerprint.hashFunction()).isEqualTo("sha-1");
    assertThat(fingerprint.digest()).isEqualTo(digest);
    assertThat(fingerprint.matches("sha-1", digest)).isTrue();
    assertThat(fingerprint.matches("SHA-1", digest)).isTrue();
    assertThat(fingerprint.matches("sha-256", digest)).isFalse();
    assertThat(fingerprint.format())
        .isEqualTo("sha-1 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB");
  }

  @Test
  void lowerCaseHexIsReadAndWrittenUpper() {
    Fingerprint fingerprint = Fingerprint.parse("sha-256 " + "ab:".repeat(31) + "cd");
    assertThat(fingerprint.digest()).hasSize(32);
    assertThat(fingerprint.format()).isEqualTo("sha-256 " + "AB:".repeat(31) + "CD");
  }

  @Test
  void anUnknownHashFunctionTokenIsKept() {
    Fingerprint fingerprint = Fingerprint.parse("sha3-256 01:02");
    assertThat(fingerprint.hashFunction()).isEqualTo("sha3-256");
    assertThat(fingerprint.digest()).containsExactly(1, 2);
  }
}
