package dev.vertxsfu.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxsfu.media.speaker.ActiveSpeakerObserver;
import dev.vertxsfu.media.transport.TransportState;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The meeting side of a room through its Java API, without media: mute state reaches the
 * others and late joiners, chat reaches everyone, the named recipients only, and late joiners
 * (messages to everyone only), within its size and rate limits.
 */
@ExtendWith(VertxExtension.class)
class RoomMeetingTest {
  private RoomVerticle room;
  private final Recorder alice = new Recorder();
  private final Recorder bob = new Recorder();
  private final Recorder carol = new Recorder();

  static final class Recorder implements RoomClientListener {
    final List<TrackInfo> added = new CopyOnWriteArrayList<>();
    final List<TrackInfo> available = new CopyOnWriteArrayList<>();
    final List<TrackInfo> muted = new CopyOnWriteArrayList<>();
    final List<ChatMessage> messages = new CopyOnWriteArrayList<>();
    final List<List<ActiveSpeakerObserver.Speaker>> speakers = new CopyOnWriteArrayList<>();

    @Override
    public void onOffer(String sdp) {
    }

    @Override
    public void onTracksAdded(List<TrackInfo> tracks) {
      added.addAll(tracks);
    }

    @Override
    public void onTracksAvailable(List<TrackInfo> tracks) {
      available.addAll(tracks);
    }

    @Override
    public void onTracksRemoved(List<TrackInfo> tracks) {
    }

    @Override
    public void onConnectionStateChanged(TransportState state) {
    }

    @Override
    public void onTrackMuted(TrackInfo track) {
      muted.add(track);
    }

    @Override
    public void onRoomMessage(ChatMessage message) {
      messages.add(message);
    }

    @Override
    public void onActiveSpeakers(List<ActiveSpeakerObserver.Speaker> ranked) {
      speakers.add(ranked);
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
    room = RoomMediaTest.deploy(vertx, "meeting");
    await(room.addClient("alice", alice));
    await(room.addClient("bob", bob));
  }

  private String publishAliceAndMuteHerAudio() throws Exception {
    await(room.negotiate("alice", RoomApiTest.chromiumOffer()));
    Map<String, String> sources = new HashMap<>();
    alice.added.forEach(track -> sources.put(track.trackId(), TrackInfo.MEDIA));
    await(room.setTracksSourceType("alice", sources));
    String audio = alice.added.stream().filter(t -> t.kind().equals("audio")).findFirst()
        .orElseThrow().trackId();
    await(room.muteTrack("alice", audio, true));
    return audio;
  }

  @Test
  void muteStateReachesTheOthersOnceAndLateJoinersInTheirTrackList() throws Exception {
    String audio = publishAliceAndMuteHerAudio();
    await(room.muteTrack("alice", audio, true)); // again: nothing new to tell

    assertThat(bob.muted).singleElement().satisfies(track -> {
      assertThat(track.trackId()).isEqualTo(audio);
      assertThat(track.muted()).isTrue();
    });
    await(room.addClient("carol", carol));
    assertThat(carol.available).filteredOn(t -> t.trackId().equals(audio))
        .singleElement().extracting(TrackInfo::muted).isEqualTo(true);
    await(room.muteTrack("alice", audio, false));
    assertThat(bob.muted).hasSize(2).last().extracting(TrackInfo::muted).isEqualTo(false);
    assertThat(alice.muted).isEmpty(); // the publisher knows its own state
  }

  @Test
  void onlyAPublishedTrackOfTheClientCanBeMuted() throws Exception {
    assertThat(errorCode(room.muteTrack("alice", "no-such-track", true))).isEqualTo("not_found");
    assertThat(errorCode(room.muteTrack("nobody", "t", true))).isEqualTo("not_found");
  }

  @Test
  void chatReachesTheOthersOrTheNamedRecipientsAndLateJoinersGetWhatWasPublic()
      throws Exception {
    await(room.sendMessage("alice", "hello all", List.of()));
    await(room.sendMessage("alice", "psst bob", List.of("bob")));
    await(room.addClient("carol", carol));

    assertThat(bob.messages).extracting(ChatMessage::text).containsExactly("hello all", "psst bob");
    assertThat(bob.messages.get(0).from()).isEqualTo("alice");
    assertThat(bob.messages.get(0).timestamp()).isPositive();
    assertThat(bob.messages.get(1).to()).containsExactly("bob");
    assertThat(alice.messages).isEmpty();
    assertThat(carol.messages).singleElement().satisfies(m -> {
      assertThat(m.text()).isEqualTo("hello all");
      assertThat(m.history()).isTrue();
    });
  }

  @Test
  void chatRefusesUnknownRecipientsLongTextsAndFloods() throws Exception {
    assertThat(errorCode(room.sendMessage("alice", "hi", List.of("nobody"))))
        .isEqualTo("not_found");
    assertThat(errorCode(room.sendMessage("alice", "x".repeat(RoomChat.MAX_TEXT_LENGTH + 1),
        List.of()))).isEqualTo("bad_request");
    for (int i = 0; i < RoomChat.MAX_MESSAGES_PER_WINDOW; i++) {
      await(room.sendMessage("alice", "m" + i, List.of()));
    }
    assertThat(errorCode(room.sendMessage("alice", "one too many", List.of())))
        .isEqualTo("not_allowed");
    assertThat(bob.messages).hasSize(RoomChat.MAX_MESSAGES_PER_WINDOW);
    await(room.sendMessage("bob", "bob is not limited by alice", List.of()));
    assertThat(alice.messages).hasSize(1);
  }

  @Test
  void theHistoryKeepsTheLastMessagesOnly() {
    RoomChat chat = new RoomChat();
    for (int i = 0; i < RoomChat.HISTORY + 5; i++) {
      chat.remember(new ChatMessage("a", "A", "m" + i, i, List.of(), false));
    }

    assertThat(chat.history()).hasSize(RoomChat.HISTORY)
        .allMatch(ChatMessage::history).first().extracting(ChatMessage::text).isEqualTo("m5");
  }
}
