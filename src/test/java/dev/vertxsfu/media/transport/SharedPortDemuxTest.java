package dev.vertxsfu.media.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxsfu.media.dtls.DtlsCertificate;
import dev.vertxsfu.media.ice.IceCredentials;
import dev.vertxsfu.wire.stun.MessageIntegrity;
import dev.vertxsfu.wire.stun.StunMessageBuilder;
import dev.vertxsfu.wire.stun.StunMessageType;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A port two rooms share (single-port mode): each room's {@link WebRtcServer} keeps the
 * {@link SharedPortDemux} told of its ufrags and checked tuples, and datagrams find their room
 * by ufrag, then by tuple; what matches no room is dropped and counted, and a spoofed tuple or a
 * forged check never makes one room's address lead to it.
 */
@Tag("fast")
class SharedPortDemuxTest {
  private static final DtlsCertificate CERTIFICATE =
      DtlsCertificate.generate(new SecureRandom(), Instant.now(), Duration.ofDays(1));
  private static final IceCredentials ALICE = new IceCredentials("aliceUfragAbCdEf",
      "alicePasswordAbCdEfGhIjKlMn");
  private static final IceCredentials BOB = new IceCredentials("bobUfragAbCdEfGh",
      "bobPasswordAbCdEfGhIjKlMnOp");
  private static final InetSocketAddress ALICE_PATH = new InetSocketAddress("127.0.0.1", 50001);
  private static final InetSocketAddress BOB_PATH = new InetSocketAddress("127.0.0.1", 50002);
  private static final InetSocketAddress MALLORY = new InetSocketAddress("127.0.0.1", 50666);
  private static final byte[] RTP = rtp();

  private final SharedPortDemux<String> demux = new SharedPortDemux<>();
  private final WebRtcServer roomOne = new WebRtcServer();
  private final WebRtcServer roomTwo = new WebRtcServer();
  private final WebRtcTransport alice = transport("alice", ALICE);
  private final WebRtcTransport bob = transport("bob", BOB);

  SharedPortDemuxTest() {
    roomOne.shareOn(demux.directoryOf("one"));
    roomTwo.shareOn(demux.directoryOf("two"));
    roomOne.add(alice);
    roomTwo.add(bob);
  }

  private static WebRtcTransport transport(String id, IceCredentials local) {
    return new WebRtcTransport(id, local, "cli-" + id, CERTIFICATE, CERTIFICATE.fingerprint(),
        Runnable::run, Runnable::run, new WebRtcTransport.Listener() {
          @Override
          public void onTransportSend(byte[] buf, int off, int len, InetSocketAddress to) {}

          @Override
          public void onTransportRtp(WebRtcTransport t, byte[] buf, int off, int len, long now) {}

          @Override
          public void onTransportRtcp(WebRtcTransport t, byte[] buf, int off, int len,
              long now) {}

          @Override
          public void onTransportStateChange(WebRtcTransport t, TransportState state) {}
        });
  }

  private static byte[] check(String ufrag, String password) {
    return new StunMessageBuilder()
        .start(StunMessageType.BINDING_REQUEST, new byte[12], 0)
        .username(ufrag + ":cli-" + ufrag.substring(0, ufrag.indexOf("Ufrag")))
        .priority(1853824767L)
        .iceControlling(7)
        .useCandidate()
        .messageIntegrity(MessageIntegrity.shortTerm(password))
        .fingerprint()
        .toByteArray();
  }

  private static byte[] rtp() {
    byte[] packet = new byte[40];
    packet[0] = (byte) 0x80;
    packet[1] = 96;
    return packet;
  }

  /** What the shared port does with a datagram: route it, then let the room's server see it. */
  private String deliver(byte[] datagram, InetSocketAddress from) {
    String room = demux.route(datagram, 0, datagram.length, from);
    if (room != null) {
      (room.equals("one") ? roomOne : roomTwo).receive(datagram, 0, datagram.length, from, 1_000);
    }
    return room;
  }

  @Test
  void checksFindTheirRoomByUfragAndMediaByTheTupleTheCheckValidated() {
    assertThat(deliver(check(ALICE.ufrag(), ALICE.password()), ALICE_PATH)).isEqualTo("one");
    assertThat(deliver(check(BOB.ufrag(), BOB.password()), BOB_PATH)).isEqualTo("two");

    assertThat(deliver(RTP, ALICE_PATH)).isEqualTo("one");
    assertThat(deliver(RTP, BOB_PATH)).isEqualTo("two");
    assertThat(demux.unknownUfragPackets() + demux.unmatchedTuplePackets()).isZero();
  }

