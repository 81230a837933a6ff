package dev.vertxsfu.testpeer;

import dev.onvoid.webrtc.media.audio.CustomAudioSource;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A microphone for tests: pushes a 440 Hz tone, 48 kHz mono 16-bit, in 10 ms chunks into a
 * libwebrtc {@link CustomAudioSource} from its own thread.
 *
 * <p>libwebrtc feeds an audio send stream from two places, the track's source and the audio
 * device's capture, and aborts when both run at once ({@code audio_send_stream.cc}: "race
 * checker"). webrtc-java's headless device captures once a send stream starts, so each push
 * goes through the {@link AudioCaptureGate}, which stops that capture first and holds pushes
 * back while a change may restart it.
 */
public final class SyntheticMicrophone implements AutoCloseable {
  private static final int RATE = 48_000;
  private static final int FRAMES = RATE / 100;

  private final CustomAudioSource source;
  private final AudioCaptureGate gate;
  private final ScheduledExecutorService clock;
  private final byte[] chunk = new byte[FRAMES * 2];
  private long sample;

  public SyntheticMicrophone(CustomAudioSource source, AudioCaptureGate gate) {
    this.source = source;
    this.gate = gate;
    this.clock = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "synthetic-microphone");
      thread.setDaemon(true);
      return thread;
    });
    clock.scheduleAtFixedRate(this::pushChunk, 0, 10, TimeUnit.MILLISECONDS);
  }

  private void pushChunk() {
    for (int i = 0; i < FRAMES; i++, sample++) {
      short value = (short) (8000 * Math.sin(2 * Math.PI * 440 * sample / RATE));
      chunk[2 * i] = (byte) value;
      chunk[2 * i + 1] = (byte) (value >> 8);
    }
    gate.push(() -> source.pushAudio(chunk, 16, RATE, 1, FRAMES));
  }

  @Override
  public void close() throws InterruptedException {
    clock.shutdownNow();
    clock.awaitTermination(5, TimeUnit.SECONDS);
  }
}
