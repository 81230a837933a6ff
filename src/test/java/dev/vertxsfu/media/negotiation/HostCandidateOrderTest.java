package dev.vertxsfu.media.negotiation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxsfu.wire.sdp.Candidate;
import dev.vertxsfu.wire.sdp.ConnectionData;
import dev.vertxsfu.wire.sdp.MediaDescription;
import dev.vertxsfu.wire.sdp.SessionDescription;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The node announces its addresses in order of preference (config {@code MediaAddresses}:
 * other interfaces' IPv4, IPv6, loopback last): the answer's candidates keep that order with
 * strictly falling priorities, and its {@code c=} line names the first.
 */
@Tag("fast")
class HostCandidateOrderTest {

  @Test
  void candidatesKeepTheAnnouncedOrderWithFallingPriorities() {
    List<HostCandidate> announced = List.of(new HostCandidate("192.0.2.2", 40001),
        new HostCandidate("fd00::2", 40001), new HostCandidate("127.0.0.1", 40001),
        new HostCandidate("::1", 40001));
    LocalEndpoint local = new LocalEndpoint("sfuUfragAbCd", "sfuPasswordAbCdEfGhIjKlMn",
        "sha-256", Fixtures.FINGERPRINT, announced);
    SessionNegotiator negotiator =
        new SessionNegotiator(local, MediaCapabilities.defaults(), "sfu-cname", 4242);

    SessionDescription sdp = SessionDescription.parse(
        negotiator.answer(Fixtures.capture("chromium-offer-av-data.sdp")).sdp());

    MediaDescription tagged = sdp.media().get(0);
    List<Candidate> candidates = tagged.attributes().candidates();
    assertThat(candidates).extracting(Candidate::address)
        .containsExactly("192.0.2.2", "fd00::2", "127.0.0.1", "::1");
    for (int i = 1; i < candidates.size(); i++) {
      assertThat(candidates.get(i).priority()).isLessThan(candidates.get(i - 1).priority());
    }
    assertThat(tagged.connections()).extracting(ConnectionData::address)
        .containsExactly("192.0.2.2");
  }

  @Test
  void passiveTcpCandidatesComeAfterEveryUdpOneWithLowerPriorities() {
    List<HostCandidate> announced = List.of(HostCandidate.passiveTcp("192.0.2.2", 443),
        new HostCandidate("192.0.2.2", 40001), new HostCandidate("127.0.0.1", 40001),
        HostCandidate.passiveTcp("127.0.0.1", 443));
    LocalEndpoint local = new LocalEndpoint("sfuUfragAbCd", "sfuPasswordAbCdEfGhIjKlMn",
        "sha-256", Fixtures.FINGERPRINT, announced);
    SessionNegotiator negotiator =
        new SessionNegotiator(local, MediaCapabilities.defaults(), "sfu-cname", 4242);

    SessionDescription sdp = SessionDescription.parse(
        negotiator.answer(Fixtures.capture("chromium-offer-av-data.sdp")).sdp());

    MediaDescription tagged = sdp.media().get(0);
    List<Candidate> candidates = tagged.attributes().candidates();
    assertThat(candidates).extracting(Candidate::transport)
        .containsExactly("udp", "udp", "tcp", "tcp");
    assertThat(candidates).extracting(Candidate::port).containsExactly(40001, 40001, 443, 443);
    assertThat(candidates).extracting(Candidate::foundation).doesNotHaveDuplicates();
    assertThat(candidates.get(2).tcpType()).isEqualTo("passive");
    assertThat(candidates.get(2).toString())
        .endsWith(" 192.0.2.2 443 typ host tcptype passive");
    for (int i = 1; i < candidates.size(); i++) {
      assertThat(candidates.get(i).priority()).isLessThan(candidates.get(i - 1).priority());
    }
    assertThat(tagged.port()).isEqualTo(40001); // m= and c= name the first UDP candidate
    assertThat(tagged.connections()).extracting(ConnectionData::address)
        .containsExactly("192.0.2.2");
  }
}
