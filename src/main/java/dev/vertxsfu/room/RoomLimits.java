package dev.vertxsfu.room;

import dev.vertxsfu.bus.ErrorCode;
import dev.vertxsfu.config.SfuConfig;
import dev.vertxsfu.wire.sdp.MediaDescription;
import dev.vertxsfu.wire.sdp.SessionDescription;

/**
 * What one client may take of a room (issue 11, item 7), from {@link SfuConfig.RoomsConfig}: each
 * check throws the {@link RoomException} a refusal carries (docs/protocol.md's code, and a message
 * naming the setting) before the room changes anything. Pure; used by the {@link Room}.
 */
final class RoomLimits {
  private final SfuConfig.RoomsConfig config;

  RoomLimits(SfuConfig.RoomsConfig config) {
    this.config = config;
  }

  /** A {@code join} with {@code name} into a room of {@code clients} clients. */
  void checkJoin(String roomId, int clients, String name) {
    if (name.length() > config.maxNameLength()) {
      throw new RoomException(ErrorCode.NOT_ALLOWED, "name longer than " + config.maxNameLength()
          + " characters (rooms.max-name-length)");
    }
    if (clients >= config.maxClients()) {
      throw new RoomException(ErrorCode.ROOM_FULL, "room " + roomId + " has " + config.maxClients()
          + " clients, its most (rooms.max-clients)");
    }
  }

  /** A client's {@code offer}: the audio and video m-lines in which it sends. */
  void checkOffer(SessionDescription offer) {
    int tracks = 0;
    for (MediaDescription m : offer.media()) {
      if (m.port() != 0 && !m.isDataChannel() && offer.direction(m).sends()) {
        tracks++;
      }
    }
    if (tracks > config.maxTracksPerClient()) {
      throw new RoomException(ErrorCode.NOT_ALLOWED, "the offer sends " + tracks + " tracks; a client may"
          + " publish " + config.maxTracksPerClient() + " (rooms.max-tracks-per-client)");
    }
  }

  /** {@code subscribe_tracks} for {@code added} more tracks than the {@code receiving} ones. */
  void checkSubscriptions(String clientId, int receiving, long added) {
    if (receiving + added > config.maxSubscriptionsPerClient()) {
      throw new RoomException(ErrorCode.NOT_ALLOWED, "a client may receive "
          + config.maxSubscriptionsPerClient() + " tracks (rooms.max-subscriptions-per-client); "
          + clientId + " receives " + receiving + " and asked for " + added + " more");
    }
  }

  /** A new client transport's watch, from the SFU's first answer at {@code now}. */
  TransportWatch watch(long now) {
    return new TransportWatch(config.connectTimeoutSeconds() * 1000L,
        config.disconnectTimeoutSeconds() * 1000L, now);
  }
}
