package dev.vertxsfu.room;

import dev.vertxsfu.media.ice.IceCredentials;
import dev.vertxsfu.media.negotiation.ReceivedTrack;
import dev.vertxsfu.media.negotiation.SendTrack;
import dev.vertxsfu.media.negotiation.SessionNegotiator;
import dev.vertxsfu.media.transport.WebRtcTransport;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One client of a room: its transport (made when its first offer arrives), its negotiator, the
 * tracks it publishes, and the tracks it receives (one SFU {@code sendonly} m-line each).
 *
 * <p>Owned by its {@link RoomVerticle}, on the room's event loop.
 */
final class Client {
  final String id;
  final RoomClientListener listener;
  final IceCredentials ice;
  final SessionNegotiator negotiator;
  WebRtcTransport transport;
  /** Tracks it publishes, by track id. */
  final Map<String, ReceivedTrack> published = new LinkedHashMap<>();
  /** Tracks it should receive, by key ({@code consumer id}): what the next SFU offer carries. */
  final Map<String, SendTrack> receiving = new LinkedHashMap<>();
  /** The producer each receiving key stands for. */
  final Map<String, String> producerOfKey = new LinkedHashMap<>();
  /** Set when the SFU must offer again once the current exchange is done. */
  boolean renegotiationNeeded;

  Client(String id, RoomClientListener listener, IceCredentials ice,
      SessionNegotiator negotiator) {
    this.id = id;
    this.listener = listener;
    this.ice = ice;
    this.negotiator = negotiator;
  }

  /** The consumer id, and SendTrack key, of this client receiving {@code producerId}. */
  String keyFor(String producerId) {
    return id + ">" + producerId;
  }
}
