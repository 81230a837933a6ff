package dev.vertxsfu.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxsfu.config.AdminConfig;
import dev.vertxsfu.config.SfuConfig;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operator endpoints over real HTTP: {@code /cluster} needs {@code Authorization: Bearer}
 * with {@code admin.token}, is 404 when no token is configured; {@code /health} and
 * {@code /ready} stay open and tell nothing about rooms.
 */
@ExtendWith(VertxExtension.class)
class AdminEndpointsTest {
  private static final String TOKEN = "admin-token-for-the-test-0123456789";

  private static SignalingVerticle deploy(Vertx vertx, AdminConfig admin) {
    SignalingVerticle front = new SignalingVerticle(
        SfuConfig.load(Map.of("SFU_HTTP_PORT", "0")), admin);
    vertx.deployVerticle(front).await();
    return front;
  }

  private static HttpResponse<Buffer> get(Vertx vertx, int port, String path, String auth) {
    var request = WebClient.create(vertx).get(port, "127.0.0.1", path);
    if (auth != null) {
      request.putHeader("Authorization", auth);
    }
    return request.send().await();
  }

  @Test
  void clusterRefusesAMissingOrWrongTokenWith401(Vertx vertx) {
    int port = deploy(vertx, new AdminConfig(TOKEN)).actualPort();
    HttpResponse<Buffer> none = get(vertx, port, "/cluster", null);
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.getHeader("WWW-Authenticate")).startsWith("Bearer");
    assertThat(none.bodyAsString()).isNull();
    assertThat(get(vertx, port, "/cluster", "Bearer " + TOKEN + "x").statusCode()).isEqualTo(401);
    assertThat(get(vertx, port, "/cluster", "Bearer " + TOKEN.substring(1)).statusCode())
        .isEqualTo(401);
    assertThat(get(vertx, port, "/cluster", TOKEN).statusCode()).isEqualTo(401);
    assertThat(get(vertx, port, "/cluster", "Basic " + TOKEN).statusCode()).isEqualTo(401);
  }

  @Test
  void clusterAnswersTheRightToken(Vertx vertx) {
    int port = deploy(vertx, new AdminConfig(TOKEN)).actualPort();
    HttpResponse<Buffer> response = get(vertx, port, "/cluster", "Bearer " + TOKEN);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject().fieldNames()).contains("node", "nodes", "rooms");
    assertThat(get(vertx, port, "/cluster", "bearer " + TOKEN).statusCode()).isEqualTo(200);
  }

  @Test
  void withoutATokenConfiguredClusterIsNotFoundWhateverIsSent(Vertx vertx) {
    int port = deploy(vertx, AdminConfig.OFF).actualPort();
    assertThat(get(vertx, port, "/cluster", null).statusCode()).isEqualTo(404);
    assertThat(get(vertx, port, "/cluster", "Bearer ").statusCode()).isEqualTo(404);
    assertThat(get(vertx, port, "/cluster", "Bearer anything-at-all-here").statusCode())
        .isEqualTo(404);
  }

  @Test
  void theStatsApiNeedsTheTokenAndIsNotFoundWithoutOne(Vertx vertx) {
    int guarded = deploy(vertx, new AdminConfig(TOKEN)).actualPort();
    int off = deploy(vertx, AdminConfig.OFF).actualPort();
    for (String path : new String[] {"/stats/rooms", "/stats/rooms/r1",
        "/stats/rooms/r1/clients/c1"}) {
      assertThat(get(vertx, guarded, path, null).statusCode()).as(path).isEqualTo(401);
      assertThat(get(vertx, guarded, path, "Bearer " + TOKEN + "x").statusCode()).as(path)
          .isEqualTo(401);
      assertThat(get(vertx, off, path, "Bearer " + TOKEN).statusCode()).as(path)
          .isEqualTo(404);
    }
    HttpResponse<Buffer> rooms = get(vertx, guarded, "/stats/rooms", "Bearer " + TOKEN);
    assertThat(rooms.statusCode()).isEqualTo(200);
    assertThat(rooms.bodyAsJsonObject().getJsonArray("rooms")).isEmpty();
    HttpResponse<Buffer> unknown = get(vertx, guarded, "/stats/rooms/r1", "Bearer " + TOKEN);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.bodyAsJsonObject().getString("error")).isEqualTo("not_found");
  }

  @Test
  void healthAndReadyStayOpenAndNameNoRoom(Vertx vertx) {
    int port = deploy(vertx, new AdminConfig(TOKEN)).actualPort();
    for (String path : new String[] {"/health", "/ready"}) {
      HttpResponse<Buffer> response = get(vertx, port, path, null);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.bodyAsJsonObject().fieldNames()).containsExactly("status");
    }
  }

  @Test
  void aShortTokenIsRefusedAtStart() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new AdminConfig("short"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("admin.token");
    assertThat(AdminConfig.load(Map.of("SFU_ADMIN_TOKEN", TOKEN)).token()).isEqualTo(TOKEN);
    assertThat(AdminConfig.load(Map.of()).enabled()).isFalse();
  }
}
