package dev.vertxsfu.media.speaker;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ranks a room's clients by how loud they speak (mediasoup's {@code ActiveSpeakerObserver},
 * LiveKit's speaker updates): every {@code intervalMillis} it closes each meter's window, takes
 * each client's loudest track, and ranks the clients whose level is above 0, loudest first.
 * It gives a new ranking only when the set of speakers changed or another client became the
 * loudest by more than {@link #DOMINANCE} (about 2 dB), so two voices of the same loudness do
 * not swap places every interval: the room sends {@code active_speakers} at most once per
 * interval, and only when it means something.
 *
 * <p>Owned by the room, on the room's loop; the room registers a meter per audio producer and
 * calls {@link #tick} from its timer. Allocates once per interval, never per packet.
 */
public final class ActiveSpeakerObserver {
  /** One ranked client: its id and its level, a linear amplitude from 0 to 1. */
  public record Speaker(String clientId, double level) {}

  /** How much louder than the current loudest another speaker must be to take its place. */
  static final double DOMINANCE = 1.25;

  private final long intervalMillis;
  private final Map<AudioLevelMeter, String> meters = new LinkedHashMap<>();
  private List<Speaker> last = List.of();
  private long windowStartMillis = Long.MIN_VALUE;

  public ActiveSpeakerObserver(long intervalMillis) {
    this.intervalMillis = intervalMillis;
  }

  /** A client's audio track starts: its meter takes part in the ranking. */
  public void add(String clientId, AudioLevelMeter meter) {
    meters.put(meter, clientId);
  }

  /** The track ended. */
  public void remove(AudioLevelMeter meter) {
    meters.remove(meter);
  }

  /**
   * The room's timer. Returns the new ranking (empty when nobody speaks any more) when the
   * interval has passed and the set of speakers or the loudest of them changed since the last
   * one given, else {@code null}.
   */
  public List<Speaker> tick(long nowMillis) {
    if (windowStartMillis == Long.MIN_VALUE) {
      windowStartMillis = nowMillis;
      return null;
    }
    if (nowMillis - windowStartMillis < intervalMillis) {
      return null;
    }
    windowStartMillis = nowMillis;
    Map<String, Double> loudest = new LinkedHashMap<>();
    meters.forEach((meter, clientId) -> loudest.merge(clientId, meter.closeWindow(), Math::max));
    List<Speaker> ranked = new ArrayList<>();
    loudest.forEach((clientId, level) -> {
      if (level > 0) {
        ranked.add(new Speaker(clientId, level));
      }
    });
    ranked.sort((a, b) -> Double.compare(b.level(), a.level()));
    keepDominant(ranked);
    if (!changed(ranked)) {
      return null;
    }
    last = List.copyOf(ranked);
    return last;
  }

  /** The loudest of the last ranking stays first unless another is louder by the margin. */
  private void keepDominant(List<Speaker> ranked) {
    if (last.isEmpty() || ranked.isEmpty()) {
      return;
    }
    String dominant = last.get(0).clientId();
    for (int i = 1; i < ranked.size(); i++) {
      Speaker speaker = ranked.get(i);
      if (speaker.clientId().equals(dominant)) {
        if (ranked.get(0).level() <= DOMINANCE * speaker.level()) {
          ranked.add(0, ranked.remove(i));
        }
        return;
      }
    }
  }

  /** A new set of speakers, or a new loudest one. */
  private boolean changed(List<Speaker> ranked) {
    if (ranked.isEmpty() || last.isEmpty()) {
      return ranked.size() != last.size();
    }
    return !ranked.get(0).clientId().equals(last.get(0).clientId())
        || !ids(ranked).equals(ids(last));
  }

  private static Set<String> ids(List<Speaker> speakers) {
    Set<String> ids = new HashSet<>();
    speakers.forEach(s -> ids.add(s.clientId()));
    return ids;
  }
}
