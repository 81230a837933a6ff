package dev.vertxsfu.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxsfu.config.SfuConfig.IceServersConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code joined.iceServers} as RTCIceServer dictionaries, on a fixed wall clock. */
@Tag("fast")
class IceServerListTest {
  private static final Clock AT_1_700_000_000 =
      Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);

  @Test
  void nothingConfiguredGivesAnEmptyArray() {
    assertThat(IceServerList.NONE.forClient("alice")).isEqualTo(new JsonArray());
  }

  @Test
  void stunUrlsComeWithoutCredentialsAndTurnUrlsWithTheClientsOwn() {
    IceServerList list = new IceServerList(new IceServersConfig(List.of(
        "stun:turn.example.org:3478", "turn:turn.example.org:3478?transport=udp",
        "turns:turn.example.org:443?transport=tcp"), "north", 600), AT_1_700_000_000);

    JsonArray servers = list.forClient("alice");

    assertThat(servers).isEqualTo(new JsonArray()
        .add(new JsonObject().put("urls", new JsonArray().add("stun:turn.example.org:3478")))
        .add(new JsonObject()
            .put("urls", new JsonArray().add("turn:turn.example.org:3478?transport=udp")
                .add("turns:turn.example.org:443?transport=tcp"))
            // expiry = now + ttl; the credential from
            // echo -n '1700000600:alice' | openssl dgst -sha1 -hmac north -binary | base64
            .put("username", "1700000600:alice")
            .put("credential", "gthUwOpcRoLI0MMCziCEBOWYnpo=")));
  }

  @Test
  void eachClientGetsItsOwnUsernameAndTheExpiryFollowsTheClock() {
    IceServersConfig config = new IceServersConfig(List.of("turn:127.0.0.1:3478"), "north", 60);
    IceServerList list = new IceServerList(config, AT_1_700_000_000);
    IceServerList later = new IceServerList(config,
        Clock.offset(AT_1_700_000_000, java.time.Duration.ofSeconds(5)));

    assertThat(list.forClient("bob").getJsonObject(0).getString("username"))
        .isEqualTo("1700000060:bob");
    assertThat(later.forClient("bob").getJsonObject(0).getString("username"))
        .isEqualTo("1700000065:bob");
  }

  @Test
  void onlyStunNeedsNoSecret() {
    IceServerList list = new IceServerList(
        new IceServersConfig(List.of("stun:127.0.0.1:3478"), "", 60), AT_1_700_000_000);

    assertThat(list.forClient("bob")).isEqualTo(new JsonArray()
        .add(new JsonObject().put("urls", new JsonArray().add("stun:127.0.0.1:3478"))));
  }
}
