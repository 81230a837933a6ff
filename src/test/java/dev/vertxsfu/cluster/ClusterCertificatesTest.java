package dev.vertxsfu.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What each node derives from the cluster secret: the same cluster name and certificate
 * authority for the same secret, a certificate per node that every other node with the secret
 * accepts (checked with the JDK's own PKIX validator, as the event bus's TLS does), and nothing
 * that a node with another secret accepts.
 */
class ClusterCertificatesTest {
  private static final String SECRET = "correct horse battery staple, 32+";
  private static final String OTHER = "another cluster's secret, 32 chars";
  private static final Instant NOW = Instant.parse("2026-12-06T06:00:00Z");
  private final SecureRandom random = new SecureRandom();

  @Test
  void theSameSecretNamesTheSameClusterAndAnotherOneAnother() {
    String name = ClusterSecret.of(SECRET).clusterName();
    assertThat(name).matches("vertx-sfu-[0-9a-f]{16}");
    assertThat(ClusterSecret.of(SECRET).clusterName()).isEqualTo(name);
    assertThat(ClusterSecret.of(OTHER).clusterName()).isNotEqualTo(name);
    assertThat(name).isNotEqualTo("vertx-sfu"); // the old public name
  }

  @Test
  void aShortSecretIsRefusedAndAGeneratedOneIsLongAndNew() {
    assertThatThrownBy(() -> ClusterSecret.of("x".repeat(ClusterSecret.MIN_LENGTH - 1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SFU_CLUSTER_SECRET");
    assertThatThrownBy(() -> ClusterSecret.of(null)).isInstanceOf(IllegalArgumentException.class);
    String generated = ClusterSecret.generate(random);
    assertThat(generated).hasSizeGreaterThanOrEqualTo(ClusterSecret.MIN_LENGTH);
    assertThat(ClusterSecret.of(generated).clusterName())
        .isNotEqualTo(ClusterSecret.of(ClusterSecret.generate(random)).clusterName());
  }

  @Test
  void theSecretStaysOutOfToString() {
    assertThat(ClusterSecret.of(SECRET).toString()).doesNotContain(SECRET);
    assertThat(ClusterCertificates.issue(ClusterSecret.of(SECRET), "n", random, NOW).toString())
        .doesNotContain("PRIVATE");
  }

  @Test
  void theAuthorityKeyIsDerivedFromTheSecretAlone() {
    var first = ClusterCertificates.caKeyPair(ClusterSecret.of(SECRET));
    var again = ClusterCertificates.caKeyPair(ClusterSecret.of(SECRET));
    var other = ClusterCertificates.caKeyPair(ClusterSecret.of(OTHER));
    assertThat(publicPoint(again)).isEqualTo(publicPoint(first));
    assertThat(publicPoint(other)).isNotEqualTo(publicPoint(first));
  }

  @Test
  void aNodeAcceptsTheCertificateOfAnotherNodeWithTheSameSecret() throws Exception {
    var nodeA = ClusterCertificates.issue(ClusterSecret.of(SECRET), "a", random, NOW);
    var nodeB = ClusterCertificates.issue(ClusterSecret.of(SECRET), "b", random, NOW);
    X509Certificate certificateB = certificate(nodeB.certificatePem());
    assertThat(certificate(nodeA.certificatePem()).getPublicKey())
        .isNotEqualTo(certificateB.getPublicKey());
    validate(certificateB, certificate(nodeA.caCertificatePem()));
    assertThat(certificateB.getExtendedKeyUsage())
        .contains("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"); // serverAuth, clientAuth
    assertThat(certificateB.getBasicConstraints()).isEqualTo(-1); // not a CA
    assertThat(certificateB.getNotAfter()).isAfter(Date.from(NOW.plusSeconds(3600L * 24 * 365)));
  }

  @Test
  void aNodeRefusesTheCertificateOfANodeWithAnotherSecret() throws Exception {
    var ours = ClusterCertificates.issue(ClusterSecret.of(SECRET), "a", random, NOW);
    var theirs = ClusterCertificates.issue(ClusterSecret.of(OTHER), "rogue", random, NOW);
    assertThatThrownBy(() -> validate(certificate(theirs.certificatePem()),
        certificate(ours.caCertificatePem()))).isInstanceOf(CertPathValidatorException.class);
  }

  @Test
  void theNodeKeyInPemSignsForItsCertificate() throws Exception {
    var node = ClusterCertificates.issue(ClusterSecret.of(SECRET), "a", random, NOW);
    String base64 = node.keyPem().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    PrivateKey key = KeyFactory.getInstance("EC")
        .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    byte[] data = "hello".getBytes(StandardCharsets.UTF_8);
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(key);
    signer.update(data);
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(certificate(node.certificatePem()).getPublicKey());
    verifier.update(data);
    assertThat(verifier.verify(signature)).isTrue();
  }

  private static String publicPoint(org.bouncycastle.crypto.AsymmetricCipherKeyPair pair) {
    return ((org.bouncycastle.crypto.params.ECPublicKeyParameters) pair.getPublic()).getQ()
        .toString();
  }

  private static X509Certificate certificate(String pem) throws Exception {
    return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
        new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
  }

  private static void validate(X509Certificate leaf, X509Certificate anchor) throws Exception {
    PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
    parameters.setRevocationEnabled(false);
    parameters.setDate(Date.from(NOW));
    CertPathValidator.getInstance("PKIX").validate(
        CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf)), parameters);
  }
}
