package dev.vertxsfu.signaling;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The message types a client may send (docs/protocol.md, "Client to server"). */
enum ClientMessageType {
  JOIN("join"),
  OFFER("offer"),
  ANSWER("answer"),
  CANDIDATE("candidate"),
  IS_ALLOW_RENEGOTIATION("is_allow_renegotiation"),
  TRACKS_ADDED("tracks_added"),
  SUBSCRIBE_TRACKS("subscribe_tracks"),
  UNSUBSCRIBE_TRACKS("unsubscribe_tracks"),
  MUTE_TRACK("mute_track"),
  ROOM_MESSAGE("room_message"),
  TRACK_SETTINGS("track_settings"),
  LEAVE("leave");

  private static final Map<String, ClientMessageType> BY_WIRE_NAME = Arrays.stream(values())
      .collect(Collectors.toUnmodifiableMap(ClientMessageType::wireName, Function.identity()));

  private final String wireName;

  ClientMessageType(String wireName) {
    this.wireName = wireName;
  }

  /** The {@code type} as docs/protocol.md spells it. */
  String wireName() {
    return wireName;
  }

  /** The type named {@code wireName}, or {@code null} for a type this version does not know. */
  static ClientMessageType fromWireName(String wireName) {
    return BY_WIRE_NAME.get(wireName);
  }
}
