package dev.vertxsfu.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxsfu.bus.ErrorCode;
import dev.vertxsfu.bus.RefusalException;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** How bus failures become frames: the pure half of {@link RoomLink}. */
@Tag("fast")
class RoomLinkTest {

  @Test
  void aRoomsRefusalKeepsItsCodeAndText() {
    ProtocolException refusal = RoomLink.refusal("r1", new ReplyException(
        ReplyFailure.RECIPIENT_FAILURE, ErrorCode.ROOM_FULL.failureCode(), "8 clients at most"));

    assertThat(refusal.code()).isEqualTo("room_full");
    assertThat(refusal.getMessage()).isEqualTo("8 clients at most");
    assertThat(refusal.unanswered()).isFalse();
  }

  @Test
  void aFailureWithAnUnknownCodeIsInternal() {
    ProtocolException refusal = RoomLink.refusal("r1",
        new ReplyException(ReplyFailure.RECIPIENT_FAILURE, 599, "NullPointerException"));

    assertThat(refusal.code()).isEqualTo("internal");
    assertThat(refusal.getMessage()).doesNotContain("NullPointerException");
  }

  @Test
  void noAnswerInTimeOrNoRoomAtAllIsUnavailableAndUnanswered() {
    for (ReplyFailure failure : new ReplyFailure[] {ReplyFailure.TIMEOUT, ReplyFailure.NO_HANDLERS}) {
      ProtocolException refusal = RoomLink.refusal("r1",
          RefusalException.of(new ReplyException(failure, "gone")));
      assertThat(refusal.code()).as("%s", failure).isEqualTo("unavailable");
      assertThat(refusal.getMessage()).contains("r1");
      assertThat(refusal.unanswered()).isTrue();
    }
  }

  @Test
  void anyOtherFailureIsInternal() {
    assertThat(RoomLink.refusal("r1", new IllegalStateException("boom")).code())
        .isEqualTo("internal");
  }
}
