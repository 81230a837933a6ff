package dev.vertxsfu.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/protocol.md "Transport", "Errors" over a real socket: each bad frame gets an {@code error}
 * with the right code, the request's {@code id} when it had a valid one, a message naming the
 * field, and the socket stays open (a valid request after it is still served).
 */
@ExtendWith(VertxExtension.class)
class ProtocolValidationTest {
  private static final String JOINED = "joined first";
  private static final String FRESH = "not joined";
  private static Vertx vertx;
  private static int port;

  @BeforeAll
  static void startFrontAndRoom(Vertx shared, VertxTestContext test) {
    vertx = shared;
    FakeRoom.start(vertx, "r1");
    port = Signaling.deploy(vertx).actualPort();
    test.completeNow();
  }

  static Stream<Arguments> badFrames() {
    return Stream.of(
        // Transport.
        text(FRESH, "hello", null, "bad_request", "not valid JSON"),
        text(FRESH, "", null, "bad_request", "JSON"),
        text(FRESH, "{\"type\":\"join\",", null, "bad_request", "not valid JSON"),
        text(FRESH, "[{\"type\":\"join\",\"room\":\"r1\"}]", null, "bad_request", "JSON object"),
        text(FRESH, "\"join\"", null, "bad_request", "JSON object"),
        text(FRESH, "42", null, "bad_request", "JSON object"),
        text(JOINED, oversized(), null, "bad_request", "larger than 65536 bytes"),
        arguments("binary frame", JOINED, s -> s.sendBinary(Buffer.buffer("{\"type\":\"leave\"}")),
            null, "bad_request", "binary"),
        // Envelope.
        json(FRESH, "{}", null, "bad_request", "type is required"),
        json(FRESH, "{\"type\":5,\"id\":1}", 1, "bad_request", "type is required"),
        json(FRESH, "{\"type\":null,\"id\":1}", 1, "bad_request", "type is required"),
        json(JOINED, "{\"type\":\"dance\",\"id\":\"a\"}", "a", "bad_request",
            "unknown type \"dance\""),
        json(JOINED, "{\"type\":\"disconnect\",\"id\":2}", 2, "bad_request",
            "unknown type \"disconnect\""),
        json(JOINED, "{\"type\":\"OFFER\",\"id\":2,\"sdp\":\"v=0\"}", 2, "bad_request",
            "unknown type"),
        json(JOINED, "{\"type\":\"offer\",\"id\":true,\"sdp\":\"v=0\"}", null, "bad_request",
            "id must be a string or an integer"),
        json(JOINED, "{\"type\":\"offer\",\"id\":1.5,\"sdp\":\"v=0\"}", null, "bad_request", "id"),
        json(JOINED, "{\"type\":\"offer\",\"id\":{},\"sdp\":\"v=0\"}", null, "bad_request", "id"),
        // join.
        json(FRESH, "{\"type\":\"join\",\"id\":1}", 1, "bad_request", "room must be"),
        json(FRESH, "{\"type\":\"join\",\"id\":1,\"room\":\"\"}", 1, "bad_request", "room"),
        json(FRESH, "{\"type\":\"join\",\"id\":1,\"room\":\"" + "r".repeat(129) + "\"}", 1,
            "bad_request", "1-128 characters"),
        json(FRESH, "{\"type\":\"join\",\"id\":1,\"room\":\"a b\"}", 1, "bad_request", "room"),
        json(FRESH, "{\"type\":\"join\",\"id\":1,\"room\":\"caf\u00e9\"}", 1, "bad_request",
            "room"),
        json(FRESH, "{\"type\":\"join\",\"id\":1,\"room\":\"a/b\"}", 1, "bad_request", "room"),
        json(FRESH, "{\"type\":\"join\",\"id\":1,\"room\":7}", 1, "bad_request", "room"),
        json(FRESH, "{\"type\":\"join\",\"id\":1,\"room\":\"r1\",\"name\":5}", 1, "bad_request",
            "name must be a string"),
        json(FRESH, "{\"type\":\"join\",\"id\":1,\"room\":\"r1\",\"token\":[]}", 1, "bad_request",
            "token must be a string"),
        // offer, answer.
        json(JOINED, "{\"type\":\"offer\",\"id\":3}", 3, "bad_request", "sdp is required"),
        json(JOINED, "{\"type\":\"offer\",\"id\":3,\"sdp\":\"\"}", 3, "bad_request", "sdp"),
        json(JOINED, "{\"type\":\"offer\",\"id\":3,\"sdp\":{}}", 3, "bad_request", "sdp"),
        json(JOINED, "{\"type\":\"answer\",\"id\":3}", 3, "bad_request", "sdp is required"),
        json(JOINED, "{\"type\":\"answer\",\"id\":3,\"sdp\":5}", 3, "bad_request", "sdp"),
        // candidate.
        json(JOINED, "{\"type\":\"candidate\",\"id\":4}", 4, "bad_request",
            "candidate is required"),
        json(JOINED, "{\"type\":\"candidate\",\"id\":4,\"candidate\":\"candidate:1 1 udp\"}", 4,
            "bad_request", "candidate must be an object or null"),
        json(JOINED, "{\"type\":\"candidate\",\"id\":4,\"candidate\":{}}", 4, "bad_request",
            "candidate.candidate"),
        json(JOINED, "{\"type\":\"candidate\",\"id\":4,\"candidate\":{\"candidate\":1}}", 4,
            "bad_request", "candidate.candidate"),
        json(JOINED, candidate("sdpMid", 0), 4, "bad_request", "candidate.sdpMid"),
        json(JOINED, candidate("sdpMLineIndex", "0"), 4, "bad_request",
            "candidate.sdpMLineIndex"),
        json(JOINED, candidate("sdpMLineIndex", -1), 4, "bad_request",
            "candidate.sdpMLineIndex"),
        json(JOINED, candidate("sdpMLineIndex", 0.5), 4, "bad_request",
            "candidate.sdpMLineIndex"),
        json(JOINED, candidate("sdpMLineIndex", 65536), 4, "bad_request",
            "candidate.sdpMLineIndex"),
        json(JOINED, candidate("usernameFragment", 7), 4, "bad_request",
            "candidate.usernameFragment"),
        // tracks_added.
        json(JOINED, "{\"type\":\"tracks_added\",\"id\":5}", 5, "bad_request",
            "tracks is required"),
        json(JOINED, "{\"type\":\"tracks_added\",\"id\":5,\"tracks\":[]}", 5, "bad_request",
            "must be an object"),
        json(JOINED, "{\"type\":\"tracks_added\",\"id\":5,\"tracks\":{\"t1\":\"camera\"}}", 5,
            "bad_request", "tracks[\"t1\"] must be \"media\" or \"screen\""),
        json(JOINED, "{\"type\":\"tracks_added\",\"id\":5,\"tracks\":{\"t1\":null}}", 5,
            "bad_request", "tracks[\"t1\"]"),
        json(JOINED, "{\"type\":\"tracks_added\",\"id\":5,\"tracks\":{\"\":\"media\"}}", 5,
            "bad_request", "empty trackId"),
        // subscribe_tracks, unsubscribe_tracks.
        json(JOINED, "{\"type\":\"subscribe_tracks\",\"id\":6}", 6, "bad_request",
            "tracks is required"),
        json(JOINED, "{\"type\":\"subscribe_tracks\",\"id\":6,\"tracks\":{}}", 6, "bad_request",
            "must be an array"),
        json(JOINED, "{\"type\":\"subscribe_tracks\",\"id\":6,\"tracks\":[5]}", 6, "bad_request",
            "tracks[0] must be an object"),
        json(JOINED, "{\"type\":\"subscribe_tracks\",\"id\":6,\"tracks\":[{\"clientId\":\"c\"}]}",
            6, "bad_request", "tracks[0].trackId"),
        json(JOINED, "{\"type\":\"subscribe_tracks\",\"id\":6,"
            + "\"tracks\":[{\"clientId\":\"\",\"trackId\":\"t\"}]}", 6, "bad_request",
            "tracks[0].clientId"),
        json(JOINED, "{\"type\":\"unsubscribe_tracks\",\"id\":6,\"tracks\":"
            + "[{\"clientId\":\"c\",\"trackId\":\"t\"},{\"trackId\":\"t\"}]}", 6, "bad_request",
            "tracks[1].clientId"),
        json(JOINED, "{\"type\":\"unsubscribe_tracks\",\"id\":6,\"tracks\":\"all\"}", 6,
            "bad_request", "must be an array"),
        // State.
        json(FRESH, "{\"type\":\"offer\",\"id\":7,\"sdp\":\"v=0\"}", 7, "not_joined", "join"),
        json(FRESH, "{\"type\":\"leave\",\"id\":\"l\"}", "l", "not_joined", "join"),
        json(FRESH, "{\"type\":\"is_allow_renegotiation\"}", null, "not_joined", "join"),
        json(JOINED, "{\"type\":\"join\",\"id\":8,\"room\":\"r1\"}", 8, "not_allowed",
            "already joined room r1"),
        json(JOINED, "{\"type\":\"join\",\"id\":8,\"room\":\"r2\"}", 8, "not_allowed",
            "already joined"));
  }

