package dev.vertxsfu.wire.sdp;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The {@code a=fingerprint} attribute, RFC 8122 section 5: the hash of the certificate the
 * writer will present in the DTLS handshake. The DTLS layer checks the peer's certificate
 * against it ({@link #matches}); the SFU writes the SHA-256 of its own certificate.
 *
 * <pre>
 * fingerprint-attribute = "fingerprint" ":" hash-func SP fingerprint
 * hash-func   = "sha-1" / "sha-224" / "sha-256" / "sha-384" / "sha-512" / "md5" / "md2" / token
 * fingerprint = 2UHEX *(":" 2UHEX)
 *
 * a=fingerprint:sha-256 17:EB:D3:F8:0B:84:39:6C:CA:28:41:C4:1E:A5:DE:CE:9A:1C:42:01:3E:78:...
 * </pre>
 *
 * <p>The hash function is kept in lower case (its name is case-insensitive, RFC 8122 section
 * 5); lower-case hex digits are read too, though the grammar asks for upper case, and written
 * in upper case. For a known hash function the digest must have its length. Immutable.
 */
public final class Fingerprint {
  /** The attribute name. */
  public static final String NAME = "fingerprint";
  /** The hash function browsers use. */
  public static final String SHA_256 = "sha-256";

  private static final List<String> NAMES =
      List.of("md2", "md5", "sha-1", "sha-224", "sha-256", "sha-384", "sha-512");
  private static final int[] LENGTHS = {16, 16, 20, 28, 32, 48, 64};

  private final String hashFunction;
  private final byte[] digest;

  /**
   * @param hashFunction a token, e.g. {@code sha-256} (kept in lower case)
   * @param digest the certificate's hash, of the hash function's length if it is a known one
   */
  public Fingerprint(String hashFunction, byte[] digest) {
    String problem = problem(hashFunction, digest);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    this.hashFunction = hashFunction.toLowerCase(Locale.ROOT);
    this.digest = digest.clone();
  }

  private static String problem(String hashFunction, byte[] digest) {
    if (!SdpSyntax.isToken(hashFunction)) {
      return "the hash function is not a token";
    }
    if (digest == null || digest.length == 0) {
      return "no digest";
    }
    int known = NAMES.indexOf(hashFunction.toLowerCase(Locale.ROOT));
    if (known >= 0 && LENGTHS[known] != digest.length) {
      return hashFunction + " needs " + LENGTHS[known] + " bytes, not " + digest.length;
    }
    return null;
  }

  /** The hash function, in lower case ({@code sha-256}). */
  public String hashFunction() {
    return hashFunction;
  }

  /** A copy of the digest. */
  public byte[] digest() {
    return digest.clone();
  }

  /** Whether this fingerprint is {@code digest} computed with {@code hashFunction}. */
  public boolean matches(String hashFunction, byte[] digest) {
    return this.hashFunction.equalsIgnoreCase(hashFunction) && MessageDigest.isEqual(this.digest, digest);
  }

  /** The attribute value: hash function, a space, upper-case hex bytes joined by ':'. */
  public String format() {
    return hashFunction + ' ' + HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
  }

  /** {@code a=fingerprint:<value>}. */
  public Attribute toAttribute() {
    return Attribute.of(NAME, format());
  }

  /** Reads an {@code a=fingerprint} value. */
  public static Fingerprint parse(String value) {
    return from(Attribute.forValue(NAME, value));
  }

  static Fingerprint from(Attribute attribute) {
    String value = attribute.requireValue();
    int space = value.indexOf(' ');
    if (space < 0) {
      throw attribute.malformed("no space between hash function and fingerprint");
    }
    String hex = value.substring(space + 1);
    if (hex.length() % 3 != 2) {
      throw attribute.malformed("the fingerprint is not hex bytes joined by ':'");
    }
    byte[] digest = new byte[(hex.length() + 1) / 3];
    for (int i = 0; i < digest.length; i++) {
      int high = hexDigit(hex.charAt(3 * i));
      int low = hexDigit(hex.charAt(3 * i + 1));
      if (high < 0 || low < 0 || (i + 1 < digest.length && hex.charAt(3 * i + 2) != ':')) {
        throw attribute.malformed("the fingerprint is not hex bytes joined by ':'");
      }
      digest[i] = (byte) (high << 4 | low);
    }
    String problem = problem(value.substring(0, space), digest);
    if (problem != null) {
      throw attribute.malformed(problem);
    }
    return new Fingerprint(value.substring(0, space), digest);
  }

  private static int hexDigit(char c) {
    return c >= '0' && c <= '9' ? c - '0'
        : c >= 'A' && c <= 'F' ? c - 'A' + 10
        : c >= 'a' && c <= 'f' ? c - 'a' + 10
        : -1;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Fingerprint that && hashFunction.equals(that.hashFunction)
        && Arrays.equals(digest, that.digest);
  }

  @Override
  public int hashCode() {
    return hashFunction.hashCode() * 31 + Arrays.hashCode(digest);
  }

  @Override
  public String toString() {
    return format();
  }
}
