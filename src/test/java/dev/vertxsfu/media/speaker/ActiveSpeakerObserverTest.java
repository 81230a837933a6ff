package dev.vertxsfu.media.speaker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxsfu.media.speaker.ActiveSpeakerObserver.Speaker;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The speaker detector on synthetic RFC 6464 levels and a fake clock: 20 ms audio packets, a
 * 300 ms interval.
 */
@Tag("fast")
class ActiveSpeakerObserverTest {
  private static final int VOICE = 0x80;
  private static final long INTERVAL = 300;

  private final ActiveSpeakerObserver observer = new ActiveSpeakerObserver(INTERVAL);
  private final AudioLevelMeter alice = new AudioLevelMeter();
  private final AudioLevelMeter bob = new AudioLevelMeter();
  private long now;

  ActiveSpeakerObserverTest() {
    observer.add("alice", alice);
    observer.add("bob", bob);
    observer.tick(now);
  }

  @Test
  void theOneWhoSpeaksIsRankedAndSilenceIsNobody() {
    assertThat(interval(30, 127)).extracting(Speaker::clientId).containsExactly("alice");
    assertThat(interval(127, 127)).isNull(); // the level decays: still alice
    List<Speaker> later = null;
    for (int i = 0; i < 20 && later == null; i++) {
      later = interval(127, 127);
    }
    assertThat(later).isEmpty();
  }

  @Test
  void theLouderOfTwoLeadsAndAQuietLevelIsNotSpeech() {
    List<Speaker> ranked = interval(20, 40);
    assertThat(ranked).extracting(Speaker::clientId).containsExactly("alice", "bob");
    assertThat(ranked.get(0).level()).isGreaterThan(ranked.get(1).level());
    AudioLevelMeter murmur = new AudioLevelMeter();
    for (int i = 0; i < 15; i++) {
      murmur.onPacket(VOICE | 70); // background, quieter than speech
    }
    assertThat(murmur.closeWindow()).isZero();
  }

  @Test
  void nothingNewIsNothingSentAndAtMostOneRankingPerInterval() {
    assertThat(interval(20, 127)).isNotNull();
    assertThat(interval(20, 127)).isNull();
    packets(20, 40, 5);
    now += 100;
    assertThat(observer.tick(now)).isNull(); // bob speaks, but the interval has not passed
  }

  @Test
  void twoAsLoudDoNotSwapPlacesButAClearlyLouderVoiceTakesOver() {
    assertThat(interval(30, 127)).extracting(Speaker::clientId).containsExactly("alice");
    assertThat(interval(30, 29)).extracting(Speaker::clientId).containsExactly("alice", "bob");
    for (int i = 0; i < 10; i++) {
      assertThat(interval(30, 29)).isNull(); // 1 dB louder is not enough
    }
    List<Speaker> takeOver = null;
    for (int i = 0; i < 10 && takeOver == null; i++) {
      takeOver = interval(45, 10);
    }
    assertThat(takeOver).extracting(Speaker::clientId).containsExactly("bob", "alice");
  }

  @Test
  void aMutedTrackIsNotASpeakerWhateverItsPacketsSay() {
    interval(20, 127);
    alice.setMuted(true);

    assertThat(interval(10, 127)).isEmpty();
    assertThat(alice.level()).isZero();
  }

  @Test
  void dtxSilenceWithoutPacketsEndsTheTurnAndAStrayLoudPacketStartsNone() {
    interval(20, 127);
    List<Speaker> ranked = null;
    for (int i = 0; i < 20 && ranked == null; i++) {
      now += INTERVAL; // Opus DTX: no packets at all
      ranked = observer.tick(now);
    }
    assertThat(ranked).isEmpty();
    bob.onPacket(VOICE | 5); // one click among fourteen quiet packets
    packets(127, 127, 14);
    now += INTERVAL;
    assertThat(observer.tick(now)).isNull();
  }

  @Test
  void aRemovedTrackLeavesTheRanking() {
    interval(20, 30);
    observer.remove(bob);

    assertThat(interval(20, 30)).extracting(Speaker::clientId).containsExactly("alice");
  }

  @Test
  void aClientsLoudestTrackCounts() {
    AudioLevelMeter aliceScreenAudio = new AudioLevelMeter();
    observer.add("alice", aliceScreenAudio);
    for (int i = 0; i < 15; i++) {
      aliceScreenAudio.onPacket(VOICE | 10);
    }
    List<Speaker> ranked = interval(127, 30);

    assertThat(ranked).extracting(Speaker::clientId).containsExactly("alice", "bob");
  }

  /** One interval of 20 ms packets at these levels (127: silence), then the timer. */
  private List<Speaker> interval(int aliceDbov, int bobDbov) {
    packets(aliceDbov, bobDbov, (int) (INTERVAL / 20));
    now += INTERVAL;
    return observer.tick(now);
  }

  private void packets(int aliceDbov, int bobDbov, int count) {
    for (int i = 0; i < count; i++) {
      alice.onPacket((aliceDbov < 127 ? VOICE : 0) | aliceDbov);
      bob.onPacket((bobDbov < 127 ? VOICE : 0) | bobDbov);
    }
  }
}
