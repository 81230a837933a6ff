package dev.vertxsfu.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import dev.vertxsfu.bus.ErrorCode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The public contract, {@code docs/protocol.md}, against the front that speaks it: every client
 * message type has its section, every error code the front knows has its row in the codes
 * table, and the limits the page states are the front's constants. It fails when the code
 * grows a message or a code the page does not document, or a limit changes under the page.
 * Pure: reads one file of the checkout (Maven runs tests in the project's directory).
 */
@Tag("fast")
class ProtocolDocTest {
  private static final Path PAGE = Path.of("docs", "protocol.md");
  private static String page;

  @BeforeAll
  static void readThePage() throws IOException {
    page = Files.readString(PAGE);
  }

  @ParameterizedTest
  @EnumSource(ClientMessageType.class)
  void everyClientMessageHasItsSection(ClientMessageType type) {
    assertThat(page).contains("\n### `" + type.wireName() + "`\n");
  }

  @ParameterizedTest
  @EnumSource(ErrorCode.class)
  void everyErrorCodeHasItsRowInTheCodesTable(ErrorCode code) {
    assertThat(page).contains("\n| `" + code.wireName() + "` | ");
  }

  @Test
  void theLimitsOnThePageAreTheFrontsConstants() {
    assertThat(page).contains(String.format(Locale.US, "%d KiB (%,d bytes of UTF-8)",
        ProtocolMessages.MAX_MESSAGE_BYTES / 1024, ProtocolMessages.MAX_MESSAGE_BYTES));
    assertThat(page).contains(String.format(Locale.US, "| %d MiB |",
        SignalingVerticle.WEBSOCKET_LIMIT_BYTES / (1024 * 1024)));
    assertThat(page).contains(String.format(Locale.US, "| %d within a sliding %d s |",
        BadFrameLimiter.MAX_BAD_FRAMES, BadFrameLimiter.WINDOW_MILLIS / 1000));
    assertThat(page).contains(String.format(Locale.US,
        "| time a room may take to answer one message | %d s |",
        SignalingVerticle.ROOM_REQUEST_TIMEOUT_MILLIS / 1000));
  }
}
