package dev.vertxsfu.media.negotiation;

import dev.vertxsfu.wire.sdp.Direction;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What one client can receive, per kind, as its offers say it: the room asks before it places a
 * producer's track on an m-line for that client, because a subscriber that cannot decode the
 * codec rejects the m-line (port 0) and shows nothing, and a rejected m-line is never reused.
 *
 * <p>The rule (RFC 3264 section 5.1): the formats of an m-line the offerer receives on
 * ({@code recvonly}, {@code sendrecv}) are those it is willing to receive; those of a
 * {@code sendonly} or {@code inactive} one, those it would send. So:
 *
 * <ol>
 *   <li>a codec listed on a receiving m-line of the kind, in any offer of the client, can be
 *       received; once the client has offered such an m-line, that list is the answer;
 *   <li>else, a codec listed on any m-line of the kind counts: a publisher that only sends
 *       ({@code sendonly}, as the JS SDK publishes) lists what it encodes, and browsers decode
 *       every codec they encode;
 *   <li>else (the client never offered an m-line of the kind, or has not offered yet) nothing is
 *       known and every codec is let through: the client's answer will tell.
 * </ol>
 *
 * Knowledge only grows: an offer never takes back a codec an earlier one listed (a client
 * does not lose a decoder mid-call). RTX, RED and FEC formats are not codecs of their own here.
 *
 * <p>Owned by a {@link SessionNegotiator} on the room's event loop; what an offer teaches is
 * kept only when its answer is made ({@link #copy()}).
 */
final class ReceiveCodecs {
  private final Map<MediaKind, List<RtpCodec>> receiving = new EnumMap<>(MediaKind.class);
  private final Map<MediaKind, List<RtpCodec>> sending = new EnumMap<>(MediaKind.class);

  ReceiveCodecs copy() {
    ReceiveCodecs copy = new ReceiveCodecs();
    receiving.forEach((kind, list) -> copy.receiving.put(kind, new ArrayList<>(list)));
    sending.forEach((kind, list) -> copy.sending.put(kind, new ArrayList<>(list)));
    return copy;
  }

  /** Learns the formats of one offered m-line of {@code kind} with the client's direction. */
  void learn(MediaKind kind, Direction direction, List<OfferedFormat> formats) {
    boolean receives = direction == Direction.RECVONLY || direction == Direction.SENDRECV;
    List<RtpCodec> known = (receives ? receiving : sending)
        .computeIfAbsent(kind, k -> new ArrayList<>());
    for (OfferedFormat format : formats) {
      RtpCodec codec = format.codec();
      if (!format.isRtx() && !isRepair(codec)
          && known.stream().noneMatch(k -> CodecMatcher.matches(k, codec))) {
        known.add(codec);
      }
    }
  }

  /** Whether the client can receive {@code codec} on an m-line of {@code kind} (rules above). */
  boolean supports(MediaKind kind, RtpCodec codec) {
    List<RtpCodec> known = receiving.get(kind);
    if (known == null || known.isEmpty()) {
      known = sending.get(kind);
    }
    return known == null || known.isEmpty()
        || known.stream().anyMatch(k -> CodecMatcher.matches(k, codec));
  }

  private static boolean isRepair(RtpCodec codec) {
    return codec.is("red") || codec.is("ulpfec") || codec.is("flexfec-03");
  }
}
