package dev.vertxsfu.media.negotiation;

/**
 * The client's transport-level parameters, as its latest offer or answer gives them (read from
 * the BUNDLE-tagged m-line, or the session level where Firefox writes them): what the room
 * configures its {@code IceServer} and {@code DtlsTransport} with. A changed ufrag is an ICE
 * restart (RFC 8829 section 5.2.2).
 *
 * @param iceUfrag the client's ICE username fragment
 * @param icePwd the client's ICE password
 * @param fingerprintAlgorithm the hash function of its first {@code a=fingerprint}
 * @param fingerprintValue that fingerprint, upper-case hex bytes joined by ':'
 */
public record RemoteEndpoint(String iceUfrag, String icePwd, String fingerprintAlgorithm,
    String fingerprintValue) {

  @Override
  public String toString() {
    return "RemoteEndpoint[ufrag=" + iceUfrag + ", fingerprint=" + fingerprintAlgorithm + " "
        + fingerprintValue + "]";
  }
}
