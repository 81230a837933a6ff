package dev.vertxsfu.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The choice of bind address and announced addresses, fed with made-up interfaces: what
 * {@code auto} announces, in which order, and what it leaves out.
 */
@Tag("fast")
class MediaAddressesTest {
  private static final LocalInterface LO = nic("lo", 1, true, true, "127.0.0.1", "::1");
  private static final LocalInterface ETH0 =
      nic("eth0", 2, true, false, "192.0.2.2", "fd00::2", "fe80::fc:ff:fe00:1");
  private static final LocalInterface WLAN =
      nic("wlan0", 3, true, false, "198.51.100.9", "2001:db8:0:0:1:0:0:9");
  private static final LocalInterface DOWN = nic("eth1", 4, false, false, "203.0.113.4");

  @Test
  void autoOnTheDualStackWildcardAnnouncesIp4ThenIp6ThenLoopback() {
    MediaAddresses chosen = MediaAddresses.resolve("::", AnnouncedAddresses.AUTO,
        List.of(WLAN, LO, DOWN, ETH0));
    assertThat(chosen.bindHost()).isEqualTo("::");
    assertThat(chosen.announced()).containsExactly("192.0.2.2", "198.51.100.9", "fd00::2",
        "2001:db8::1:0:0:9", "127.0.0.1", "::1");
  }

  @Test
  void autoOnTheIp4WildcardAnnouncesIp4Only() {
    MediaAddresses chosen = MediaAddresses.resolve("0.0.0.0", AnnouncedAddresses.AUTO,
        List.of(LO, ETH0, WLAN));
    assertThat(chosen.bindHost()).isEqualTo("0.0.0.0");
    assertThat(chosen.announced()).containsExactly("192.0.2.2", "198.51.100.9", "127.0.0.1");
  }

  @Test
  void autoLeavesOutLinkLocalIp6DownInterfacesAndDuplicates() {
    LocalInterface alias = nic("eth0:1", 5, true, false, "192.0.2.2");
    MediaAddresses chosen = MediaAddresses.resolve("::", AnnouncedAddresses.AUTO,
        List.of(ETH0, DOWN, alias));
    assertThat(chosen.announced()).containsExactly("192.0.2.2", "fd00::2");
  }

  @Test
  void autoOnAMachineWithOnlyLoopbackAnnouncesLoopback() {
    assertThat(MediaAddresses.resolve("::", AnnouncedAddresses.AUTO, List.of(LO)).announced())
        .containsExactly("127.0.0.1", "::1");
  }

  @Test
  void withoutAnyIp6TheDualStackWildcardBindsIp4() {
    LocalInterface lo4 = nic("lo", 1, true, true, "127.0.0.1");
    LocalInterface eth4 = nic("eth0", 2, true, false, "192.0.2.2");
    MediaAddresses chosen = MediaAddresses.resolve("::", AnnouncedAddresses.AUTO,
        List.of(lo4, eth4));
    assertThat(chosen.bindHost()).isEqualTo("0.0.0.0");
    assertThat(chosen.announced()).containsExactly("192.0.2.2", "127.0.0.1");
  }

  @Test
  void autoOnOneBoundAddressAnnouncesThatAddress() {
    assertThat(MediaAddresses.resolve("127.0.0.1", AnnouncedAddresses.AUTO, List.of(LO, ETH0)))
        .isEqualTo(new MediaAddresses("127.0.0.1", List.of("127.0.0.1")));
  }

  @Test
  void fixedAddressesAreAnnouncedAsConfigured() {
    AnnouncedAddresses fixed = AnnouncedAddresses.parse("203.0.113.50,sfu.example.org");
    assertThat(MediaAddresses.resolve("::", fixed, List.of(LO, ETH0))).isEqualTo(
        new MediaAddresses("::", List.of("203.0.113.50", "sfu.example.org")));
    assertThat(MediaAddresses.resolve(
        new SfuConfig.MediaConfig("127.0.0.1", "127.0.0.1", 0, 0), List.of()))
        .isEqualTo(new MediaAddresses("127.0.0.1", List.of("127.0.0.1")));
  }

  @Test
  void autoWithNoUsableAddressFailsAskingForTheSetting() {
    assertThatThrownBy(() -> MediaAddresses.resolve("::", AnnouncedAddresses.AUTO,
        List.of(DOWN, nic("eth2", 6, true, false, "fe80::1"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("set media.announced-address");
  }

  @Test
  void autoCapsTheOtherAddressesButKeepsLoopback() {
    List<String> many = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      many.add("10.0.0." + i);
    }
    LocalInterface busy = nic("eth0", 2, true, false, many.toArray(String[]::new));
    List<String> announced = MediaAddresses.resolve("0.0.0.0", AnnouncedAddresses.AUTO,
        List.of(busy, LO)).announced();
    assertThat(announced).hasSize(AnnouncedAddresses.MAX_ADDRESSES + 1)
        .startsWith("10.0.0.1").endsWith("127.0.0.1");
  }

  @Test
  void ip6TextIsTheRfc5952Form() {
    assertThat(MediaAddresses.text(ip("2001:db8:0:0:1:0:0:1"))).isEqualTo("2001:db8::1:0:0:1");
    assertThat(MediaAddresses.text(ip("2001:0:0:1:0:0:0:1"))).isEqualTo("2001:0:0:1::1");
    assertThat(MediaAddresses.text(ip("2001:db8:0:1:1:1:1:1"))).isEqualTo("2001:db8:0:1:1:1:1:1");
    assertThat(MediaAddresses.text(ip("::1"))).isEqualTo("::1");
    assertThat(MediaAddresses.text(ip("fd00::"))).isEqualTo("fd00::");
    assertThat(MediaAddresses.text(ip("2001:DB8::AB"))).isEqualTo("2001:db8::ab");
    assertThat(MediaAddresses.text(ip("192.0.2.33"))).isEqualTo("192.0.2.33");
  }

  private static LocalInterface nic(String name, int index, boolean up, boolean loopback,
      String... addresses) {
    List<InetAddress> parsed = new ArrayList<>();
    for (String address : addresses) {
      parsed.add(ip(address));
    }
    return new LocalInterface(name, index, up, loopback, parsed);
  }

  /** A literal, parsed without a lookup. */
  private static InetAddress ip(String literal) {
    try {
      return InetAddress.getByName(literal.indexOf(':') >= 0 ? "[" + literal + "]" : literal);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(literal, e);
    }
  }
}
