package dev.vertxsfu.wire.srtp;

/**
 * The negative results of {@code unprotect} in {@link SrtpContext} and {@link SrtcpContext}: a
 * packet that was well formed but must be dropped. A non-negative result is the length of the
 * recovered RTP or RTCP packet.
 *
 * <p>They are plain {@code int}s, not exceptions, because forged and replayed packets arrive at
 * the attacker's rate: rejecting one must cost no more than the check itself (a replay costs a
 * table look-up, a forgery one MAC or GHASH computation). The replay states and
 * {@link #TOO_OLD} are decided before any cryptography runs (RFC 3711 §3.3, step 2).
 */
public final class SrtpStatus {
  /** The authentication tag did not verify (RFC 3711 §3.3 step 5, RFC 7714 §8.3): forged,
   * corrupted, or protected with other keys or another rollover counter. */
  public static final int AUTHENTICATION_FAILED = -1;
  /** This packet index was already received and authenticated (RFC 3711 §3.3.2). */
  public static final int REPLAYED = -2;
  /** The index is older than the replay window can remember (RFC 3711 §3.3.2), or lies before
   * the first packet of the stream (a rollover counter below zero). */
  public static final int TOO_OLD = -3;

  private SrtpStatus() {}

  /** A readable name for a result of {@code unprotect}, for logs and metrics. */
  public static String name(int result) {
    return switch (result) {
      case AUTHENTICATION_FAILED -> "AUTHENTICATION_FAILED";
      case REPLAYED -> "REPLAYED";
      case TOO_OLD -> "TOO_OLD";
      default -> result >= 0 ? "OK" : "UNKNOWN(" + result + ")";
    };
  }
}