  @ParameterizedTest(name = "{0} ({1})")
  @MethodSource("badFrames")
  void aBadFrameGetsAnErrorAndTheSocketStaysOpen(String name, String state,
      Consumer<TestSocket> send, Object id, String code, String messagePart) {
    TestSocket client = TestSocket.connect(vertx, port);
    if (state.equals(JOINED)) {
      client.join("r1");
      client.next();
      client.next();
    }

    send.accept(client);

    JsonObject error = client.next();
    assertThat(error.getString("type")).as("%s", error).isEqualTo("error");
    assertThat(error.getString("code")).as("%s", error).isEqualTo(code);
    assertThat(error.getValue("id")).as("%s", error).isEqualTo(id);
    assertThat(error.containsKey("id")).isEqualTo(id != null);
    assertThat(error.getString("message")).contains(messagePart);
    if (state.equals(JOINED)) {
      client.assertStillServed();
    } else {
      client.join("r1");
    }
    assertThat(client.isClosed()).isFalse();
    client.close();
  }

  @Test
  void aMessageOfExactly64KiBIsAccepted() {
    TestSocket client = TestSocket.connect(vertx, port);
    client.join("r1");
    client.next();
    client.next();
    String head = "{\"type\":\"is_allow_renegotiation\",\"id\":\"big\",\"pad\":\"";
    String tail = "\"}";
    // Two-byte characters, so the limit is counted in UTF-8 bytes, not chars.
    int padBytes = ProtocolMessages.MAX_MESSAGE_BYTES - head.length() - tail.length();
    String pad = "\u00e9".repeat(padBytes / 2) + "x".repeat(padBytes % 2);

    client.sendText(head + pad + tail);
    assertThat(client.next().getValue("id")).isEqualTo("big");

    client.sendText(head + pad + "x" + tail);
    assertThat(client.next().getString("code")).isEqualTo("bad_request");
  }

