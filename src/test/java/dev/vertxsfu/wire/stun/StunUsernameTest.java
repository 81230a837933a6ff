package dev.vertxsfu.wire.stun;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

@Tag("fast")
class StunUsernameTest {
  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static StunMessage requestWithUsername(String username) {
    byte[] request = new StunMessageBuilder()
        .start(StunMessageType.BINDING_REQUEST, new byte[12], 0)
        .username(username)
        .fingerprint()
        .toByteArray();
    return new StunMessage().wrap(request, 0, request.length);
  }

  @Test
  void usernameEqualsComparesTheWholeValue() {
    StunMessage message = requestWithUsername("abcd:efgh");
    assertThat(message.usernameEquals(bytes("abcd:efgh"))).isTrue();
    assertThat(message.usernameEquals(bytes("abcd:efg"))).isFalse();
    assertThat(message.usernameEquals(bytes("abcd:efghi"))).isFalse();
  }

  @Test
  void usernameFragmentEqualsComparesThePartBeforeTheColon() {
    StunMessage message = requestWithUsername("abcd:efgh");
    assertThat(message.usernameFragmentEquals(bytes("abcd"))).isTrue();
    assertThat(message.usernameFragmentEquals(bytes("abc"))).isFalse();
    assertThat(message.usernameFragmentEquals(bytes("abcd:efgh"))).isFalse();
    assertThat(message.usernameFragmentEquals(bytes("efgh"))).isFalse();
  }

  @Test
  void aMessageWithoutUsernameMatchesNothing() {
    byte[] request = new StunMessageBuilder()
        .start(StunMessageType.BINDING_REQUEST, new byte[12], 0).fingerprint().toByteArray();
    StunMessage message = new StunMessage().wrap(request, 0, request.length);
    assertThat(message.usernameEquals(bytes(""))).isFalse();
    assertThat(message.usernameFragmentEquals(bytes("a"))).isFalse();
  }
}
