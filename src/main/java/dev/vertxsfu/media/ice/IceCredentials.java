package dev.vertxsfu.media.ice;

import java.security.SecureRandom;

/**
 * The ICE username fragment and password one side announces in {@code a=ice-ufrag} and
 * {@code a=ice-pwd} (RFC 8839 §5.4: ufrag at least 4 and password at least 22 characters from
 * {@code ALPHA / DIGIT / "+" / "/"}, at least 24 and 128 random bits).
 *
 * @param ufrag the username fragment
 * @param password the password; the short-term key of MESSAGE-INTEGRITY (RFC 8489 §9.1)
 */
public record IceCredentials(String ufrag, String password) {
  private static final char[] ICE_CHARS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

  /** Fresh local credentials: 16 characters (96 bits) of ufrag, 32 (192 bits) of password. */
  public static IceCredentials generate(SecureRandom random) {
    return new IceCredentials(randomString(random, 16), randomString(random, 32));
  }

  private static String randomString(SecureRandom random, int length) {
    char[] chars = new char[length];
    for (int i = 0; i < length; i++) {
      chars[i] = ICE_CHARS[random.nextInt(ICE_CHARS.length)];
    }
    return new String(chars);
  }

  @Override
  public String toString() {
    return "IceCredentials[ufrag=" + ufrag + "]"; // the password stays out of logs
  }
}
