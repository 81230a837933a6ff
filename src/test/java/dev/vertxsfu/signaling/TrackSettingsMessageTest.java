package dev.vertxsfu.signaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The shape of {@code track_settings} (docs/protocol.md section 17): every field checked. */
@Tag("fast")
class TrackSettingsMessageTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"type\":\"track_settings\",\"tracks\":[{\"clientId\":\"c\",\"trackId\":\"t\","
          + "\"maxWidth\":320,\"maxHeight\":180}]}",
      "{\"type\":\"track_settings\",\"tracks\":[{\"clientId\":\"c\",\"trackId\":\"t\","
          + "\"maxWidth\":0,\"maxHeight\":0,\"maxFps\":15,\"paused\":false}]}",
      "{\"type\":\"track_settings\",\"tracks\":[{\"clientId\":\"c\",\"trackId\":\"t\","
          + "\"maxWidth\":16384,\"maxHeight\":16384,\"maxFps\":null,\"paused\":true},"
          + "{\"clientId\":\"d\",\"trackId\":\"u\",\"maxWidth\":1,\"maxHeight\":1,\"maxFps\":240}]}",
  })
  void wellFormedSettingsAreAccepted(String text) throws ProtocolException {
    assertThat(ProtocolMessages.parse(text).type()).isEqualTo(ClientMessageType.TRACK_SETTINGS);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "{\"type\":\"track_settings\"}|tracks is required",
      "{\"type\":\"track_settings\",\"tracks\":{}}|tracks is required",
      "{\"type\":\"track_settings\",\"tracks\":[]}|array of 1 to 100",
      "{\"type\":\"track_settings\",\"tracks\":[7]}|tracks[0] must be an object",
      "{\"type\":\"track_settings\",\"tracks\":[{\"trackId\":\"t\",\"maxWidth\":1,\"maxHeight\":1}]}|tracks[0].clientId",
      "{\"type\":\"track_settings\",\"tracks\":[{\"clientId\":\"c\",\"trackId\":\"\",\"maxWidth\":1,\"maxHeight\":1}]}|tracks[0].trackId",
      "{\"type\":\"track_settings\",\"tracks\":[{\"clientId\":\"c\",\"trackId\":\"t\",\"maxHeight\":1}]}|tracks[0].maxWidth is required",
      "{\"type\":\"track_settings\",\"tracks\":[{\"clientId\":\"c\",\"trackId\":\"t\",\"maxWidth\":1}]}|tracks[0].maxHeight is required",
      "{\"type\":\"track_settings\",\"tracks\":[{\"clientId\":\"c\",\"trackId\":\"t\",\"maxWidth\":-1,\"maxHeight\":1}]}|tracks[0].maxWidth",
      "{\"type\":\"track_settings\",\"tracks\":[{\"clientId\":\"c\",\"trackId\":\"t\",\"maxWidth\":1.5,\"maxHeight\":1}]}|tracks[0].maxWidth",
      "{\"type\":\"track_settings\",\"tracks\":[{\"clientId\":\"c\",\"trackId\":\"t\",\"maxWidth\":1,\"maxHeight\":16385}]}|from 0 to 16384",
      "{\"type\":\"track_settings\",\"tracks\":[{\"clientId\":\"c\",\"trackId\":\"t\",\"maxWidth\":1,\"maxHeight\":1,\"maxFps\":241}]}|tracks[0].maxFps must be an integer from 0 to 240",
      "{\"type\":\"track_settings\",\"tracks\":[{\"clientId\":\"c\",\"trackId\":\"t\",\"maxWidth\":1,\"maxHeight\":1,\"maxFps\":\"30\"}]}|tracks[0].maxFps",
      "{\"type\":\"track_settings\",\"tracks\":[{\"clientId\":\"c\",\"trackId\":\"t\",\"maxWidth\":1,\"maxHeight\":1,\"paused\":\"yes\"}]}|tracks[0].paused must be true or false",
  })
  void eachMalformedFieldIsABadRequestNamingIt(String text, String message) {
    assertThatThrownBy(() -> ProtocolMessages.parse(text))
        .isInstanceOfSatisfying(ProtocolException.class,
            e -> assertThat(e.code()).isEqualTo("bad_request"))
        .hasMessageContaining(message);
  }

  @Test
  void moreThanAHundredTracksAreABadRequest() {
    JsonArray tracks = new JsonArray();
    for (int i = 0; i <= MessageFields.MAX_TRACK_SETTINGS; i++) {
      tracks.add(new JsonObject().put("clientId", "c").put("trackId", "t" + i)
          .put("maxWidth", 1).put("maxHeight", 1));
    }
    String text = new JsonObject().put("type", "track_settings").put("tracks", tracks).encode();

    assertThatThrownBy(() -> ProtocolMessages.parse(text)).hasMessageContaining("1 to 100");
  }
}
