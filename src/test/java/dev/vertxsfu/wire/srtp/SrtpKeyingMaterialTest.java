package dev.vertxsfu.wire.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Tag;

/**
 * RFC 5764 §4.2 (the exporter output's layout) and §4.1.2 / RFC 7714 §14.2 (profile ids and
 * lengths).
 */
@Tag("fast")
class SrtpKeyingMaterialTest {
  @ParameterizedTest
  @EnumSource(SrtpProfile.class)
  void splitsClientKeyServerKeyClientSaltServerSalt(SrtpProfile profile) {
    int key = profile.masterKeyLength();
    int salt = profile.masterSaltLength();
    byte[] material = new byte[profile.keyingMaterialLength()];
    for (int i = 0; i < material.length; i++) {
      material[i] = (byte) i;
    }
    SrtpSessionKeys client = SrtpKeyingMaterial.clientWriteKeys(profile, material);
    SrtpSessionKeys server = SrtpKeyingMaterial.serverWriteKeys(profile, material);
    SrtpSessionKeys expectedClient = SrtpSessionKeys.derive(profile,
        Arrays.copyOfRange(material, 0, key), Arrays.copyOfRange(material, 2 * key, 2 * key + salt));
    SrtpSessionKeys expectedServer = SrtpSessionKeys.derive(profile,
        Arrays.copyOfRange(material, key, 2 * key),
        Arrays.copyOfRange(material, 2 * key + salt, 2 * key + 2 * salt));
    assertThat(client.rtpKey).isEqualTo(expectedClient.rtpKey);
    assertThat(client.rtpSalt).isEqualTo(expectedClient.rtpSalt);
    assertThat(client.rtcpAuthKey).isEqualTo(expectedClient.rtcpAuthKey);
    assertThat(server.rtpKey).isEqualTo(expectedServer.rtpKey);
    assertThat(server.rtcpSalt).isEqualTo(expectedServer.rtcpSalt);
    assertThat(client.profile()).isEqualTo(profile);
  }

  @Test
  void theExporterLabelIsRfc5764s() {
    assertThat(SrtpKeyingMaterial.EXPORTER_LABEL).isEqualTo("EXTRACTOR-dtls_srtp");
  }

  @Test
  void profilesCarryTheirRegisteredIdsAndLengths() {
    assertThat(SrtpProfile.byId(0x0001)).contains(SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80);
    assertThat(SrtpProfile.byId(0x0002)).contains(SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_32);
    assertThat(SrtpProfile.byId(0x0007)).contains(SrtpProfile.SRTP_AEAD_AES_128_GCM);
    assertThat(SrtpProfile.byId(0x0008)).contains(SrtpProfile.SRTP_AEAD_AES_256_GCM);
    assertThat(SrtpProfile.byId(0x0005)).as("NULL_HMAC_SHA1_80 is not implemented").isEmpty();
    assertThat(SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80.keyingMaterialLength()).isEqualTo(60);
    assertThat(SrtpProfile.SRTP_AEAD_AES_128_GCM.keyingMaterialLength()).isEqualTo(56);
    assertThat(SrtpProfile.SRTP_AEAD_AES_256_GCM.keyingMaterialLength()).isEqualTo(88);
    assertThat(SrtpProfile.SRTP_AEAD_AES_256_GCM.isAead()).isTrue();
    assertThat(SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80.isAead()).isFalse();
    assertThat(SrtpProfile.SRTP_AES128_CM_HMAC_SHA1_80.srtpTagLength()).isEqualTo(10);
    assertThat(SrtpProfile.SRTP_AEAD_AES_128_GCM.srtcpOverhead()).isEqualTo(20);
  }

  @Test
  void statusCodesHaveNames() {
    assertThat(SrtpStatus.name(SrtpStatus.AUTHENTICATION_FAILED))
        .isEqualTo("AUTHENTICATION_FAILED");
    assertThat(SrtpStatus.name(SrtpStatus.REPLAYED)).isEqualTo("REPLAYED");
    assertThat(SrtpStatus.name(SrtpStatus.TOO_OLD)).isEqualTo("TOO_OLD");
    assertThat(SrtpStatus.name(1200)).isEqualTo("OK");
    assertThat(SrtpStatus.name(-9)).isEqualTo("UNKNOWN(-9)");
  }
}
