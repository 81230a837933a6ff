package dev.vertxsfu.room;

import dev.vertxsfu.config.SfuConfig.IceServersConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code joined.iceServers} carries (docs/protocol.md): the configured STUN and TURN
 * servers as WebRTC {@code RTCIceServer} dictionaries ({@code {urls, username?, credential?}}),
 * the TURN ones with a {@link TurnCredential} for the joining client that expires
 * {@code ice.turn-ttl-seconds} from now.
 *
 * <p>At most two entries: one with every STUN URL and no credentials, one with every TURN URL
 * and the client's credential; none when nothing is configured. Immutable, so one list serves
 * every room of a node; {@link RoomBusHandler} calls {@link #forClient} on the room's event loop
 * when a client joins. The wall clock is injected (the system's UTC clock in a node, a fixed one
 * in tests): TURN servers compare the expiry with theirs, so it must be Unix time, not the
 * monotonic time the media plane uses.
 */
public final class IceServerList {
  /** Tells clients of no server. */
  public static final IceServerList NONE = new IceServerList(IceServersConfig.NONE,
      Clock.systemUTC());

  private final List<String> stunUrls;
  private final List<String> turnUrls;
  private final String turnSecret;
  private final long ttlSeconds;
  private final Clock clock;

  public IceServerList(IceServersConfig config, Clock clock) {
    this.stunUrls = config.urls().stream().filter(url -> !IceServersConfig.isTurn(url)).toList();
    this.turnUrls = config.urls().stream().filter(IceServersConfig::isTurn).toList();
    this.turnSecret = config.turnSecret();
    this.ttlSeconds = config.turnTtlSeconds();
    this.clock = clock;
  }

  /** The {@code iceServers} array of {@code clientId}'s {@code joined}: a new array each call. */
  JsonArray forClient(String clientId) {
    JsonArray servers = new JsonArray();
    if (!stunUrls.isEmpty()) {
      servers.add(new JsonObject().put("urls", new JsonArray(new ArrayList<>(stunUrls))));
    }
    if (!turnUrls.isEmpty()) {
      TurnCredential turn = TurnCredential.issue(turnSecret, clientId,
          clock.instant().getEpochSecond() + ttlSeconds);
      servers.add(new JsonObject().put("urls", new JsonArray(new ArrayList<>(turnUrls)))
          .put("username", turn.username()).put("credential", turn.credential()));
    }
    return servers;
  }
}
