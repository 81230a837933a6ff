package dev.vertxsfu.wire.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** The {@code a=msid} example and limits of RFC 8830 (section 2). */
@Tag("fast")
class Rfc8830Test {

  @Test
  void exampleWithIdentifierAndAppData() {
    Msid msid = Msid.parse("examplefoo examplebar");
    assertThat(msid).isEqualTo(new Msid("examplefoo", "examplebar"));
    assertThat(msid.format()).isEqualTo("examplefoo examplebar");
  }

  @Test
  void appDataIsOptional() {
    assertThat(Msid.parse("examplefoo")).isEqualTo(new Msid("examplefoo", null));
    assertThat(Msid.parse("- track").streamId()).isEqualTo(Msid.NO_STREAM);
  }

  @Test
  void identifiersAreOneTo64TokenCharacters() {
    String max = "a".repeat(64);
    assertThat(Msid.parse(max + " " + max).appData()).hasSize(64);
    assertThatThrownBy(() -> Msid.parse("a".repeat(65))).isInstanceOf(SdpFormatException.class)
        .hasMessageContaining("64");
    assertThatThrownBy(() -> Msid.parse("foo bar baz")).isInstanceOf(SdpFormatException.class);
    assertThatThrownBy(() -> Msid.parse("foo/bar")).isInstanceOf(SdpFormatException.class);
  }
}
