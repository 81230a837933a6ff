package dev.vertxsfu.media.negotiation;

import dev.vertxsfu.media.ice.IceCredentials;
import dev.vertxsfu.wire.sdp.Fingerprint;
import dev.vertxsfu.wire.sdp.SdpFormatException;
import java.util.List;

/**
 * The SFU's transport-level parameters for one client, written into every answer and offer:
 * the ICE credentials of its {@code IceServer}, the fingerprint of the DTLS certificate, and the
 * host candidates of the room's socket. Made by the room when the client joins.
 *
 * @param iceUfrag 4 to 256 ice-chars (RFC 8839 section 5.4)
 * @param icePwd 22 to 256 ice-chars
 * @param fingerprintAlgorithm the hash function, e.g. {@code sha-256}
 * @param fingerprintValue upper-case hex bytes joined by ':' (RFC 8122 section 5)
 * @param candidates the host candidates, in order of preference (the first gives the m-line's
 *     port and {@code c=} address); may be empty (then port 9 and 0.0.0.0)
 */
public record LocalEndpoint(String iceUfrag, String icePwd, String fingerprintAlgorithm,
    String fingerprintValue, List<HostCandidate> candidates) {

  public LocalEndpoint {
    if (!isIceChars(iceUfrag, 4) || !isIceChars(icePwd, 22)) {
      throw new IllegalArgumentException(
          "ICE ufrag needs 4 and password 22 to 256 ice-chars (RFC 8839 section 5.4)");
    }
    try {
      Fingerprint.parse(fingerprintAlgorithm + " " + fingerprintValue);
    } catch (SdpFormatException e) {
      throw new IllegalArgumentException("bad fingerprint: " + e.getMessage(), e);
    }
    candidates = List.copyOf(candidates);
  }

  /** The same endpoint with new ICE credentials: the SFU's side of an ICE restart. */
  public LocalEndpoint withIce(IceCredentials ice) {
    return new LocalEndpoint(ice.ufrag(), ice.password(), fingerprintAlgorithm,
        fingerprintValue, candidates);
  }

  /** The {@code a=fingerprint} value. */
  String fingerprint() {
    return fingerprintAlgorithm + " " + fingerprintValue;
  }

  private static boolean isIceChars(String s, int min) {
    if (s == null || s.length() < min || s.length() > 256) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '+' || c == '/';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "LocalEndpoint[ufrag=" + iceUfrag + ", candidates=" + candidates + "]";
  }
}
