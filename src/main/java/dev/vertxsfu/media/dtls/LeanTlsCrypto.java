package dev.vertxsfu.media.dtls;

import java.security.SecureRandom;
import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.modes.AEADBlockCipher;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.gcm.BasicGCMMultiplier;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * BouncyCastle's lightweight TLS crypto with a table-free GHASH for the DTLS record layer.
 *
 * <p>A DTLS association lives as long as its client (MEDIA-NOTES.md: keep reading records after
 * the handshake), and BouncyCastle's default AES-GCM keeps a 4k-entry multiplication table per
 * direction: ~18 KB per client, most of what the association holds once connected. After the
 * handshake the record layer carries a handful of records (a resent final flight, alerts), since
 * media goes over SRTP with its own keys, so GHASH speed does not matter there and
 * {@link BasicGCMMultiplier} (no table) is enough. The handshake itself is unchanged.
 *
 * <p>One instance per {@link DtlsCertificate}, shared by its handshakes (BouncyCastle's crypto
 * object is stateless apart from its random source, which is thread-safe).
 */
final class LeanTlsCrypto extends BcTlsCrypto {
  LeanTlsCrypto(SecureRandom random) {
    super(random);
  }

  @Override
  protected AEADBlockCipher createGCMMode(BlockCipher engine) {
    return GCMBlockCipher.newInstance(engine, new BasicGCMMultiplier());
  }
}
