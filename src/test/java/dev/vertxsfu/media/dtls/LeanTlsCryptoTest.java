package dev.vertxsfu.media.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.AEADBlockCipher;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class LeanTlsCryptoTest {

  /** The table-free GCM seals a DTLS record exactly as BouncyCastle's default one does. */
  @Test
  void itsGcmSealsLikeTheDefaultGcm() throws Exception {
    SecureRandom random = new SecureRandom(new byte[] {1});
    byte[] key = new byte[16];
    byte[] nonce = new byte[12];
    byte[] aad = new byte[13];
    byte[] record = new byte[333];
    random.nextBytes(key);
    random.nextBytes(nonce);
    random.nextBytes(aad);
    random.nextBytes(record);

    AEADBlockCipher lean = new LeanTlsCrypto(random).createGCMMode(AESEngine.newInstance());
    AEADBlockCipher standard = GCMBlockCipher.newInstance(AESEngine.newInstance());
    assertThat(seal(lean, key, nonce, aad, record)).isEqualTo(seal(standard, key, nonce, aad, record));
  }

  private static byte[] seal(AEADBlockCipher gcm, byte[] key, byte[] nonce, byte[] aad,
      byte[] plain) throws Exception {
    gcm.init(true, new AEADParameters(new KeyParameter(key), 128, nonce, aad));
    byte[] out = new byte[gcm.getOutputSize(plain.length)];
    int n = gcm.processBytes(plain, 0, plain.length, out, 0);
    gcm.doFinal(out, n);
    return out;
  }
}
