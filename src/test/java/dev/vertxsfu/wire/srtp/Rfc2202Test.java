package dev.vertxsfu.wire.srtp;

import static dev.vertxsfu.wire.WireFuzz.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * RFC 2202 §3 HMAC-SHA-1 test cases 1 to 3 for {@link HmacSha1} (both its cloned-digest path and
 * its {@code Mac} fallback), and agreement with the JDK's {@code HmacSHA1} on random keys,
 * messages and trailers, split where the SRTP tag computation splits them.
 */
@Tag("fast")
class Rfc2202Test {
  @Test
  void testCase1() {
    assertThat(hmac(hex("0b".repeat(20)), "Hi There".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("b617318655057264e28bc0b6fb378c8ef146be00");
  }

  @Test
  void testCase2() {
    assertThat(hmac("Jefe".getBytes(StandardCharsets.US_ASCII),
        "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
  }

  @Test
  void testCase3() {
    assertThat(hmac(hex("aa".repeat(20)), hex("dd".repeat(50))))
        .isEqualTo("125d7342b9ac11cd91a39af48aa17b4f63f175d3");
  }

  @Test
  void agreesWithTheJdkMacOnRandomInputs() throws Exception {
    SplittableRandom random = new SplittableRandom(2202);
    byte[] key = new byte[20];
    random.nextBytes(key);
    HmacSha1 ours = new HmacSha1(key);
    Mac jdk = Mac.getInstance("HmacSHA1");
    jdk.init(new SecretKeySpec(key, "HmacSHA1"));
    byte[] out = new byte[20];
    for (int i = 0; i < 500; i++) {
      byte[] data = new byte[random.nextInt(1500)];
      random.nextBytes(data);
      int off = data.length == 0 ? 0 : random.nextInt(data.length);
      int len = data.length - off;
      byte[] trailer = new byte[4];
      random.nextBytes(trailer);
      int trailerLen = random.nextInt(5);
      ours.mac(data, off, len, trailer, trailerLen, out);
      jdk.update(data, off, len);
      jdk.update(trailer, 0, trailerLen);
      assertThat(out).isEqualTo(jdk.doFinal());
    }
  }

  private static String hmac(byte[] key, byte[] data) {
    byte[] out = new byte[20];
    new HmacSha1(key).mac(data, 0, data.length, new byte[0], 0, out);
    return hex(Arrays.copyOf(out, 20));
  }
}
