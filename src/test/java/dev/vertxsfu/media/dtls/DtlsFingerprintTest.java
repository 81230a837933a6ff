package dev.vertxsfu.media.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

@Tag("fast")
class DtlsFingerprintTest {
  private static final DtlsCertificate CERT =
      DtlsCertificate.generate(new SecureRandom(), Instant.now(), Duration.ofDays(1));

  @Test
  void aCertificateMatchesItsOwnSha256FingerprintAsSdpWritesIt() {
    DtlsFingerprint fingerprint = CERT.fingerprint();
    assertThat(fingerprint.algorithm()).isEqualTo("sha-256");
    assertThat(fingerprint.value()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
    DtlsFingerprint parsed = DtlsFingerprint.parse(fingerprint.toString());
    assertThat(parsed).isEqualTo(fingerprint);
    assertThat(parsed.matches(CERT.der())).isTrue();
  }

  @Test
  void lowerCaseHexAndOtherHashesAreAccepted() {
    DtlsFingerprint sha1 = DtlsFingerprint.of("sha-1", CERT.der());
    DtlsFingerprint parsed = DtlsFingerprint.parse("SHA-1 " + sha1.value().toLowerCase());
    assertThat(parsed.matches(CERT.der())).isTrue();
    assertThat(DtlsFingerprint.parse(DtlsFingerprint.of("sha-512", CERT.der()).toString())
        .matches(CERT.der())).isTrue();
  }

  @Test
  void anotherCertificateDoesNotMatch() {
    DtlsCertificate other =
        DtlsCertificate.generate(new SecureRandom(), Instant.now(), Duration.ofDays(1));
    assertThat(CERT.fingerprint().matches(other.der())).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "sha-256", "sha-256 ", "md5 AB:CD", "sha-256 AB:CD", "sha-256 zz:" ,
      "sha-256 AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67",
      "sha-256 ABCD:EF01:2345:6789:ABCD:EF01:2345:6789:ABCD:EF01:2345:6789:ABCD:EF01:2345:6789",
      "sha-256 AB CD"})
  void malformedFingerprintsAreRefusedWithTheirText(String value) {
    assertThatThrownBy(() -> DtlsFingerprint.parse(value))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void chromiumsProfileOfferPicksAes128Gcm() {
    assertThat(SrtpProfiles.choose(new int[] {1, 8, 7})).isEqualTo(7);
    assertThat(SrtpProfiles.choose(new int[] {1})).isEqualTo(1);
    assertThat(SrtpProfiles.choose(new int[] {2, 5})).isEqualTo(-1);
  }
}
