package dev.vertxsfu.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code media.announced-address}: {@code auto}, one address, a list, and what is refused. */
@Tag("fast")
class AnnouncedAddressesTest {

  @Test
  void autoInAnyCaseIsTheAutomaticChoice() {
    assertThat(AnnouncedAddresses.parse("auto")).isEqualTo(AnnouncedAddresses.AUTO);
    assertThat(AnnouncedAddresses.parse(" AUTO ").auto()).isTrue();
    assertThat(AnnouncedAddresses.AUTO.addresses()).isEmpty();
    assertThat(AnnouncedAddresses.AUTO).hasToString("auto");
  }

  @Test
  void oneAddressIsKeptAsWritten() {
    assertThat(AnnouncedAddresses.parse("127.0.0.1").addresses()).containsExactly("127.0.0.1");
    assertThat(AnnouncedAddresses.parse("2001:db8::1").addresses()).containsExactly("2001:db8::1");
    assertThat(AnnouncedAddresses.parse("sfu.example.org").addresses())
        .containsExactly("sfu.example.org");
    assertThat(AnnouncedAddresses.parse("::1").auto()).isFalse();
  }

  @Test
  void aListKeepsItsOrderWhichIsThePriorityOrder() {
    AnnouncedAddresses list = AnnouncedAddresses.parse("203.0.113.5, 2001:db8::5 ,127.0.0.1");
    assertThat(list.addresses()).containsExactly("203.0.113.5", "2001:db8::5", "127.0.0.1");
    assertThat(list).hasToString("203.0.113.5,2001:db8::5,127.0.0.1");
    assertThat(AnnouncedAddresses.of("192.0.2.1", "192.0.2.2")).isEqualTo(
        AnnouncedAddresses.parse("192.0.2.1,192.0.2.2"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "''                     | empty",
      "'   '                  | empty",
      "'192.0.2.1,,192.0.2.2' | empty entry",
      "'192.0.2.1,'           | empty entry",
      "'auto,127.0.0.1'       | auto cannot be mixed",
      "'0.0.0.0'              | wildcard",
      "'::'                   | wildcard",
      "'0:0:0:0:0:0:0:0'      | wildcard",
      "'256.1.1.1'            | not an IPv4 address",
      "'1.2.3'                | not an IPv4 address",
      "'01.2.3.4'             | not an IPv4 address",
      "'2001:db8:::1'         | not an IPv6 address",
      "'[::1]'                | not an IPv6 address",
      "'fe80::1%eth0'         | not an IPv6 address",
      "'gg::1'                | not an IPv6 address",
      "'host name'            | neither an IP address nor a host name",
      "'-bad.example'         | neither an IP address nor a host name",
      "'under_score.example'  | neither an IP address nor a host name",
      "'192.0.2.1,192.0.2.1'  | given twice",
  })
  void aBadValueIsRefusedNamingTheKeyAndTheReason(String value, String reason) {
    assertThatThrownBy(() -> AnnouncedAddresses.parse(value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("media.announced-address '" + value + "' is not valid")
        .hasMessageContaining(reason);
  }

  @Test
  void aNullValueIsRefusedAsEmpty() {
    assertThatThrownBy(() -> AnnouncedAddresses.parse(null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
  }

  @Test
  void moreThanTheLimitIsRefused() {
    StringBuilder distinct = new StringBuilder();
    for (int i = 0; i <= AnnouncedAddresses.MAX_ADDRESSES; i++) {
      distinct.append(i == 0 ? "" : ",").append("192.0.2.").append(i + 1);
    }
    assertThatThrownBy(() -> AnnouncedAddresses.parse(distinct.toString()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than 16");
  }

  @Test
  void wildcardsAreRecognisedWithoutALookup() {
    assertThat(AnnouncedAddresses.isWildcard("0.0.0.0")).isTrue();
    assertThat(AnnouncedAddresses.isWildcard("::")).isTrue();
    assertThat(AnnouncedAddresses.isWildcard("127.0.0.1")).isFalse();
    assertThat(AnnouncedAddresses.isWildcard("::1")).isFalse();
    assertThat(AnnouncedAddresses.isWildcard("localhost")).isFalse();
  }
}
