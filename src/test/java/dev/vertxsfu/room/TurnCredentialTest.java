package dev.vertxsfu.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The TURN REST API credential against values computed apart from the JDK, with openssl:
 * {@code echo -n USERNAME | openssl dgst -sha1 -hmac SECRET -binary | base64}.
 */
@Tag("fast")
class TurnCredentialTest {

  @Test
  void hmacSha1Base64MatchesOpenssl() {
    // echo -n 'user' | openssl dgst -sha1 -hmac secret -binary | base64
    assertThat(TurnCredential.hmacSha1Base64("secret", "user"))
        .isEqualTo("An2kjIxkLKTFjrmC7sgZFReed6M=");
  }

  @Test
  void usernameIsExpiryColonClientIdAndCredentialItsHmac() {
    TurnCredential credential = TurnCredential.issue("north", "alice", 1_700_000_000L);

    assertThat(credential.username()).isEqualTo("1700000000:alice");
    // echo -n '1700000000:alice' | openssl dgst -sha1 -hmac north -binary | base64
    assertThat(credential.credential()).isEqualTo("Cd/49soE35ICqcJF/bCTn8Z4OyE=");
  }

  @Test
  void aClientIdWithAColonIsRefused() {
    assertThatThrownBy(() -> TurnCredential.issue("north", "a:b", 1L))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a:b");
  }

  @Test
  void theCredentialStaysOutOfToString() {
    assertThat(TurnCredential.issue("north", "alice", 1_700_000_000L).toString())
        .contains("1700000000:alice").doesNotContain("Cd/49soE35ICqcJF");
  }
}
