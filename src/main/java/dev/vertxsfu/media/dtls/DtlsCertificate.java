package dev.vertxsfu.media.dtls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcECContentSignerBuilder;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * A self-signed ECDSA P-256 certificate and its key: the identity a DTLS endpoint shows, whose
 * fingerprint goes into {@code a=fingerprint} (RFC 8827 §6.5: WebRTC identifies certificates by
 * fingerprint, not by a CA chain, so self-signed is the norm, as browsers do).
 *
 * <p>Created once (per node, at start-up) and shared read-only by every {@link DtlsTransport}:
 * immutable after construction, any thread.
 */
public final class DtlsCertificate {
  private static final String SIGNATURE = "SHA256withECDSA";

  private final BcTlsCrypto crypto;
  private final AsymmetricKeyParameter privateKey;
  private final Certificate chain;
  private final byte[] der;
  private final DtlsFingerprint fingerprint;

  private DtlsCertificate(BcTlsCrypto crypto, AsymmetricKeyParameter privateKey, byte[] der) {
    this.crypto = crypto;
    this.privateKey = privateKey;
    this.der = der.clone();
    TlsCertificate certificate;
    try {
      certificate = crypto.createCertificate(der);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.chain = new Certificate(new TlsCertificate[] {certificate});
    this.fingerprint = DtlsFingerprint.of("sha-256", der);
  }

  /**
   * Generates a new key pair and certificate valid from a day before {@code now} for
   * {@code validity} (browsers do not check the dates of DTLS certificates, but other peers may).
   */
  public static DtlsCertificate generate(SecureRandom random, Instant now, Duration validity) {
    X9ECParameters curve = ECNamedCurveTable.getByName("P-256");
    ECKeyPairGenerator generator = new ECKeyPairGenerator();
    generator.init(new ECKeyGenerationParameters(
        new ECNamedDomainParameters(SECObjectIdentifiers.secp256r1, curve), random));
    AsymmetricCipherKeyPair keys = generator.generateKeyPair();
    X500Name name = new X500Name("CN=vertx-sfu");
    try {
      X509v3CertificateBuilder builder = new X509v3CertificateBuilder(name,
          new BigInteger(63, random).add(BigInteger.ONE),
          Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(validity)), name,
          SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(keys.getPublic()));
      AlgorithmIdentifier signature = new DefaultSignatureAlgorithmIdentifierFinder().find(SIGNATURE);
      AlgorithmIdentifier digest = new DefaultDigestAlgorithmIdentifierFinder().find(signature);
      byte[] der = builder.build(new BcECContentSignerBuilder(signature, digest)
          .build(keys.getPrivate())).getEncoded();
      return new DtlsCertificate(new LeanTlsCrypto(random), keys.getPrivate(), der);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (OperatorCreationException e) {
      throw new IllegalStateException("BouncyCastle cannot sign with " + SIGNATURE, e);
    }
  }

  /** The SHA-256 fingerprint to announce in {@code a=fingerprint}. */
  public DtlsFingerprint fingerprint() {
    return fingerprint;
  }

  /** The DER encoding of the certificate. */
  public byte[] der() {
    return der.clone();
  }

  BcTlsCrypto crypto() {
    return crypto;
  }

  /** The signing credentials for one handshake (BouncyCastle binds them to its context). */
  TlsCredentialedSigner signer(TlsCryptoParameters handshake) {
    return new BcDefaultTlsCredentialedSigner(handshake, crypto, privateKey, chain,
        org.bouncycastle.tls.SignatureAndHashAlgorithm.getInstance(
            org.bouncycastle.tls.HashAlgorithm.sha256, org.bouncycastle.tls.SignatureAlgorithm.ecdsa));
  }
}
