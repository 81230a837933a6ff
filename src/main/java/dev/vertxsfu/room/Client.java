package dev.vertxsfu.room;

import dev.vertxsfu.media.ice.IceCredentials;
import dev.vertxsfu.media.negotiation.ReceivedTrack;
import dev.vertxsfu.media.negotiation.SendTrack;
import dev.vertxsfu.media.negotiation.SessionNegotiator;
import dev.vertxsfu.media.transport.WebRtcTransport;
import dev.vertxsfu.media.router.LayerSelector;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.Map;

/**
 * One client of a room: its transport and negotiator (made when its first offer arrives), its
 * negotiation state, the tracks it publishes (with the source it named, if it did), and the
 * tracks it receives (one SFU {@code sendonly} m-line each).
 *
 * <p>Owned by its {@link Room}, on the room's event loop.
 */
final class Client {
  final String id;
  final String name;
  final RoomClientListener listener;
  final IceCredentials ice;
  /** Made at its first offer (the answer names the room's port, bound then); null before. */
  SessionNegotiator negotiator;
  final NegotiationState negotiation = new NegotiationState();
  WebRtcTransport transport;
  /**
   * The socket its media goes through, placed with its negotiator ({@link ShardPlacement}):
   * -1 before, 0 the room's own, k the room's k-th {@link SendShard}.
   */
  int socketIndex = -1;
  /** Made with the transport: lets the client go if it never connects or stays disconnected. */
  TransportWatch watch;
  /** Tracks it publishes, by track id. */
  final Map<String, ReceivedTrack> published = new LinkedHashMap<>();
  /** The source it named per published track id; absent while the track is held back. */
  final Map<String, String> sources = new LinkedHashMap<>();
  /** Tracks it should receive, by key (the consumer id): what the next SFU offer carries. */
  final Map<String, SendTrack> receiving = new LinkedHashMap<>();
  /** The ids of its published tracks it has muted ({@code mute_track}). */
  final Set<String> muted = new HashSet<>();
  /** The times of its last chat messages, for the rate limit. */
  final ArrayDeque<Long> messageTimes = new ArrayDeque<>();
  /**
   * What it asked of the tracks it receives ({@code track_settings}), by key: kept for a
   * consumer made later (the answer may come after), dropped when it stops receiving the track.
   */
  final Map<String, LayerSelector.Wish> wishes = new HashMap<>();
  /** The producer each receiving key stands for. */
  final Map<String, String> producerOfKey = new LinkedHashMap<>();

  Client(String id, String name, RoomClientListener listener, IceCredentials ice) {
    this.id = id;
    this.name = name;
    this.listener = listener;
    this.ice = ice;
  }

  /**
   * After an offer/answer exchange: if it changed either side's ICE credentials (an ICE
   * restart, docs/protocol.md section 18), the transport takes them, keeping DTLS and SRTP,
   * and the watch gives the new path a full timeout to connect.
   *
   * @return whether ICE restarted
   */
  boolean followIceRestart(long now) {
    if (transport == null || negotiator == null || negotiator.remote() == null) {
      return false;
    }
    var local = negotiator.local();
    boolean restarted = transport.restartIce(new IceCredentials(local.iceUfrag(), local.icePwd()),
        negotiator.remote().iceUfrag(), now);
    if (restarted) {
      watch.iceRestarted(now);
    }
    return restarted;
  }

  /** The consumer id, and SendTrack key, of this client receiving {@code producerId}. */
  String keyFor(String producerId) {
    return id + ">" + producerId;
  }

  TrackInfo info(ReceivedTrack track) {
    return new TrackInfo(id, track.trackId(), track.streamId(), track.kind().sdpName(),
        sources.get(track.trackId()), mimeType(track), muted.contains(track.trackId()));
  }

  /**
   * The codec a published track is sent with, as a MIME type ({@code video/H264}, the form of
   * {@code RTCRtpCodec.mimeType}): the first codec of its negotiation, which the publisher
   * sends (it lists its preference first and the SFU answers in that order).
   */
  static String mimeType(ReceivedTrack track) {
    return track.kind().sdpName() + "/" + track.codecs().get(0).codec().name();
  }
}
