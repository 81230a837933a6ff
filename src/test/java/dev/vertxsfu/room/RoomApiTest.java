package dev.vertxsfu.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxsfu.media.transport.TransportState;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The room's Java API without media: a captured Chromium offer (audio, video, data channel)
 * is answered and published, and every bad call fails with docs/protocol.md's error code while
 * the room carries on.
 */
@ExtendWith(VertxExtension.class)
class RoomApiTest {
  private RoomVerticle room;
  private final Recorder alice = new Recorder();
  private final Recorder bob = new Recorder();

  static final class Recorder implements RoomClientListener {
    final List<String> offers = new CopyOnWriteArrayList<>();
    final List<TrackInfo> available = new CopyOnWriteArrayList<>();
    final List<TrackInfo> removed = new CopyOnWriteArrayList<>();
    final List<TrackInfo> added = new CopyOnWriteArrayList<>();
    final List<String> joined = new CopyOnWriteArrayList<>();
    final List<String> left = new CopyOnWriteArrayList<>();
    final List<String> errors = new CopyOnWriteArrayList<>();

    @Override
    public void onError(String code, String message) {
      errors.add(code + ": " + message);
    }

    @Override
    public void onTracksAdded(List<TrackInfo> tracks) {
      added.addAll(tracks);
    }

    @Override
    public void onClientJoined(String clientId, String name) {
      joined.add(clientId);
    }

    @Override
    public void onClientLeft(String clientId, String name) {
      left.add(clientId);
    }

    @Override
    public void onOffer(String sdp) {
      offers.add(sdp);
    }

    @Override
    public void onTracksAvailable(List<TrackInfo> tracks) {
      available.addAll(tracks);
    }

    @Override
    public void onTracksRemoved(List<TrackInfo> tracks) {
      removed.addAll(tracks);
    }

    @Override
    public void onConnectionStateChanged(TransportState state) {
    }
  }

