package dev.vertxsfu.wire.sdp;

/**
 * The {@code rid-dir} of an {@code a=rid} line (RFC 8851 section 10): whether the writer of the
 * description sends or receives the RTP stream the rid names.
 *
 * <pre>
 * rid-dir = %s"send" / %s"recv"
 * </pre>
 */
public enum RidDirection {
  SEND("send"),
  RECV("recv");

  private final String value;

  RidDirection(String value) {
    this.value = value;
  }

  /** The word as written ({@code send} or {@code recv}). */
  public String value() {
    return value;
  }

  /** The other side's view: send and recv swap. */
  public RidDirection reverse() {
    return this == SEND ? RECV : SEND;
  }

  /** The direction written {@code word}, or {@code null}. */
  static RidDirection fromValue(String word) {
    return SEND.value.equals(word) ? SEND : RECV.value.equals(word) ? RECV : null;
  }
}
