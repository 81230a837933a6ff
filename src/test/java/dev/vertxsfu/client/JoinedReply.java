package dev.vertxsfu.client;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code joined} reply to {@code join} (docs/protocol.md).
 *
 * @param clientId the id the SFU gave this client
 * @param room the room joined
 * @param iceServers the STUN and TURN servers the SFU names (docs/protocol.md section 14); this
 *     client does not apply them: on loopback it reaches the SFU directly
 * @param clients the other members at the time of joining
 */
public record JoinedReply(String clientId, String room, JsonArray iceServers,
    List<Member> clients) {

  /** A room member, as {@code joined}, {@code client_joined} and {@code client_left} name it. */
  public record Member(String clientId, String name) {
    static Member fromJson(JsonObject json) {
      return new Member(json.getString("clientId"), json.getString("name"));
    }
  }

  static JoinedReply fromJson(JsonObject json) {
    List<Member> members = new ArrayList<>();
    JsonArray clients = json.getJsonArray("clients", new JsonArray());
    for (int i = 0; i < clients.size(); i++) {
      members.add(Member.fromJson(clients.getJsonObject(i)));
    }
    return new JoinedReply(json.getString("clientId"), json.getString("room"),
        json.getJsonArray("iceServers", new JsonArray()), List.copyOf(members));
  }
}
