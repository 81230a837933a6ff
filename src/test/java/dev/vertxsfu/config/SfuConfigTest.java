package dev.vertxsfu.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SfuConfigTest {

  @Test
  void defaultsComeFromTheClassPath() {
    SfuConfig config = SfuConfig.from(SfuConfig.defaults(), Map.of());
    assertThat(config).isEqualTo(new SfuConfig("127.0.0.1", 8080));
  }

  @Test
  void environmentOverridesEachKey() {
    SfuConfig config = SfuConfig.from(SfuConfig.defaults(),
        Map.of("SFU_HTTP_PORT", "9000", "SFU_HTTP_HOST", "0.0.0.0"));
    assertThat(config).isEqualTo(new SfuConfig("0.0.0.0", 9000));
  }

  @Test
  void aMistypedValueIsRefusedWithItsName() {
    assertThatThrownBy(() -> SfuConfig.from(SfuConfig.defaults(), Map.of("SFU_HTTP_PORT", "x")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SFU_HTTP_PORT");
    JsonObject bad = new JsonObject().put("http", new JsonObject().put("host", 1).put("port", 1));
    assertThatThrownBy(() -> SfuConfig.from(bad, Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http.host");
  }
}
