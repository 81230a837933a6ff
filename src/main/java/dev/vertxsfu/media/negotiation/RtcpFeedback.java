package dev.vertxsfu.media.negotiation;

/**
 * One RTCP feedback mechanism of an {@code a=rtcp-fb} line (RFC 4585 section 4.2), without its
 * payload type: what the receiver of a stream asks the sender to honour.
 *
 * @param type {@code nack}, {@code ccm}, {@code goog-remb}, {@code transport-cc}...
 * @param parameter {@code pli}, {@code fir}..., or {@code null}
 */
public record RtcpFeedback(String type, String parameter) {
  /** Generic NACK, RFC 4585 section 6.2.1. */
  public static final RtcpFeedback NACK = new RtcpFeedback("nack", null);
  /** Picture Loss Indication, RFC 4585 section 6.3.1. */
  public static final RtcpFeedback NACK_PLI = new RtcpFeedback("nack", "pli");
  /** Full Intra Request, RFC 5104 section 4.3.1. */
  public static final RtcpFeedback CCM_FIR = new RtcpFeedback("ccm", "fir");
  /** Receiver Estimated Maximum Bitrate (draft-alvestrand-rmcat-remb). */
  public static final RtcpFeedback GOOG_REMB = new RtcpFeedback("goog-remb", null);
  /** Transport-wide congestion control feedback (draft-holmer-rmcat-transport-wide-cc). */
  public static final RtcpFeedback TRANSPORT_CC = new RtcpFeedback("transport-cc", null);

  public RtcpFeedback {
    if (type == null || type.isEmpty()) {
      throw new IllegalArgumentException("no feedback type");
    }
  }

  @Override
  public String toString() {
    return parameter == null ? type : type + " " + parameter;
  }
}
