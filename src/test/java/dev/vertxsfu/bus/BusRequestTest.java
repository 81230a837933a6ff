package dev.vertxsfu.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link BusRequest} against a real event bus: an address whose handler is registered a moment
 * after the request (as a room started on another node is, seen from this node) is reached;
 * an address nobody ever registers fails as unanswered.
 */
@ExtendWith(VertxExtension.class)
class BusRequestTest {
  private static final String ADDRESS = "test.bus-request";

  @Test
  void aRequestReachesAHandlerRegisteredJustAfterItWasSent(Vertx vertx, VertxTestContext test) {
    BusRequest requests = new BusRequest(vertx, 2_000);
    vertx.setTimer(100, id -> vertx.eventBus().<String>consumer(ADDRESS,
        message -> message.reply("here")));
    requests.ask(ADDRESS, "anyone?", String.class).onComplete(test.succeeding(answer ->
        test.verify(() -> {
          assertThat(answer).isEqualTo("here");
          test.completeNow();
        })));
  }

  @Test
  void aRequestToAnAddressNobodyRegistersFailsAsUnanswered(Vertx vertx, VertxTestContext test) {
    new BusRequest(vertx, 2_000).ask(ADDRESS + ".nobody", "anyone?", String.class)
        .onComplete(test.failing(failure -> test.verify(() -> {
          assertThat(failure).isInstanceOf(RefusalException.class);
          assertThat(((RefusalException) failure).unanswered()).isTrue();
          assertThat(((RefusalException) failure).refusal().code())
              .isEqualTo(ErrorCode.UNAVAILABLE);
          test.completeNow();
        })));
  }
}
