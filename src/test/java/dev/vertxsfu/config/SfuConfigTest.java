package dev.vertxsfu.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

@Tag("fast")
class SfuConfigTest {

  @Test
  void defaultsComeFromTheClassPath() {
    SfuConfig config = SfuConfig.from(SfuConfig.defaults(), Map.of());
    assertThat(config).isEqualTo(new SfuConfig("127.0.0.1", 8080,
        new SfuConfig.MediaConfig("::", AnnouncedAddresses.AUTO, 40000, 40999),
        SfuConfig.SignalingConfig.OPEN, SfuConfig.RoomsConfig.DEFAULT,
        new SfuConfig.ClusterConfig(true, "127.0.0.1", 5701, java.util.List.of(), "")));
  }

  @Test
  void clusterSettingsComeFromTheEnvironment() {
    SfuConfig config = SfuConfig.load(Map.of("SFU_CLUSTER_ENABLED", "false",
        "SFU_CLUSTER_HOST", "10.0.0.5", "SFU_CLUSTER_PORT", "5801",
        "SFU_CLUSTER_MEMBERS", "10.0.0.6, 10.0.0.7:5801", "SFU_CLUSTER_DNS", "sfu.ns.svc",
        "SFU_CLUSTER_SECRET", "s3cr3t-of-the-cluster", "SFU_CLUSTER_BUS_PORT", "5802"));
    assertThat(config.cluster()).isEqualTo(new SfuConfig.ClusterConfig(false, "10.0.0.5", 5801,
        java.util.List.of("10.0.0.6", "10.0.0.7:5801"), "sfu.ns.svc", "s3cr3t-of-the-cluster",
        5802));
    assertThat(config.cluster().toString()).doesNotContain("s3cr3t").contains("secret=(set)");
    assertThat(config.cluster().expectsOthers()).isTrue();
    assertThatThrownBy(() -> SfuConfig.load(Map.of("SFU_CLUSTER_BUS_PORT", "70000")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bus-port");
    assertThatThrownBy(() -> SfuConfig.load(Map.of("SFU_CLUSTER_ENABLED", "yes")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SFU_CLUSTER_ENABLED");
  }

  @Test
  void roomSettingsComeFromTheEnvironmentToo() {
    SfuConfig config = SfuConfig.load(Map.of("SFU_ROOMS_EMPTY_CLOSE_SECONDS", "5",
        "SFU_ROOMS_DRAIN_SECONDS", "12"));
    assertThat(config.rooms().emptyCloseSeconds()).isEqualTo(5);
    assertThat(config.rooms().drainSeconds()).isEqualTo(12);
    assertThatThrownBy(() -> SfuConfig.load(Map.of("SFU_ROOMS_DRAIN_SECONDS", "-3")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("drain-seconds");
    assertThatThrownBy(() -> SfuConfig.load(Map.of("SFU_ROOMS_EMPTY_CLOSE_SECONDS", "-1")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty-close");
  }

  @Test
  void capsAndTimeoutsComeFromTheEnvironmentAndMustBePositive() {
    SfuConfig config = SfuConfig.load(Map.of("SFU_ROOMS_MAX_CLIENTS", "7",
        "SFU_ROOMS_MAX_NAME_LENGTH", "32", "SFU_ROOMS_MAX_TRACKS_PER_CLIENT", "3",
        "SFU_ROOMS_MAX_SUBSCRIPTIONS_PER_CLIENT", "9", "SFU_ROOMS_CONNECT_TIMEOUT_SECONDS", "4",
        "SFU_ROOMS_DISCONNECT_TIMEOUT_SECONDS", "6", "SFU_ROOMS_NEW_ROOMS_PER_MINUTE_PER_CLIENT",
        "2", "SFU_ROOMS_NEW_ROOMS_PER_MINUTE_PER_ADDRESS", "5",
        "SFU_SIGNALING_MAX_REQUESTS_BEFORE_JOIN", "11"));
    assertThat(config.rooms()).isEqualTo(new SfuConfig.RoomsConfig(30, 60, 7, 32, 3, 9, 4, 6, 2,
        5));
    assertThat(config.signaling().maxRequestsBeforeJoin()).isEqualTo(11);
    assertThatThrownBy(() -> SfuConfig.load(Map.of("SFU_ROOMS_MAX_CLIENTS", "0")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rooms.max-clients");
    assertThatThrownBy(() -> SfuConfig.load(Map.of("SFU_SIGNALING_MAX_REQUESTS_BEFORE_JOIN",
        "0"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("max-requests-before-join");
  }

  @Test
  void environmentOverridesEachKey() {
    SfuConfig config = SfuConfig.from(SfuConfig.defaults(),
        Map.of("SFU_HTTP_PORT", "9000", "SFU_HTTP_HOST", "0.0.0.0",
            "SFU_MEDIA_ANNOUNCED_ADDRESS", "192.0.2.10", "SFU_MEDIA_MIN_PORT", "50000",
            "SFU_MEDIA_MAX_PORT", "50099"));
    assertThat(config.httpHost()).isEqualTo("0.0.0.0");
    assertThat(config.httpPort()).isEqualTo(9000);
    assertThat(config.media().announced()).isEqualTo(AnnouncedAddresses.of("192.0.2.10"));
    assertThat(config.media().minPort()).isEqualTo(50000);
    assertThat(config.media().maxPort()).isEqualTo(50099);
  }

  @Test
  void mediaSettingsTakeAutoOneAddressOrAList() {
    assertThat(SfuConfig.load(Map.of()).media().announced().auto()).isTrue();
    assertThat(SfuConfig.load(Map.of("SFU_MEDIA_ANNOUNCED_ADDRESS", " 203.0.113.7 , 2001:db8::7"))
        .media().announced().addresses()).containsExactly("203.0.113.7", "2001:db8::7");
    assertThat(SfuConfig.load(Map.of("SFU_MEDIA_BIND_HOST", "0.0.0.0")).media().bindHost())
        .isEqualTo("0.0.0.0");
    assertThatThrownBy(() -> SfuConfig.load(Map.of("SFU_MEDIA_ANNOUNCED_ADDRESS", "0.0.0.0")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("media.announced-address").hasMessageContaining("wildcard");
    assertThatThrownBy(() -> SfuConfig.load(Map.of("SFU_MEDIA_BIND_HOST", " ")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("media.bind-host");
  }

  @Test
  void bandwidthAllocationIsOnByDefaultAndCanBeTurnedOff() {
    assertThat(SfuConfig.load(Map.of()).media().bandwidthAllocation()).isTrue();
    assertThat(SfuConfig.load(Map.of("SFU_MEDIA_BANDWIDTH_ALLOCATION", "false")).media()
        .bandwidthAllocation()).isFalse();
    // the other settings keep it
    assertThat(SfuConfig.load(Map.of("SFU_MEDIA_BANDWIDTH_ALLOCATION", "false")).media()
        .withTcpPort(7881).bandwidthAllocation()).isFalse();
  }

  @Test
  void sendShardsAreOffByDefaultAndNeedThePortRange() {
    assertThat(SfuConfig.load(Map.of()).media().sendShards()).isZero();
    assertThat(SfuConfig.load(Map.of()).media().shardAfter()).isEqualTo(32);
    SfuConfig.MediaConfig sharded = SfuConfig.load(Map.of("SFU_MEDIA_SEND_SHARDS", "2",
        "SFU_MEDIA_SHARD_AFTER", "64")).media();
    assertThat(sharded.sendShards()).isEqualTo(2);
    assertThat(sharded.shardAfter()).isEqualTo(64);
    assertThat(sharded.withTcpPort(7881).sendShards()).isEqualTo(2);
    assertThatThrownBy(() -> SfuConfig.load(Map.of("SFU_MEDIA_SEND_SHARDS", "2",
        "SFU_MEDIA_UDP_PORT", "40000")))
        .hasMessageContaining("media.send-shards").hasMessageContaining("media.udp-port");
    assertThatThrownBy(() -> SfuConfig.load(Map.of("SFU_MEDIA_SEND_SHARDS", "17")))
        .hasMessageContaining("media.send-shards must be 0-16");
    assertThatThrownBy(() -> SfuConfig.load(Map.of("SFU_MEDIA_SHARD_AFTER", "-1")))
        .hasMessageContaining("media.shard-after");
  }

  @Test
  void aMistypedValueIsRefusedWithItsName() {
    assertThatThrownBy(() -> SfuConfig.from(SfuConfig.defaults(), Map.of("SFU_HTTP_PORT", "x")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SFU_HTTP_PORT");
    assertThatThrownBy(() -> SfuConfig.from(SfuConfig.defaults(),
        Map.of("SFU_MEDIA_MIN_PORT", "41000")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("41000-40999");
    JsonObject bad = new JsonObject().put("http", new JsonObject().put("host", 1).put("port", 1));
    assertThatThrownBy(() -> SfuConfig.from(bad, Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http.host");
  }

  @Test
  void signalingIsOpenByDefault() {
    SfuConfig.SignalingConfig signaling = SfuConfig.from(SfuConfig.defaults(), Map.of()).signaling();
    assertThat(signaling).isEqualTo(SfuConfig.SignalingConfig.OPEN);
    assertThat(signaling.allowedOrigins()).isEmpty();
    assertThat(signaling.requiresToken()).isFalse();
  }

  @Test
  void environmentSetsOriginsAndTheJoinTokenSecret() {
    SfuConfig config = SfuConfig.from(SfuConfig.defaults(), Map.of(
        "SFU_SIGNALING_ALLOWED_ORIGINS", " https://a.example , ,http://localhost:8080,",
        "SFU_SIGNALING_JWT_SECRET", "s3cret"));
    assertThat(config.signaling().allowedOrigins())
        .containsExactly("https://a.example", "http://localhost:8080");
    assertThat(config.signaling().jwtSecret()).isEqualTo("s3cret");
    assertThat(config.signaling().requiresToken()).isTrue();
  }

  @Test
  void theJoinTokenSecretStaysOutOfToString() {
    SfuConfig config = SfuConfig.from(SfuConfig.defaults(),
        Map.of("SFU_SIGNALING_JWT_SECRET", "do-not-log-me"));
    assertThat(config.toString()).doesNotContain("do-not-log-me").contains("jwtSecret=(set)");
  }

  @Test
  void aMistypedSignalingValueIsRefusedWithItsName() {
    JsonObject defaults = SfuConfig.defaults();
    defaults.getJsonObject("signaling").put("allowed-origins", List.of("https://a.example"));
    assertThatThrownBy(() -> SfuConfig.from(defaults, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("signaling.allowed-origins");
  }

  @Test
  void noIceServersByDefault() {
    SfuConfig config = SfuConfig.from(SfuConfig.defaults(), Map.of());
    assertThat(config.ice()).isEqualTo(SfuConfig.IceServersConfig.NONE);
    assertThat(config.ice().urls()).isEmpty();
    assertThat(config.ice().turnTtlSeconds()).isEqualTo(86400);
  }

  @Test
  void iceServersComeFromTheEnvironment() {
    SfuConfig config = SfuConfig.load(Map.of(
        "SFU_ICE_SERVERS", "stun:turn.example.org:3478, turn:turn.example.org:3478?transport=udp,",
        "SFU_ICE_TURN_SECRET", "north", "SFU_ICE_TURN_TTL_SECONDS", "600"));
    assertThat(config.ice()).isEqualTo(new SfuConfig.IceServersConfig(
        List.of("stun:turn.example.org:3478", "turn:turn.example.org:3478?transport=udp"),
        "north", 600));
    assertThat(config.toString()).doesNotContain("north").contains("turnSecret=(set)");
  }

  @Test
  void badIceServerSettingsAreRefusedWithTheirNames() {
    assertThatThrownBy(() -> SfuConfig.load(Map.of("SFU_ICE_SERVERS", "turn:127.0.0.1:3478")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ice.turn-secret");
    assertThatThrownBy(() -> SfuConfig.load(Map.of("SFU_ICE_SERVERS", "http://127.0.0.1:3478")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ice.servers");
    assertThatThrownBy(() -> SfuConfig.load(Map.of("SFU_ICE_SERVERS", "stun:")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ice.servers");
    assertThatThrownBy(() -> SfuConfig.load(Map.of("SFU_ICE_TURN_TTL_SECONDS", "0")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("turn-ttl-seconds");
  }
}
