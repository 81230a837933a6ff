package dev.vertxsfu.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bus record survives its codec's wire form (what crosses between cluster nodes) and a
 * local delivery's copy unchanged; a malformed buffer fails with a
 * {@link MalformedBusMessageException} that names the codec and what is wrong.
 */
@Tag("fast")
class BusCodecsTest {

  static Stream<Object> records() {
    JsonObject offer = new JsonObject().put("type", "offer").put("id", 7)
        .put("sdp", "v=0\r\no=- 1 2 IN IP4 0.0.0.0\r\n");
    return Stream.of(
        RoomStart.of("room-1"),
        new RoomStart("room-ü", "client-1", "192.0.2.7"),
        new RoomStarted("room-1", "node-a"),
        new ClientRequest("client-1", "node-a", offer),
        ClientRequest.disconnect("client-1", "node-a"),
        new RoomReply(new JsonObject().put("type", "answer").put("sdp", "v=0"),
            List.of(new JsonObject().put("type", "tracks_available")
                .put("tracks", new JsonArray().add(new JsonObject().put("trackId", "t1"))),
                new JsonObject().put("type", "connection_state").put("state", "new"))),
        new RoomReply(null, List.of()),
        new ClientEvent(new JsonObject().put("type", "client_joined").put("clientId", "c2")
            .put("name", "Bo")),
        StatsRequest.ofRoom("room-1"),
        new StatsRequest("room-1", "client-1"),
        new RoomStats(new JsonObject().put("room", "room-1").put("clients", new JsonArray()
            .add(new JsonObject().put("clientId", "c1").put("state", "connected")))));
  }

  @ParameterizedTest
  @MethodSource("records")
  void everyRecordRoundTripsThroughTheWire(Object record) {
    JsonBusCodec<Object> codec = codecOf(record);
    Buffer wire = Buffer.buffer().appendString("header");
    codec.encodeToWire(wire, record);

    assertThat(codec.decodeFromWire("header".length(), wire)).isEqualTo(record);
  }

  @ParameterizedTest
  @MethodSource("records")
  void aLocalDeliveryGetsAnEqualCopy(Object record) {
    JsonBusCodec<Object> codec = codecOf(record);

    assertThat(codec.transform(record)).isEqualTo(record);
  }

  @Test
  void everyRecordOfTheContractHasACodecWithItsOwnName() {
    assertThat(BusCodecs.ALL.stream().<Object>map(JsonBusCodec::type).toList())
        .containsExactlyInAnyOrder(
        RoomStart.class, RoomStarted.class, ClientRequest.class, RoomReply.class,
        ClientEvent.class, StatsRequest.class, RoomStats.class);
    assertThat(BusCodecs.ALL).extracting(JsonBusCodec::name).doesNotHaveDuplicates()
        .allMatch(name -> name.startsWith("sfu."));
  }

  @Test
  void aTruncatedBufferIsMalformed() {
    JsonBusCodec<Object> codec = codecOf(new RoomStarted("r", "n"));
    Buffer wire = Buffer.buffer();
    codec.encodeToWire(wire, new RoomStarted("r", "n"));
    Buffer truncated = wire.getBuffer(0, wire.length() - 3);

    assertThatThrownBy(() -> codec.decodeFromWire(0, truncated))
        .isInstanceOf(MalformedBusMessageException.class)
        .hasMessageContaining("sfu.RoomStarted").hasMessageContaining("length");
    assertThatThrownBy(() -> codec.decodeFromWire(0, Buffer.buffer(new byte[] {0, 0})))
        .isInstanceOf(MalformedBusMessageException.class);
  }

  @Test
  void bytesThatAreNotJsonAreMalformed() {
    JsonBusCodec<Object> codec = codecOf(RoomStart.of("r"));
    Buffer wire = Buffer.buffer().appendInt(5).appendString("{nope");

    assertThatThrownBy(() -> codec.decodeFromWire(0, wire))
        .isInstanceOf(MalformedBusMessageException.class)
        .hasMessageContaining("sfu.RoomStart").hasMessageContaining("not a JSON object");
  }

  @Test
  void aMissingOrMistypedFieldIsMalformed() {
    assertMalformed(RoomStart.of("r"), new JsonObject().put("clientId", "c"), "no roomId");
    assertMalformed(RoomStart.of("r"), new JsonObject().put("roomId", 7), "roomId is a Integer");
    assertMalformed(new RoomStarted("r", "n"), new JsonObject().put("roomId", "r"), "no node");
    assertMalformed(new ClientRequest("c", "f", new JsonObject()),
        new JsonObject().put("clientId", "c").put("message", "join"), "message is a String");
    assertMalformed(new RoomReply(null, List.of()),
        new JsonObject().put("reply", "ok"), "reply is a String");
    assertMalformed(new RoomReply(null, List.of()),
        new JsonObject().put("events", new JsonObject()), "events is a JsonObject");
    assertMalformed(new RoomReply(null, List.of()),
        new JsonObject().put("events", new JsonArray().add("event")), "events holds a String");
    assertMalformed(new ClientEvent(new JsonObject()),
        new JsonObject().put("message", new JsonArray()), "message is a JsonArray");
    assertMalformed(StatsRequest.ofRoom("r"), new JsonObject().put("clientId", "c"),
        "no roomId");
    assertMalformed(StatsRequest.ofRoom("r"),
        new JsonObject().put("roomId", "r").put("clientId", 3), "clientId is a Integer");
    assertMalformed(new RoomStats(new JsonObject()), new JsonObject().put("stats", "all"),
        "stats is a String");
  }

  @Test
  void aRefusalTravelsAsItsFailureCodeAndText() {
    for (ErrorCode code : ErrorCode.values()) {
      assertThat(ErrorCode.ofFailureCode(code.failureCode())).isEqualTo(code);
      assertThat(ErrorCode.ofWireName(code.wireName())).isEqualTo(code);
      Refusal refusal = Refusal.of(new io.vertx.core.eventbus.ReplyException(
          io.vertx.core.eventbus.ReplyFailure.RECIPIENT_FAILURE, code.failureCode(), "why"));
      assertThat(refusal).isEqualTo(new Refusal(code, "why"));
    }
  }

  private static void assertMalformed(Object kind, JsonObject json, String why) {
    JsonBusCodec<Object> codec = codecOf(kind);
    Buffer wire = Buffer.buffer().appendInt(json.toBuffer().length()).appendBuffer(json.toBuffer());
    assertThatThrownBy(() -> codec.decodeFromWire(0, wire)).as("%s", json)
        .isInstanceOf(MalformedBusMessageException.class)
        .hasMessageContaining(codec.name()).hasMessageContaining(why);
  }

  @SuppressWarnings("unchecked")
  private static JsonBusCodec<Object> codecOf(Object record) {
    return (JsonBusCodec<Object>) BusCodecs.ALL.stream()
        .filter(codec -> codec.type() == record.getClass()).findFirst().orElseThrow();
  }
}
