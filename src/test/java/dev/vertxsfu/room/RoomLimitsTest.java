package dev.vertxsfu.room;

import static dev.vertxsfu.room.RoomManagerTest.await;
import static dev.vertxsfu.room.RoomManagerTest.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxsfu.bus.BusAddresses;
import dev.vertxsfu.bus.ClientRequest;
import dev.vertxsfu.bus.ErrorCode;
import dev.vertxsfu.bus.Refusal;
import dev.vertxsfu.bus.RoomReply;
import dev.vertxsfu.bus.RoomStart;
import dev.vertxsfu.bus.RoomStarted;
import dev.vertxsfu.config.SfuConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 11, item 7: a room's caps, over the bus as a front reaches it. Each refusal carries
 * docs/protocol.md's code and names the setting, and leaves the room as it was.
 */
@ExtendWith(VertxExtension.class)
class RoomLimitsTest {

  /** maxClients, maxNameLength, maxTracksPerClient, maxSubscriptionsPerClient. */
  private static void deploy(Vertx vertx, int clients, int nameLength, int tracks,
      int subscriptions) throws Exception {
    SfuConfig.RoomsConfig limits = new SfuConfig.RoomsConfig(30, 60, clients, nameLength, tracks,
        subscriptions, 15, 20, 10, 120);
    await(vertx.deployVerticle(new RoomManager(RoomMediaTest.MEDIA, RoomMediaTest.CERTIFICATE,
        limits, 60_000)));
    await(vertx.eventBus().request(BusAddresses.ROOMS, RoomStart.of("r")));
  }

  private static Future<RoomReply> send(Vertx vertx, String clientId, JsonObject message) {
    return vertx.eventBus().<RoomReply>request(BusAddresses.room("r"),
        new ClientRequest(clientId, "test", message))
        .map(reply -> reply.body());
  }

  private static Future<RoomReply> join(Vertx vertx, String clientId, String name) {
    return send(vertx, clientId, new JsonObject().put("type", "join").put("room", "r")
        .put("name", name));
  }

  private static Future<RoomReply> offer(Vertx vertx, String clientId) throws Exception {
    return send(vertx, clientId, new JsonObject().put("type", "offer")
        .put("sdp", RoomApiTest.chromiumOffer()));
  }

  private static void assertRefused(Future<?> request, String code, String setting)
      throws Exception {
    ReplyException refusal = failure(request);
    assertThat(Refusal.of(refusal).code().wireName()).isEqualTo(code);
    assertThat(Refusal.of(refusal).text()).contains(setting);
  }

  @Test
  void aFullRoomRefusesTheNextJoinWithRoomFullUntilSomeoneLeaves(Vertx vertx) throws Exception {
    deploy(vertx, 2, 256, 16, 64);
    await(join(vertx, "a", "A"));
    await(join(vertx, "b", "B"));
    assertRefused(join(vertx, "c", "C"), "room_full", "rooms.max-clients");
    await(send(vertx, "a", new JsonObject().put("type", "leave")));
    RoomReply joined = await(join(vertx, "c", "C"));
    assertThat(joined.reply().getJsonArray("clients")).hasSize(1);
  }

  @Test
  void aNameLongerThanTheLimitIsRefused(Vertx vertx) throws Exception {
    deploy(vertx, 100, 8, 16, 64);
    assertRefused(join(vertx, "a", "123456789"), "not_allowed", "rooms.max-name-length");
    RoomReply joined = await(join(vertx, "a", "12345678"));
    assertThat(joined.reply().getString("type")).isEqualTo("joined");
  }

  @Test
  void anOfferSendingMoreTracksThanTheLimitIsRefusedAndTheClientCarriesOn(Vertx vertx)
      throws Exception {
    deploy(vertx, 100, 256, 1, 64);
    await(join(vertx, "a", "A"));
    assertRefused(offer(vertx, "a"), "not_allowed", "rooms.max-tracks-per-client");
    RoomReply allowed = await(send(vertx, "a", new JsonObject()
        .put("type", "is_allow_renegotiation")));
    assertThat(allowed.reply().getBoolean("allowed")).isTrue();
  }

