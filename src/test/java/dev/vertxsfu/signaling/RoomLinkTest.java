package dev.vertxsfu.signaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vertxsfu.bus.RoomRequests;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** How bus failures and reply bodies become frames: the pure half of {@link RoomLink}. */
@Tag("fast")
class RoomLinkTest {

  @Test
  void aRoomsRefusalKeepsItsCodeAndText() {
    ProtocolException refusal = RoomLink.refusal("r1", new ReplyException(
        ReplyFailure.RECIPIENT_FAILURE, RoomRequests.FAILURE_CODE,
        RoomRequests.failure("room_full", "8 clients at most")));

    assertThat(refusal.code()).isEqualTo("room_full");
    assertThat(refusal.getMessage()).isEqualTo("8 clients at most");
  }

  @Test
  void aRefusalWithoutACodeIsInternal() {
    ProtocolException refusal = RoomLink.refusal("r1",
        new ReplyException(ReplyFailure.RECIPIENT_FAILURE, 500, "NullPointerException"));

    assertThat(refusal.code()).isEqualTo("internal");
  }

  @Test
  void noAnswerInTimeOrNoRoomAtAllIsUnavailable() {
    for (ReplyFailure failure : new ReplyFailure[] {ReplyFailure.TIMEOUT, ReplyFailure.NO_HANDLERS}) {
      ProtocolException refusal = RoomLink.refusal("r1", new ReplyException(failure, "gone"));
      assertThat(refusal.code()).as("%s", failure).isEqualTo("unavailable");
      assertThat(refusal.getMessage()).contains("r1");
    }
  }

  @Test
  void anyOtherFailureIsInternal() {
    assertThat(RoomLink.refusal("r1", new IllegalStateException("boom")).code())
        .isEqualTo("internal");
  }

  @Test
  void aReplyBodyGivesTheReplyAndTheEventsInOrder() throws ProtocolException {
    JsonObject first = new JsonObject().put("type", "tracks_available");
    JsonObject second = new JsonObject().put("type", "connection_state");
    RoomReply reply = RoomReply.from(RoomRequests.reply(new JsonObject().put("type", "ok"),
        new JsonArray().add(first).add(second)));

    assertThat(reply.reply()).isEqualTo(new JsonObject().put("type", "ok"));
    assertThat(reply.events()).containsExactly(first, second);
    assertThat(RoomReply.from(new JsonObject().putNull("reply")).events()).isEmpty();
  }

  @Test
  void aMisshapenReplyBodyIsInternal() {
    Object[] bodies = {"text", new JsonObject().put("reply", "ok"),
        new JsonObject().put("events", new JsonObject()),
        new JsonObject().put("events", new JsonArray().add("event"))};
    for (Object body : bodies) {
      assertThatThrownBy(() -> RoomReply.from(body)).as("%s", body)
          .isInstanceOfSatisfying(ProtocolException.class,
              e -> assertThat(e.code()).isEqualTo("internal"));
    }
  }
}
