package dev.vertxsfu.wire.mux;

/**
 * What a received datagram is, by the ranges of its first byte in RFC 7983 §7 (and, for
 * RTP against RTCP, its second byte per RFC 5761 §4).
 *
 * <p>Returned by {@link DatagramClassifier#classify(byte[], int, int)}. {@link #OTHER} covers
 * every value RFC 7983 leaves unassigned, and also inputs too short to classify; a receiver
 * drops those.
 */
public enum DatagramKind {
  /** First byte 0-3: STUN (RFC 8489), so ICE connectivity checks. */
  STUN,
  /** First byte 16-19: ZRTP (RFC 6189); WebRTC never uses it. */
  ZRTP,
  /** First byte 20-63: a DTLS record (RFC 6347, RFC 9147), content types 20-63. */
  DTLS,
  /** First byte 64-79: a TURN ChannelData message (RFC 8656 §12). */
  TURN_CHANNEL,
  /** First byte 128-191 (RTP version 2) and a second byte outside RTCP's range: (S)RTP. */
  RTP,
  /** First byte 128-191 and a second byte whose low 7 bits are 64-95: (S)RTCP. */
  RTCP,
  /** Anything else, including empty and one-byte inputs. */
  OTHER
}
