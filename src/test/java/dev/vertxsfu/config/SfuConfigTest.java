package dev.vertxsfu.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SfuConfigTest {

  @Test
  void defaultsComeFromTheClassPath() {
    SfuConfig config = SfuConfig.from(SfuConfig.defaults(), Map.of());
    assertThat(config).isEqualTo(new SfuConfig("127.0.0.1", 8080,
        new SfuConfig.MediaConfig("127.0.0.1", "127.0.0.1", 40000, 40999),
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
  void environmentOverridesEachKey() {
    SfuConfig config = SfuConfig.from(SfuConfig.defaults(),
        Map.of("SFU_HTTP_PORT", "9000", "SFU_HTTP_HOST", "0.0.0.0",
            "SFU_MEDIA_ANNOUNCED_ADDRESS", "192.0.2.10", "SFU_MEDIA_MIN_PORT", "50000",
            "SFU_MEDIA_MAX_PORT", "50099"));
    assertThat(config.httpHost()).isEqualTo("0.0.0.0");
    assertThat(config.httpPort()).isEqualTo(9000);
    assertThat(config.media().announcedAddress()).isEqualTo("192.0.2.10");
    assertThat(config.media().minPort()).isEqualTo(50000);
    assertThat(config.media().maxPort()).isEqualTo(50099);
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
}
