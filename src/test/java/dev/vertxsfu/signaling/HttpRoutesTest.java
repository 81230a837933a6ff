package dev.vertxsfu.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP routes beside the socket: the web client's static files, and /ws without upgrade. */
@ExtendWith(VertxExtension.class)
class HttpRoutesTest {

  @Test
  void staticFilesAreServedFromTheWebRootAndMissingOnesAreNotFound(Vertx vertx,
      @TempDir Path webRoot) throws IOException {
    Files.writeString(webRoot.resolve("index.html"), "<!doctype html><title>sfu</title>");
    Files.writeString(webRoot.resolve("sdk.js"), "export const version = 1;");
    SignalingVerticle signaling = new SignalingVerticle(Signaling.config(Map.of()),
        () -> 0, () -> StaticHandler.create(FileSystemAccess.ROOT, webRoot.toString()));
    vertx.deployVerticle(signaling).await();
    WebClient http = WebClient.create(vertx);

    HttpResponse<Buffer> index = http.get(signaling.actualPort(), "127.0.0.1", "/").send().await();
    HttpResponse<Buffer> sdk = http.get(signaling.actualPort(), "127.0.0.1", "/sdk.js").send()
        .await();
    HttpResponse<Buffer> missing = http.get(signaling.actualPort(), "127.0.0.1", "/nope.js")
        .send().await();
    HttpResponse<Buffer> health = http.get(signaling.actualPort(), "127.0.0.1", "/health")
        .send().await();

    assertThat(index.statusCode()).isEqualTo(200);
    assertThat(index.bodyAsString()).contains("<title>sfu</title>");
    assertThat(sdk.statusCode()).isEqualTo(200);
    assertThat(sdk.getHeader(HttpHeaders.CONTENT_TYPE.toString())).contains("javascript");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(health.statusCode()).isEqualTo(200);
  }

  @Test
  void aPlainGetOfTheSocketPathIsABadRequest(Vertx vertx) {
    SignalingVerticle signaling = Signaling.deploy(vertx);

    HttpResponse<Buffer> response = WebClient.create(vertx)
        .get(signaling.actualPort(), "127.0.0.1", "/ws").send().await();

    assertThat(response.statusCode()).isEqualTo(400);
  }
}