  @Test
  void subscribingToMoreTracksThanTheLimitIsRefused(Vertx vertx) throws Exception {
    deploy(vertx, 100, 256, 16, 1);
    List<String> tracks = publish(vertx, "a");
    assertThat(tracks).hasSize(2);
    await(join(vertx, "b", "B"));
    await(offer(vertx, "b"));
    assertRefused(subscribe(vertx, "b", "a", tracks), "not_allowed",
        "rooms.max-subscriptions-per-client");
    RoomReply ok = await(subscribe(vertx, "b", "a", tracks.subList(0, 1)));
    assertThat(ok.reply().getString("type")).isEqualTo("ok");
  }

  /**
   * The default caps keep a client's SDP inside docs/protocol.md's 64 KiB frame: the SFU's offer for
   * the most tracks a client may receive, from Chromium publishers (audio and video), to a
   * client that publishes two, with room for the most tracks it may publish.
   */
  @Test
  void theSfuOfferForTheDefaultCapsFitsInAFrame(Vertx vertx) throws Exception {
    int cap = SfuConfig.RoomsConfig.DEFAULT.maxSubscriptionsPerClient();
    int ownTracks = SfuConfig.RoomsConfig.DEFAULT.maxTracksPerClient();
    deploy(vertx, 100, 256, ownTracks, cap);
    List<JsonObject> refs = new ArrayList<>();
    for (int p = 0; refs.size() < cap; p++) {
      for (String track : publish(vertx, "p" + p)) {
        refs.add(new JsonObject().put("clientId", "p" + p).put("trackId", track));
      }
    }
    await(join(vertx, "s", "S"));
    await(offer(vertx, "s"));
    RoomReply subscribed = await(send(vertx, "s", new JsonObject()
        .put("type", "subscribe_tracks").put("tracks", new JsonArray(refs.subList(0, cap)))));
    String sfuOffer = subscribed.events().stream()
        .filter(event -> "offer".equals(event.getString("type"))).findFirst().orElseThrow()
        .getString("sdp");
    int frame = new JsonObject().put("type", "offer").put("sdp", sfuOffer).encode()
        .getBytes(StandardCharsets.UTF_8).length;
    int perMediaLine = frame / (cap + 2);
    System.out.printf("SFU offer for %d subscriptions and 2 own tracks: %d bytes as a frame,"
        + " %d per m-line%n", cap, frame, perMediaLine);
    assertThat(frame + (ownTracks - 2) * perMediaLine).isLessThan(64 * 1024);
  }

  /** Joins, offers Chromium's capture, names its tracks; returns their track ids. */
  private static List<String> publish(Vertx vertx, String clientId) throws Exception {
    await(join(vertx, clientId, clientId));
    RoomReply answered = await(offer(vertx, clientId));
    List<String> tracks = new ArrayList<>();
    JsonObject sources = new JsonObject();
    answered.events().stream()
        .filter(event -> "tracks_added".equals(event.getString("type")))
        .flatMap(event -> event.getJsonArray("tracks").stream().map(JsonObject.class::cast))
        .forEach(track -> {
          tracks.add(track.getString("trackId"));
          sources.put(track.getString("trackId"), "media");
        });
    await(send(vertx, clientId, new JsonObject().put("type", "tracks_added")
        .put("tracks", sources)));
    return tracks;
  }

  private static Future<RoomReply> subscribe(Vertx vertx, String clientId, String publisher,
      List<String> tracks) {
    JsonArray refs = new JsonArray();
    tracks.forEach(track -> refs.add(new JsonObject().put("clientId", publisher)
        .put("trackId", track)));
    return send(vertx, clientId, new JsonObject().put("type", "subscribe_tracks")
        .put("tracks", refs));
  }
}
