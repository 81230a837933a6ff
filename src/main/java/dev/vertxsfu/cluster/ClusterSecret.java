package dev.vertxsfu.cluster;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret every node of one cluster shares ({@code cluster.secret}, {@code
 * SFU_CLUSTER_SECRET}), and what each node derives from it, the same on every node
 * (docs/threat-model.md):
 * <ul>
 *   <li>the Hazelcast cluster name, {@code vertx-sfu-} and 16 hex digits: nodes with another
 *       secret form another cluster (it is sent in clear, so it keeps strangers and
 *       misconfigured nodes out, not an attacker who listens on the cluster's network);
 *   <li>the private key of the cluster's certificate authority, which signs each node's event
 *       bus certificate ({@link ClusterCertificates}): only a holder of the secret can talk on
 *       the event bus.
 * </ul>
 * Each derivation is an HMAC-SHA256 of its own label keyed with the secret, so one derived
 * value reveals nothing of another. A public cluster name allows an offline guess of a weak
 * secret, hence the {@value #MIN_LENGTH}-character minimum; {@link #generate} makes 256-bit
 * ones.
 *
 * <p>Immutable; made once at start-up ({@link Clustering}), used from any thread.
 */
public final class ClusterSecret {
  /** The shortest secret accepted, in characters. */
  public static final int MIN_LENGTH = 32;
  static final String CLUSTER_NAME_PREFIX = "vertx-sfu-";

  private final byte[] key;

  private ClusterSecret(byte[] key) {
    this.key = key;
  }

  /** The secret given by the operator; fails when it is shorter than {@value #MIN_LENGTH}. */
  public static ClusterSecret of(String secret) {
    if (secret == null || secret.length() < MIN_LENGTH) {
      throw new IllegalArgumentException("cluster.secret (SFU_CLUSTER_SECRET) must have at least "
          + MIN_LENGTH + " characters, e.g. the output of `openssl rand -base64 32`");
    }
    return new ClusterSecret(secret.getBytes(StandardCharsets.UTF_8));
  }

  /** A new random secret (256 bits, base64url), for a node that runs alone. */
  public static String generate(SecureRandom random) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The Hazelcast cluster name of every node with this secret. */
  public String clusterName() {
    byte[] digest = derive("hazelcast cluster name");
    return CLUSTER_NAME_PREFIX + HexFormat.of().formatHex(digest, 0, 8);
  }

  /**
   * The private scalar of the cluster CA's P-256 key: an HMAC output in [1, n - 1], retried
   * with the next counter in the (2^-32 likely) case it falls outside.
   */
  BigInteger caPrivateScalar(BigInteger order) {
    for (int counter = 0; ; counter++) {
      BigInteger candidate = new BigInteger(1, derive("cluster ca key " + counter));
      if (candidate.signum() > 0 && candidate.compareTo(order) < 0) {
        return candidate;
      }
    }
  }

  private byte[] derive(String label) {
    return hmac(key, "vertx-sfu v1 " + label);
  }

  static byte[] hmac(byte[] key, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /** Keeps the secret out of logs. */
  @Override
  public String toString() {
    return "ClusterSecret[" + clusterName() + "]";
  }
}
