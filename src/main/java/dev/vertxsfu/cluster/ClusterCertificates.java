package dev.vertxsfu.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcECContentSignerBuilder;

/**
 * The certificates of the event bus's mutual TLS, from a {@link ClusterSecret}: a certificate
 * authority whose P-256 key is derived from the secret (the same key on every node; its
 * certificate is the trust anchor), and a certificate per node, on a fresh key of the node's
 * own, signed by that authority at start-up. A node trusts exactly the certificates the
 * authority signed, so any node with the secret accepts any other, and nothing else.
 *
 * <p>Why derive rather than mount a CA from a Kubernetes Secret: one string configures a
 * cluster, locally as on Kubernetes, with nothing to issue or rotate by hand; a holder of the
 * secret can mint certificates either way. Pure BouncyCastle, no Vert.x: called once by
 * {@link Clustering} on the thread that starts the node.
 */
final class ClusterCertificates {
  static final X500Name CA_NAME = new X500Name("CN=vertx-sfu cluster CA");
  /** The authority's validity: fixed, so every node derives the same anchor. */
  static final Instant CA_NOT_BEFORE = Instant.parse("2020-01-01T00:00:00Z");
  static final Instant CA_NOT_AFTER = Instant.parse("2100-01-01T00:00:00Z");
  /** A node's certificate outlives any node process; the node is trusted as long as the CA. */
  static final Duration NODE_VALIDITY = Duration.ofDays(3650);
  private static final X9ECParameters P256 = ECNamedCurveTable.getByOID(SECObjectIdentifiers.secp256r1);
  private static final ECNamedDomainParameters DOMAIN =
      new ECNamedDomainParameters(SECObjectIdentifiers.secp256r1, P256);

  /** A node's key and certificate, and the authority's certificate, each as PEM text. */
  record NodeIdentity(String keyPem, String certificatePem, String caCertificatePem) {
    /** Keeps the private key out of logs. */
    @Override
    public String toString() {
      return "NodeIdentity[" + certificatePem.length() + " chars of certificate]";
    }
  }

  private ClusterCertificates() {}

  /** The cluster CA's key pair: the same for every node with {@code secret}. */
  static AsymmetricCipherKeyPair caKeyPair(ClusterSecret secret) {
    BigInteger d = secret.caPrivateScalar(P256.getN());
    return new AsymmetricCipherKeyPair(
        new ECPublicKeyParameters(P256.getG().multiply(d).normalize(), DOMAIN),
        new ECPrivateKeyParameters(d, DOMAIN));
  }

  /** The cluster CA's self-signed certificate (the trust anchor). */
  static X509CertificateHolder caCertificate(AsymmetricCipherKeyPair ca) {
    try {
      X509v3CertificateBuilder builder = new X509v3CertificateBuilder(CA_NAME, BigInteger.ONE,
          Date.from(CA_NOT_BEFORE), Date.from(CA_NOT_AFTER), CA_NAME,
          SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(ca.getPublic()));
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      builder.addExtension(Extension.keyUsage, true,
          new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      return builder.build(signer(ca));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A certificate for one node, named {@code CN=vertx-sfu node <nodeName>}, on a new key, signed
   * by the cluster CA, valid from an hour before {@code now}, for server and client use.
   */
  static NodeIdentity issue(ClusterSecret secret, String nodeName, SecureRandom random,
      Instant now) {
    AsymmetricCipherKeyPair ca = caKeyPair(secret);
    X509CertificateHolder caCertificate = caCertificate(ca);
    ECKeyPairGenerator generator = new ECKeyPairGenerator();
    generator.init(new ECKeyGenerationParameters(DOMAIN, random));
    AsymmetricCipherKeyPair node = generator.generateKeyPair();
    byte[] serial = new byte[16];
    random.nextBytes(serial);
    try {
      X509v3CertificateBuilder builder = new X509v3CertificateBuilder(CA_NAME,
          new BigInteger(1, serial), Date.from(now.minus(Duration.ofHours(1))),
          Date.from(now.plus(NODE_VALIDITY)), new X500Name("CN=vertx-sfu node " + nodeName),
          SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(node.getPublic()));
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
          new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
      X509CertificateHolder certificate = builder.build(signer(ca));
      return new NodeIdentity(
          pem("PRIVATE KEY", PrivateKeyInfoFactory.createPrivateKeyInfo(node.getPrivate())
              .getEncoded()),
          pem("CERTIFICATE", certificate.getEncoded()),
          pem("CERTIFICATE", caCertificate.getEncoded()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ContentSigner signer(AsymmetricCipherKeyPair key) {
    var signature = new DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withECDSA");
    var digest = new DefaultDigestAlgorithmIdentifierFinder().find(signature);
    try {
      return new BcECContentSignerBuilder(signature, digest).build(key.getPrivate());
    } catch (OperatorCreationException e) {
      throw new IllegalStateException("SHA256withECDSA is part of BouncyCastle", e);
    }
  }

  static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