  static String chromiumOffer() throws Exception {
    try (var in = RoomApiTest.class.getResourceAsStream("/wire/sdp/chromium-offer-av-data.sdp")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  <T> T await(Future<T> future) throws Exception {
    return new RoomCalls(room).await(future);
  }

  String errorCode(Future<?> future) throws Exception {
    return new RoomCalls(room).errorCode(future);
  }

  @BeforeEach
  void deploy(Vertx vertx) throws Exception {
    room = RoomMediaTest.deploy(vertx, "api");
    await(room.addClient("alice", alice));
  }

  /** Negotiates alice's offer and names her tracks' sources. */
  private List<TrackInfo> publishAlice() throws Exception {
    await(room.negotiate("alice", chromiumOffer()));
    Map<String, String> sources = new java.util.HashMap<>();
    alice.added.forEach(track -> sources.put(track.trackId(), TrackInfo.MEDIA));
    await(room.setTracksSourceType("alice", sources));
    return await(room.tracks());
  }

  @Test
  void anOfferIsAnsweredAndItsTracksAreHeldBackUntilTheirSourceIsNamed() throws Exception {
    await(room.addClient("bob", bob));
    assertThat(alice.joined).containsExactly("bob");
    String answer = await(room.negotiate("alice", chromiumOffer()));
    assertThat(answer).contains("a=ice-lite", "a=setup:passive",
        "a=candidate:", " 127.0.0.1 " + room.mediaPort() + " typ host");
    assertThat(alice.added).extracting(TrackInfo::kind).containsExactlyInAnyOrder("audio", "video");
    assertThat(alice.added).allMatch(track -> track.source() == null);
    assertThat(await(room.tracks())).isEmpty();
    assertThat(bob.available).isEmpty();
    String held = alice.added.get(0).producerId();
    assertThat(errorCode(room.subscribe("bob", List.of(held)))).isEqualTo("not_found");

    String video = alice.added.stream().filter(t -> t.kind().equals("video")).findFirst()
        .orElseThrow().trackId();
    String audio = alice.added.stream().filter(t -> t.kind().equals("audio")).findFirst()
        .orElseThrow().trackId();
    assertThat(errorCode(room.setTracksSourceType("alice", Map.of(video, "webcam"))))
        .isEqualTo("bad_request");
    assertThat(errorCode(room.setTracksSourceType("alice", Map.of("nope", "media"))))
        .isEqualTo("not_found");
    await(room.setTracksSourceType("alice", Map.of(video, "screen", audio, "media")));
    assertThat(bob.available).extracting(TrackInfo::source)
        .containsExactlyInAnyOrder("screen", "media");
    assertThat(await(room.tracks())).hasSize(2);
  }

  @Test
  void namedTracksAreAnnouncedToLaterClientsAndRemovedWhenThePublisherLeaves() throws Exception {
    List<TrackInfo> tracks = publishAlice();
    assertThat(tracks).extracting(TrackInfo::clientId).containsOnly("alice");
    assertThat(tracks).extracting(TrackInfo::kind).containsExactlyInAnyOrder("audio", "video");

    await(room.addClient("bob", bob));
    assertThat(bob.available).containsExactlyInAnyOrderElementsOf(tracks);
    await(room.removeClient("alice"));
    assertThat(bob.removed).containsExactlyInAnyOrderElementsOf(tracks);
    assertThat(bob.left).containsExactly("alice");
    assertThat(await(room.tracks())).isEmpty();
  }

  @Test
  void badCallsFailWithTheirCodeAndTheRoomCarriesOn() throws Exception {
    assertThat(errorCode(room.addClient("alice", alice))).isEqualTo("not_allowed");
    assertThat(errorCode(room.negotiate("nobody", chromiumOffer()))).isEqualTo("not_found");
    assertThat(errorCode(room.negotiate("alice", "v=0\r\nthis is not SDP\r\n")))
        .isEqualTo("bad_request");
    assertThat(errorCode(room.negotiate("alice",
        chromiumOffer().replace("a=group:BUNDLE", "a=group:NOTBUNDLE")))).isEqualTo("bad_request");
    assertThat(errorCode(room.answer("alice", chromiumOffer()))).isEqualTo("not_allowed");
    assertThat(errorCode(room.subscribe("alice", List.of("bob/camera")))).isEqualTo("not_found");
    assertThat(errorCode(room.addIceCandidate("alice", "candidate:garbage")))
        .isEqualTo("bad_request");

    // after all that, the client negotiates as if nothing happened
    assertThat(publishAlice()).hasSize(2);
    await(room.addIceCandidate("alice",
        "candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host generation 0"));
    await(room.addIceCandidate("alice", "")); // end of candidates
  }

  @Test
  void aRefusedClientOfferDuringTheSfusOfferLeavesTheSfuToOfferAgainRightAway()
      throws Exception {
    publishAlice();
    await(room.addClient("bob", bob));
    await(room.negotiate("bob", chromiumOffer()));
    await(room.subscribe("bob", List.of(bob.available.get(0).producerId())));
    assertThat(bob.offers).hasSize(1); // out, unanswered: the client offers anyway (glare)

    String unbundled = chromiumOffer().replaceAll("a=group:BUNDLE[^\r]*\r\n", "");
    assertThat(errorCode(room.negotiate("bob", unbundled))).isEqualTo("bad_request");

    assertThat(bob.offers).hasSize(2); // rolled back for the glare, so made again at once
  }

  @Test
  void subscribingBeforeTheFirstOfferWaitsForIt() throws Exception {
    publishAlice();
    await(room.addClient("bob", bob));
    String producer = bob.available.get(0).producerId();
    await(room.subscribe("bob", List.of(producer)));
    assertThat(bob.offers).isEmpty(); // bob has no transport yet: the offer waits
    await(room.negotiate("bob", chromiumOffer()));
    assertThat(bob.offers).hasSize(1); // delivered right after the answer
    assertThat(bob.offers.get(0)).contains("a=sendonly");
  }

  /** Bob's offer as a client without VP8 (the codec alice's captured offer sends) writes it. */
  private static String offerWithoutVp8() throws Exception {
    return dev.vertxsfu.testpeer.OfferCodecs.without(chromiumOffer(), "VP8");
  }

  @Test
  void tracksAvailableSaysEachTracksCodec() throws Exception {
    assertThat(publishAlice()).extracting(TrackInfo::codec)
        .containsExactlyInAnyOrder("audio/opus", "video/VP8");
  }

  @Test
  void subscribingToACodecTheClientsOfferLacksIsRefusedNamingTheCodec() throws Exception {
    publishAlice();
    await(room.addClient("bob", bob));
    await(room.negotiate("bob", offerWithoutVp8()));
    String video = bob.available.stream().filter(t -> t.kind().equals("video")).findFirst()
        .orElseThrow().producerId();
    try {
      await(room.subscribe("bob", List.of(video)));
      throw new AssertionError("the subscription was taken");
    } catch (ExecutionException e) {
      RoomException refusal = (RoomException) e.getCause();
      assertThat(refusal.code()).isEqualTo("codec_not_supported");
      assertThat(refusal.getMessage()).contains("video/VP8", video, "bob");
    }
    assertThat(bob.offers).isEmpty(); // no m-line of bob's is spent on it
  }

  @Test
  void aSubscriptionBeforeTheFirstOfferIsDroppedWhenTheOfferLacksItsCodec() throws Exception {
    publishAlice();
    await(room.addClient("bob", bob));
    List<String> producers = bob.available.stream().map(TrackInfo::producerId).toList();
    await(room.subscribe("bob", producers)); // nothing known of bob yet: remembered
    await(room.negotiate("bob", offerWithoutVp8()));

    TrackInfo video = bob.available.stream().filter(t -> t.kind().equals("video")).findFirst()
        .orElseThrow();
    TrackInfo audio = bob.available.stream().filter(t -> t.kind().equals("audio")).findFirst()
        .orElseThrow();
    assertThat(bob.errors).singleElement().asString()
        .startsWith("codec_not_supported: ").contains("video/VP8", video.producerId());
    assertThat(bob.offers).singleElement().asString() // the audio only
        .contains(" " + audio.trackId()).doesNotContain(" " + video.trackId());
  }
}