  @Test
  void anUnknownUfragIsDroppedAndCounted() {
    assertThat(deliver(check("nobodysUfragAbCd", "somePasswordAbCdEfGhIjKlMn"), MALLORY))
        .isNull();

    assertThat(demux.unknownUfragPackets()).isEqualTo(1);
    assertThat(demux.size()).isEqualTo(2); // the two ufrags, no tuple
  }

  @Test
  void mediaFromATupleNoCheckValidatedIsDroppedAndCounted() {
    deliver(check(ALICE.ufrag(), ALICE.password()), ALICE_PATH);

    assertThat(deliver(RTP, MALLORY)).isNull();
    assertThat(demux.unmatchedTuplePackets()).isEqualTo(1);
  }

  @Test
  void aForgedCheckWithAnotherRoomsUfragNeverMakesTheSpoofedTupleLeadThere() {
    // the ufrag routes it to room one; room one's transport refuses its MESSAGE-INTEGRITY
    assertThat(deliver(check(ALICE.ufrag(), "wrongPasswordAbCdEfGhIjKlMn"), MALLORY))
        .isEqualTo("one");

    assertThat(deliver(RTP, MALLORY)).isNull();
    assertThat(roomOne.hasTuple(MALLORY)).isFalse();
    assertThat(demux.unmatchedTuplePackets()).isEqualTo(1);
  }

  @Test
  void aRoomsCheckedTupleDoesNotCarryChecksOfAnotherRoomsUfrag() {
    deliver(check(ALICE.ufrag(), ALICE.password()), ALICE_PATH);

    // from alice's validated address, a check naming bob's ufrag goes to bob's room, not hers
    assertThat(deliver(check(BOB.ufrag(), "wrongPasswordAbCdEfGhIjKlMn"), ALICE_PATH))
        .isEqualTo("two");
    assertThat(roomTwo.hasTuple(ALICE_PATH)).isFalse();
    assertThat(deliver(RTP, ALICE_PATH)).isEqualTo("one");
  }

  @Test
  void malformedStunIsDroppedAndCounted() {
    byte[] broken = check(ALICE.ufrag(), ALICE.password());
    broken[3] = (byte) 0xFF; // a length past the datagram

    assertThat(deliver(broken, ALICE_PATH)).isNull();
    assertThat(demux.malformedPackets()).isEqualTo(1);
  }

  @Test
  void aTransportLeavingItsRoomLeavesTheSharedPortToo() {
    deliver(check(ALICE.ufrag(), ALICE.password()), ALICE_PATH);
    assertThat(demux.size()).isEqualTo(3); // two ufrags, alice's tuple

    roomOne.remove(alice);

    assertThat(demux.size()).isEqualTo(1); // bob's ufrag
    assertThat(deliver(RTP, ALICE_PATH)).isNull();
    assertThat(deliver(check(ALICE.ufrag(), ALICE.password()), ALICE_PATH)).isNull();
  }

  @Test
  void aRoomThatLeavesThePortTakesEverythingOfItsWithIt() {
    deliver(check(ALICE.ufrag(), ALICE.password()), ALICE_PATH);
    deliver(check(BOB.ufrag(), BOB.password()), BOB_PATH);

    roomOne.shareOn(null);
    demux.removeOwner("one");

    assertThat(demux.size()).isEqualTo(2); // bob's ufrag and tuple
    assertThat(deliver(RTP, ALICE_PATH)).isNull();
    assertThat(deliver(RTP, BOB_PATH)).isEqualTo("two");
  }

  @Test
  void aRoomJoiningThePortLateBringsTheUfragsItHasAlready() {
    WebRtcServer late = new WebRtcServer();
    IceCredentials carol = new IceCredentials("carolUfragAbCdEf", "carolPasswordAbCdEfGhIjKlMn");
    late.add(transport("carol", carol));

    late.shareOn(demux.directoryOf("three"));

    assertThat(demux.lookup(carol.ufrag())).isEqualTo("three");
  }
}