  private static String oversized() {
    return "{\"type\":\"is_allow_renegotiation\",\"id\":1,\"pad\":\"" + "x".repeat(65 * 1024)
        + "\"}";
  }

  /** A valid candidate message with one field of the candidate object replaced. */
  private static String candidate(String key, Object value) {
    JsonObject candidate = new JsonObject()
        .put("candidate", "candidate:1 1 udp 2122260223 192.0.2.1 54321 typ host")
        .put("sdpMid", "0").put("sdpMLineIndex", 0).put(key, value);
    return new JsonObject().put("type", "candidate").put("id", 4).put("candidate", candidate)
        .encode();
  }

  private static Arguments text(String state, String text, Object id, String code,
      String messagePart) {
    String name = text.length() > 40 ? text.substring(0, 40) + "..." : text;
    return arguments("text " + name, state, s -> s.sendText(text), id, code, messagePart);
  }

  private static Arguments json(String state, String text, Object id, String code,
      String messagePart) {
    return arguments(text.length() > 90 ? text.substring(0, 90) + "..." : text, state,
        s -> s.sendText(text), id, code, messagePart);
  }

  private static Arguments arguments(String name, String state, Consumer<TestSocket> send,
      Object id, String code, String messagePart) {
    return Arguments.of(name, state, send, id, code, messagePart);
  }
}
