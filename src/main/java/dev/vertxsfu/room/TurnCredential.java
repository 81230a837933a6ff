package dev.vertxsfu.room;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A time-limited TURN credential of the TURN REST API (draft-uberti-rtcweb-turn-rest-00 §2.2),
 * the scheme coturn checks with {@code use-auth-secret} and {@code static-auth-secret}:
 *
 * <pre>
 * username   = expiry ":" clientId        (expiry: Unix time in seconds, when it stops working)
 * credential = base64(HMAC-SHA1(secret, username))
 * </pre>
 *
 * <p>The TURN server recomputes the credential from the username and the secret it shares with
 * the SFU, so it needs no per-client state; it refuses a username whose expiry has passed when
 * an allocation starts (an allocation already open keeps running). Pure: no clock, no I/O;
 * {@link IceServerList} gives it the expiry.
 *
 * @param username {@code expiry:clientId}
 * @param credential the password a WebRTC client puts in {@code RTCIceServer.credential}
 */
record TurnCredential(String username, String credential) {

  /**
   * The credential for {@code clientId} that stops working at {@code expiresAtEpochSecond}.
   * {@code clientId} must not hold a colon (the username's separator): ids the SFU hands out
   * never do.
   */
  static TurnCredential issue(String secret, String clientId, long expiresAtEpochSecond) {
    if (clientId.indexOf(':') >= 0) {
      throw new IllegalArgumentException("a client id for a TURN username has no colon: "
          + clientId);
    }
    String username = expiresAtEpochSecond + ":" + clientId;
    return new TurnCredential(username, hmacSha1Base64(secret, username));
  }

  /** base64(HMAC-SHA1(secret, text)), both strings taken as UTF-8. */
  static String hmacSha1Base64(String secret, String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      byte[] key = secret.getBytes(StandardCharsets.UTF_8);
      // HMAC pads a short key with zeros, so the empty key (which SecretKeySpec refuses) is
      // one zero byte.
      mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA1"));
      return Base64.getEncoder().encodeToString(
          mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK provides HmacSHA1", e);
    }
  }

  /** Keeps the credential out of logs. */
  @Override
  public String toString() {
    return "TurnCredential[username=" + username + ", credential=(set)]";
  }
}
