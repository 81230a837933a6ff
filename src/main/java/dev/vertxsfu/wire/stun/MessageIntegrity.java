package dev.vertxsfu.wire.stun;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The MESSAGE-INTEGRITY attribute (RFC 8489 §14.5) for one key: an HMAC-SHA1 of the message
 * up to the attribute, computed with the header's length field set as if the message ended
 * right after MESSAGE-INTEGRITY (so a FINGERPRINT added afterwards does not change it).
 *
 * <pre>
 *      0                   1                   2                   3
 *      0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *     |     Type = 0x0008             |          Length = 20          |
 *     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *     |                                                               |
 *     |                    HMAC-SHA1 (160 bits)                       |
 *     |                                                               |
 *     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>(RFC 8489 draws no figure for it; the one above follows Figure 4.) Keys: with ICE's short-term credentials (RFC 8489 §9.1) the key is the password's UTF-8
 * bytes after OpaqueString preparation (RFC 8265; SASLprep in RFC 5389). ICE passwords are
 * made of ice-chars (ALPHA, DIGIT, "+", "/"; RFC 8839 §5.4), on which that preparation changes
 * nothing, so {@link #shortTerm(String)} applies none: a caller with other passwords prepares
 * them first. Long-term credentials (§9.2) use MD5(username ":" realm ":" password).
 *
 * <p>Owned by one transport on one thread: it holds one {@link Mac}, keyed once, and small
 * scratch arrays, and is reused for every message (never shared between threads). The ICE
 * server keeps one per local password: it verifies incoming requests and signs its responses
 * with the same key. Verification reads the message in place: the HMAC runs over the
 * original bytes, only the 4-byte type and length word is copied to patch the length, and
 * the comparison is constant-time ({@link MessageDigest#isEqual}). The one allocation per
 * message is the JCE's: {@code Mac.doFinal} returns a new 20-byte array.
 */
public final class MessageIntegrity {
  /** The value length, 160 bits. */
  public static final int LENGTH = 20;

  private final Mac mac;
  private final byte[] typeAndLength = new byte[4];
  private final byte[] received = new byte[LENGTH];

  /** Keyed with {@code key} (copied); an empty key is allowed. */
  public MessageIntegrity(byte[] key) {
    try {
      mac = Mac.getInstance("HmacSHA1");
      // HMAC pads keys shorter than its block with zeros, so an empty key (which
      // SecretKeySpec refuses) is the same key as one zero byte.
      mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA1"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK provides HmacSHA1", e);
    }
  }

  /** Short-term credentials (RFC 8489 §9.1): the key is the password's UTF-8 bytes. */
  public static MessageIntegrity shortTerm(String password) {
    return new MessageIntegrity(password.getBytes(StandardCharsets.UTF_8));
  }

  /** Long-term credentials (RFC 8489 §9.2.2), with the MD5 key of {@link #longTermKey}. */
  public static MessageIntegrity longTerm(String username, String realm, String password) {
    return new MessageIntegrity(longTermKey(username, realm, password));
  }

  /**
   * MD5(username ":" realm ":" password) over UTF-8, the strings already prepared (SASLprep or
   * OpaqueString) by the caller.
   */
  public static byte[] longTermKey(String username, String realm, String password) {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      return md5.digest((username + ":" + realm + ":" + password)
          .getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK provides MD5", e);
    }
  }

  /**
   * Whether {@code message} carries a MESSAGE-INTEGRITY and it matches this key. False for a
   * message without one; never throws for a message that {@link StunMessage#wrap} accepted.
   */
  public boolean verify(StunMessage message) {
    if (!message.hasMessageIntegrity()) {
      return false;
    }
    byte[] buf = message.buffer();
    int start = message.offset();
    int attribute = message.messageIntegrityAt();
    int adjustedLength = attribute + 4 + LENGTH - start - StunMessage.HEADER_LENGTH;
    typeAndLength[0] = buf[start];
    typeAndLength[1] = buf[start + 1];
    BigEndian.put16(typeAndLength, 2, adjustedLength);
    mac.update(typeAndLength, 0, 4);
    mac.update(buf, start + 4, attribute - start - 4);
    byte[] expected = mac.doFinal();
    System.arraycopy(buf, attribute + 4, received, 0, LENGTH);
    return MessageDigest.isEqual(expected, received);
  }

  /**
   * Writes the HMAC of {@code buf[0 .. attribute)} at {@code attribute + 4}; the builder has
   * already set the header's length to end after this attribute.
   */
  void sign(byte[] buf, int attribute) {
    mac.update(buf, 0, attribute);
    System.arraycopy(mac.doFinal(), 0, buf, attribute + 4, LENGTH);
  }
}
