package dev.vertxsfu.signaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Tag;

/** The syntax alone, without sockets: what passes, and that nothing else escapes. */
@Tag("fast")
class ProtocolMessagesTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"type\":\"join\",\"room\":\"r\"}",
      "{\"type\":\"join\",\"room\":\"A-z_0.9\",\"name\":\"Ada\",\"token\":\"t\"}",
      "{\"type\":\"join\",\"room\":\"r\",\"name\":null,\"token\":null}",
      "{\"type\":\"offer\",\"id\":9007199254740991,\"sdp\":\"v=0\"}",
      "{\"type\":\"answer\",\"id\":\"\",\"sdp\":\"v=0\"}",
      "{\"type\":\"candidate\",\"candidate\":null}",
      "{\"type\":\"candidate\",\"candidate\":{\"candidate\":\"\",\"sdpMid\":null,"
          + "\"sdpMLineIndex\":null,\"usernameFragment\":null}}",
      "{\"type\":\"candidate\",\"candidate\":{\"candidate\":\"candidate:1 1 udp 1 192.0.2.1 9 "
          + "typ host\",\"sdpMid\":\"0\",\"sdpMLineIndex\":65535,\"usernameFragment\":\"u\"}}",
      "{\"type\":\"candidate\",\"candidate\":{\"candidate\":\"c\"}}",
      "{\"type\":\"is_allow_renegotiation\",\"id\":-1}",
      "{\"type\":\"tracks_added\",\"tracks\":{}}",
      "{\"type\":\"tracks_added\",\"tracks\":{\"a\":\"media\",\"b\":\"screen\"}}",
      "{\"type\":\"subscribe_tracks\",\"tracks\":[]}",
      "{\"type\":\"unsubscribe_tracks\",\"tracks\":[{\"clientId\":\"c\",\"trackId\":\"t\"}]}",
      "{\"type\":\"mute_track\",\"trackId\":\"t\",\"muted\":true}",
      "{\"type\":\"room_message\",\"text\":\"hi\"}",
      "{\"type\":\"room_message\",\"text\":\"hi\",\"to\":[\"c1\",\"c2\"]}",
      "{\"type\":\"leave\",\"later\":{\"versions\":[1]}}"})
  void validMessagesPassAsTheyWere(String text) throws ProtocolException {
    ClientMessage message = ProtocolMessages.parse(text);

    assertThat(message.json()).isEqualTo(new JsonObject(text));
    assertThat(message.type().wireName()).isEqualTo(message.json().getString("type"));
    assertThat(message.id()).isEqualTo(message.json().getValue("id"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"type\":\"mute_track\",\"muted\":true}",
      "{\"type\":\"mute_track\",\"trackId\":\"t\",\"muted\":\"yes\"}",
      "{\"type\":\"mute_track\",\"trackId\":\"\",\"muted\":false}",
      "{\"type\":\"room_message\"}",
      "{\"type\":\"room_message\",\"text\":\"\"}",
      "{\"type\":\"room_message\",\"text\":7}",
      "{\"type\":\"room_message\",\"text\":\"hi\",\"to\":\"c1\"}",
      "{\"type\":\"room_message\",\"text\":\"hi\",\"to\":[\"\"]}",
      "{\"type\":\"room_message\",\"text\":\"hi\",\"to\":[3]}"})
  void malformedMeetingMessagesAreBadRequests(String text) {
    assertThatThrownBy(() -> ProtocolMessages.parse(text))
        .isInstanceOfSatisfying(ProtocolException.class,
            e -> assertThat(e.code()).isEqualTo("bad_request"));
  }

  @Test
  void aChatTextOverTheLimitOrTooManyRecipientsAreBadRequests() {
    String longText = new JsonObject().put("type", "room_message")
        .put("text", "x".repeat(MessageFields.MAX_CHAT_TEXT + 1)).encode();
    JsonArray many = new JsonArray();
    for (int i = 0; i <= MessageFields.MAX_RECIPIENTS; i++) {
      many.add("c" + i);
    }
    String crowd = new JsonObject().put("type", "room_message").put("text", "hi")
        .put("to", many).encode();

    assertThatThrownBy(() -> ProtocolMessages.parse(longText)).hasMessageContaining("2000");
    assertThatThrownBy(() -> ProtocolMessages.parse(crowd)).hasMessageContaining("at most");
  }

  @Test
  void theIdOfARefusedMessageIsKeptForTheError() {
    assertThatThrownBy(() -> ProtocolMessages.parse("{\"type\":\"offer\",\"id\":12}"))
        .isInstanceOfSatisfying(ProtocolException.class, e -> {
          assertThat(e.code()).isEqualTo("bad_request");
          assertThat(e.id()).isEqualTo(12);
          assertThat(e.getMessage()).contains("sdp");
        });
  }

  @Test
  void anIdOverTheLimitIsRefusedAndNotEchoed() throws ProtocolException {
    String atLimit = "i".repeat(ProtocolMessages.MAX_ID_CHARS);
    assertThat(ProtocolMessages.parse(new JsonObject().put("type", "leave").put("id", atLimit)
        .encode()).id()).isEqualTo(atLimit);

    String huge = "i".repeat(60_000);
    assertThatThrownBy(() -> ProtocolMessages.parse(
            new JsonObject().put("type", "leave").put("id", huge).encode()))
        .isInstanceOfSatisfying(ProtocolException.class, e -> {
          assertThat(e.code()).isEqualTo("bad_request");
          assertThat(e.id()).isNull();
          assertThat(e.getMessage()).contains("id").hasSizeLessThan(100);
        });
  }

  @Test
  void theRoomGetsTheMessageWithoutTheToken() throws ProtocolException {
    ClientMessage join = ProtocolMessages.parse(
        "{\"type\":\"join\",\"id\":1,\"room\":\"r\",\"token\":\"secret\",\"name\":\"Ada\"}");

    assertThat(join.token()).isEqualTo("secret");
    assertThat(join.forRoom()).isEqualTo(new JsonObject().put("type", "join").put("id", 1)
        .put("room", "r").put("name", "Ada"));
    assertThat(join.json().getString("token")).isEqualTo("secret");
  }

  @Test
  void theSizeLimitCountsUtf8Bytes() {
    int max = ProtocolMessages.MAX_MESSAGE_BYTES;
    assertThat(ProtocolMessages.exceedsLimit("x".repeat(max))).isFalse();
    assertThat(ProtocolMessages.exceedsLimit("x".repeat(max + 1))).isTrue();
    assertThat(ProtocolMessages.exceedsLimit("\u00e9".repeat(max / 2))).isFalse();
    assertThat(ProtocolMessages.exceedsLimit("\u00e9".repeat(max / 2) + "x")).isTrue();
    assertThat(ProtocolMessages.exceedsLimit("\u20ac".repeat(max / 3) + "x")).isFalse();
    assertThat(ProtocolMessages.exceedsLimit("\u20ac".repeat(max / 3) + "xx")).isTrue();
    String emoji = "\ud83d\ude00"; // four bytes in UTF-8
    assertThat(ProtocolMessages.exceedsLimit(emoji.repeat(max / 4))).isFalse();
    assertThat(ProtocolMessages.exceedsLimit(emoji.repeat(max / 4) + "x")).isTrue();
  }

  @Test
  void randomTextOnlyEverGivesBadRequest() {
    Random random = new Random(20260101);
    String alphabet = "{}[]\":,0123456789.-eE truefalsnl\\u\u00e9typejoinroom";
    for (int i = 0; i < 5_000; i++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(40);
      for (int j = 0; j < length; j++) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      try {
        ProtocolMessages.parse(text.toString());
      } catch (ProtocolException e) {
        assertThat(e.code()).isEqualTo("bad_request");
      }
    }
  }

  @Test
  void mutatedValidMessagesOnlyEverGiveBadRequest() {
    String valid = "{\"type\":\"subscribe_tracks\",\"id\":1,\"tracks\":[{\"clientId\":\"c\","
        + "\"trackId\":\"t\"}],\"candidate\":{\"candidate\":\"c\",\"sdpMLineIndex\":0}}";
    Random random = new Random(7);
    for (int i = 0; i < 5_000; i++) {
      StringBuilder text = new StringBuilder(valid);
      for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
        int at = random.nextInt(text.length());
        switch (random.nextInt(3)) {
          case 0 -> text.deleteCharAt(at);
          case 1 -> text.insert(at, "{}[]\",:0-".charAt(random.nextInt(9)));
          default -> text.setCharAt(at, (char) (32 + random.nextInt(95)));
        }
      }
      try {
        ProtocolMessages.parse(text.toString());
      } catch (ProtocolException e) {
        assertThat(e.code()).isEqualTo("bad_request");
      }
    }
  }
}
