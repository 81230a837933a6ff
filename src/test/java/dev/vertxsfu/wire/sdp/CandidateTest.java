package dev.vertxsfu.wire.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * The standalone candidate parser the signaling layer validates trickled candidates with: the
 * forms browsers send, and what must be refused.
 */
@Tag("fast")
class CandidateTest {

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', value = {
      // Chromium trickle, IPv4 host with libwebrtc's extensions
      "candidate:3315194237 1 udp 2122194687 127.0.0.1 33719 typ host generation 0 ufrag T1OT "
          + "network-id 3 network-cost 50 | 127.0.0.1 | 33719 | host | udp",
      // server reflexive with related address and port
      "candidate:842163049 1 udp 1677729535 203.0.113.7 61665 typ srflx raddr 192.168.1.5 "
          + "rport 61665 generation 0 ufrag abcd network-cost 999 | 203.0.113.7 | 61665 | srflx | udp",
      // relay through TURN
      "candidate:1234 1 udp 41885439 198.51.100.9 3478 typ relay raddr 203.0.113.7 rport 61665 "
          + "generation 0 | 198.51.100.9 | 3478 | relay | udp",
      // peer reflexive, component 2 (RTCP without rtcp-mux)
      "candidate:5 2 UDP 1845501695 192.0.2.77 50002 typ prflx raddr 0.0.0.0 rport 0 | "
          + "192.0.2.77 | 50002 | prflx | UDP",
      // IPv6 loopback, global, IPv4-mapped
      "candidate:3568684021 1 udp 2122267903 ::1 45684 typ host generation 0 | ::1 | 45684 | host | udp",
      "candidate:7 1 udp 2122262783 2001:db8:85a3::8a2e:370:7334 50000 typ host | "
          + "2001:db8:85a3::8a2e:370:7334 | 50000 | host | udp",
      "candidate:8 1 udp 2122262783 ::ffff:192.0.2.1 50000 typ host | ::ffff:192.0.2.1 | 50000 | "
          + "host | udp",
      "candidate:9 1 udp 2122262783 2001:0db8:0000:0000:0000:ff00:0042:8329 1 typ host | "
          + "2001:0db8:0000:0000:0000:ff00:0042:8329 | 1 | host | udp",
      // TCP candidates (RFC 6544)
      "candidate:993201641 1 tcp 1518214911 127.0.0.1 9 typ host tcptype active generation 0 | "
          + "127.0.0.1 | 9 | host | tcp",
      "candidate:2 1 TCP 1518280447 192.0.2.1 50000 typ host tcptype passive | 192.0.2.1 | 50000 | "
          + "host | TCP",
      // mDNS host names
      "candidate:2506853730 1 udp 2113937151 98afe3d4-9bc9-41a9-88f8-74cd3550a0de.local 41275 typ "
          + "host generation 0 network-cost 999 | 98afe3d4-9bc9-41a9-88f8-74cd3550a0de.local | "
          + "41275 | host | udp",
      // Firefox form, a foundation of ice-chars, the largest priority and port
      "candidate:0 1 UDP 2122252543 192.0.2.2 55555 typ host | 192.0.2.2 | 55555 | host | UDP",
      "candidate:a+b/C9 1 udp 4294967295 192.0.2.2 65535 typ host | 192.0.2.2 | 65535 | host | udp",
      // an unknown type token is kept
      "candidate:1 1 udp 1 192.0.2.2 5 typ quic | 192.0.2.2 | 5 | quic | udp",
      // with a leading a=
      "a=candidate:1 1 udp 1 192.0.2.2 5 typ host | 192.0.2.2 | 5 | host | udp",
  })
  void validCandidatesParseAndWriteBack(String line, String address, int port, String type,
      String transport) {
    Candidate candidate = Candidate.parse(line);
    assertThat(candidate.address()).isEqualTo(address);
    assertThat(candidate.port()).isEqualTo(port);
    assertThat(candidate.type()).isEqualTo(type);
    assertThat(candidate.transport()).isEqualTo(transport);
    assertThat("candidate:" + candidate.format()).isEqualTo(line.replaceFirst("^a=", ""));
    assertThat(candidate).hasToString(line.replaceFirst("^a=", ""));
    assertThat(Candidate.parse(candidate.toString())).isEqualTo(candidate);
  }

  @Test
  void extensionsAreReadInOrder() {
    Candidate candidate = Candidate.parse("candidate:842163049 1 udp 1677729535 203.0.113.7 61665 "
        + "typ srflx raddr 192.168.1.5 rport 61665 generation 0 ufrag abcd network-id 1 "
        + "network-cost 999 x-future yes");
    assertThat(candidate.relatedAddress()).isEqualTo("192.168.1.5");
    assertThat(candidate.relatedPort()).isEqualTo(61665);
    assertThat(candidate.ufrag()).isEqualTo("abcd");
    assertThat(candidate.extension("network-cost")).isEqualTo("999");
    assertThat(candidate.extension("x-future")).isEqualTo("yes");
    assertThat(candidate.extension("absent")).isNull();
    assertThat(candidate.tcpType()).isNull();
    assertThat(candidate.extensions()).extracting(Candidate.Extension::name)
        .containsExactly("generation", "ufrag", "network-id", "network-cost", "x-future");
  }

  @Test
  void aHostCandidateBuiltInCodeIsWhatAnIceLiteServerAnnounces() {
    Candidate candidate = Candidate.host("1", 2130706431L, "203.0.113.10", 40000);
    assertThat(candidate.toAttribute().toString())
        .isEqualTo("candidate:1 1 udp 2130706431 203.0.113.10 40000 typ host");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', value = {
      "'' | must start with 'candidate:'",
      "foo | must start with 'candidate:'",
      "candidate 1 1 udp 1 192.0.2.1 9 typ host | must start with 'candidate:'",
      "candidate: | expected <foundation>",
      "candidate:1 1 udp 1 192.0.2.1 9 host | expected <foundation>",
      "candidate:1 1 udp 1 192.0.2.1 9 | expected <foundation>",
      "candidate:1  1 udp 1 192.0.2.1 9 typ host | single spaces",
      "'candidate:1 1 udp 1 192.0.2.1 9 typ host ' | single spaces",
      "candidate:1 1 udp x 192.0.2.1 9 typ host | priority",
      "candidate:1 1 udp 4294967296 192.0.2.1 9 typ host | priority",
      "candidate:1 1 udp 1 192.0.2.1 65536 typ host | port",
      "candidate:1 1 udp 1 192.0.2.1 -1 typ host | port",
      "candidate:1 0 udp 1 192.0.2.1 9 typ host | component",
      "candidate:1 257 udp 1 192.0.2.1 9 typ host | component",
      "candidate:1 01 udp 1 192.0.2.1 9 typ host | component",
      "candidate:1 1 udp 1 999.1.1.1 9 typ host | address",
      "candidate:1 1 udp 1 192.0.2 9 typ host | address",
      "candidate:1 1 udp 1 192.168.1.01 9 typ host | address",
      "candidate:1 1 udp 1 ::1::2 9 typ host | address",
      "candidate:1 1 udp 1 2001:db8:::1 9 typ host | address",
      "candidate:1 1 udp 1 1:2:3:4:5:6:7:8:9 9 typ host | address",
      "candidate:1 1 udp 1 fe80::1%eth0 9 typ host | address",
      "candidate:1 1 udp 1 host_name.local 9 typ host | address",
      "candidate:1 1 udp 1 -bad.local 9 typ host | address",
      "candidate:1 1 udp 1 [::1] 9 typ host | address",
      "candidate:1 1 udp 1 192.0.2.1 9 typ host raddr 300.0.0.1 rport 9 | raddr",
      "candidate:1 1 udp 1 192.0.2.1 9 typ srflx raddr 10.0.0.1 rport x | rport",
      "candidate:123456789012345678901234567890123 1 udp 1 192.0.2.1 9 typ host | foundation",
      "candidate:ab-cd 1 udp 1 192.0.2.1 9 typ host | foundation",
      "candidate:1 1 u/dp 1 192.0.2.1 9 typ host | transport",
      "candidate:1 1 udp 1 192.0.2.1 9 typ h@st | type",
      "candidate:1 1 udp 1 192.0.2.1 9 typ host generation | extension name without a value",
      "candidate:1 1 udp 1 192.0.2.1 9 typ host ufrag é | bad extension",
  })
  void malformedCandidatesAreRefused(String line, String fragment) {
    assertThatThrownBy(() -> Candidate.parse(line)).isInstanceOf(SdpFormatException.class)
        .hasMessageContaining(fragment);
  }

  @ParameterizedTest
  @ValueSource(strings = {"candidate:1 1 udp 1 192.0.2.1 9 typ host\r\n",
      "candidate:1 1 udp 1 192.0.2.1 9 typ host\u0000", "candidate:1 1 udp 1 192.0.2.1\n9 typ host"})
  void controlCharactersAreRefused(String line) {
    assertThatThrownBy(() -> Candidate.parse(line)).isInstanceOf(SdpFormatException.class)
        .hasMessageContaining("control character");
  }

  @Test
  void nullIsRefusedWithTheTypedError() {
    assertThatThrownBy(() -> Candidate.parse(null)).isInstanceOf(SdpFormatException.class);
    assertThatThrownBy(() -> Candidate.parseValue(null)).isInstanceOf(SdpFormatException.class);
  }

  @Test
  void aBuiltCandidateIsCheckedLikeAParsedOne() {
    assertThatThrownBy(() -> new Candidate("1", 1, "udp", 1, "not an address", 9, "host", null,
        -1, List.of())).isInstanceOf(IllegalArgumentException.class);
  }
}
