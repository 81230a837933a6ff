package dev.vertxsfu.media.dtls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A certificate fingerprint as SDP carries it in {@code a=fingerprint} (RFC 8122 §5):
 * a hash function name from the IANA "Hash Function Textual Names" registry and the hash of
 * the DER certificate as upper-case hex pairs separated by colons.
 *
 * <pre>
 *   fingerprint-attribute = "fingerprint" ":" hash-func SP fingerprint
 *   hash-func             = "sha-1" / "sha-224" / "sha-256" / "sha-384" / "sha-512" / ...
 *   fingerprint           = 2UHEX *(":" 2UHEX)
 * </pre>
 *
 * <p>Immutable; any thread.
 *
 * @param algorithm the hash function, lower case ({@code sha-256})
 * @param value the hash, upper-case hex pairs separated by colons
 */
public record DtlsFingerprint(String algorithm, String value) {

  public DtlsFingerprint {
    algorithm = algorithm.toLowerCase(Locale.ROOT);
    value = value.toUpperCase(Locale.ROOT);
    javaName(algorithm);
  }

  /**
   * Parses the value of an {@code a=fingerprint} attribute ({@code "sha-256 AB:CD:..."}).
   *
   * @throws IllegalArgumentException for an unknown hash function or a malformed hash
   */
  public static DtlsFingerprint parse(String attributeValue) {
    String[] parts = attributeValue.trim().split(" +");
    if (parts.length != 2) {
      throw new IllegalArgumentException("a fingerprint is 'hash-func SP hex': " + attributeValue);
    }
    DtlsFingerprint fingerprint = new DtlsFingerprint(parts[0], parts[1]);
    String hex = fingerprint.value.replace(":", "");
    if (!fingerprint.value.matches("[0-9A-F]{2}(:[0-9A-F]{2})*")
        || hex.length() != 2 * digest(fingerprint.algorithm).getDigestLength()) {
      throw new IllegalArgumentException("malformed " + parts[0] + " fingerprint: " + parts[1]);
    }
    return fingerprint;
  }

  /** The fingerprint of a DER-encoded certificate with the given hash function. */
  public static DtlsFingerprint of(String algorithm, byte[] derCertificate) {
    byte[] hash = digest(algorithm).digest(derCertificate);
    return new DtlsFingerprint(algorithm, HexFormat.ofDelimiter(":").withUpperCase().formatHex(hash));
  }

  /** Whether {@code derCertificate} hashes to this fingerprint (compared in constant time). */
  public boolean matches(byte[] derCertificate) {
    DtlsFingerprint actual = of(algorithm, derCertificate);
    return MessageDigest.isEqual(actual.value.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        value.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }

  /** As SDP writes it: {@code sha-256 AB:CD:...}. */
  @Override
  public String toString() {
    return algorithm + " " + value;
  }

  private static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(javaName(algorithm));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks " + algorithm, e);
    }
  }

  private static String javaName(String algorithm) {
    return switch (algorithm) {
      case "sha-1" -> "SHA-1";
      case "sha-224" -> "SHA-224";
      case "sha-256" -> "SHA-256";
      case "sha-384" -> "SHA-384";
      case "sha-512" -> "SHA-512";
      default -> throw new IllegalArgumentException("unsupported fingerprint hash: " + algorithm);
    };
  }
}
