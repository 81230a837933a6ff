package dev.vertxsfu.media.speaker;

import dev.vertxsfu.wire.rtp.AudioLevel;

/**
 * The loudness of one audio track, from the RFC 6464 level each of its packets carries.
 *
 * <p>Packets are counted in windows that the {@link ActiveSpeakerObserver} closes at its
 * interval. A window counts as speech when at least {@link #MIN_ACTIVE_SHARE} of its packets
 * are at or above {@link #ACTIVE_LEVEL_DBOV}; its loudness is then the mean linear amplitude of
 * those packets, else 0. The meter's level follows the windows quickly up and slowly down, so a
 * pause between two words does not end a turn. A window without packets is silence: Opus with
 * DTX sends next to nothing while nobody speaks. A muted track has level 0 whatever arrives.
 *
 * <p>Owned by the producer of the track, on the room's loop; {@link #onPacket} runs per packet
 * and allocates nothing.
 */
public final class AudioLevelMeter {
  /** Quieter than this (in -dBov) is background, not speech. */
  static final int ACTIVE_LEVEL_DBOV = 50;
  /** The share of a window's packets that must be active for the window to be speech. */
  static final double MIN_ACTIVE_SHARE = 0.4;
  /** How much of a louder window the level takes at once. */
  static final double ATTACK = 0.7;
  /** How much of a quieter window the level takes at once. */
  static final double DECAY = 0.35;
  /** Below this the level is 0: the tail of a decay is not speech. */
  static final double FLOOR = 1e-3;
  private static final double[] AMPLITUDE = amplitudes();

  private int observed;
  private int active;
  private double amplitudeSum;
  private double level;
  private boolean muted;

  /** One packet's value of the extension, as {@link AudioLevel#read} gave it. */
  public void onPacket(int value) {
    if (muted || value == AudioLevel.ABSENT) {
      return;
    }
    observed++;
    int dbov = AudioLevel.level(value);
    if (dbov <= ACTIVE_LEVEL_DBOV) {
      active++;
      amplitudeSum += AMPLITUDE[dbov];
    }
  }

  /** The publisher muted or unmuted the track: a muted track is nobody speaking. */
  public void setMuted(boolean muted) {
    this.muted = muted;
    if (muted) {
      level = 0;
      resetWindow();
    }
  }

  public boolean muted() {
    return muted;
  }

  /** The smoothed loudness, a linear amplitude from 0 (silence) to 1 (0 dBov). */
  public double level() {
    return level;
  }

  /** Ends the current window: folds it into the level, which it returns. */
  double closeWindow() {
    double window = observed > 0 && active >= MIN_ACTIVE_SHARE * observed
        ? amplitudeSum / active : 0;
    level += (window > level ? ATTACK : DECAY) * (window - level);
    if (level < FLOOR) {
      level = 0;
    }
    resetWindow();
    return level;
  }

  private void resetWindow() {
    observed = 0;
    active = 0;
    amplitudeSum = 0;
  }

  /** 10^(-dBov/20) for each level the extension can carry. */
  private static double[] amplitudes() {
    double[] table = new double[AudioLevel.SILENCE + 1];
    for (int dbov = 0; dbov < table.length; dbov++) {
      table[dbov] = Math.pow(10, -dbov / 20.0);
    }
    return table;
  }
}
