package dev.vertxsfu.testpeer;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.audio.CustomAudioSource;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import dev.onvoid.webrtc.media.video.CustomVideoSource;

/**
 * One libwebrtc instance for tests: a peer connection factory on a headless audio device (no
 * sound card on CI), that device (which the synthetic microphone needs to silence), and the
 * custom sources made for it. Creating it loads the native library, so make it first.
 */
public final class LibWebRtc implements AutoCloseable {
  private final HeadlessAudioDeviceModule audioDevice = new HeadlessAudioDeviceModule();
  private final PeerConnectionFactory factory = new PeerConnectionFactory(audioDevice);
  private final AudioCaptureGate audioGate = new AudioCaptureGate(audioDevice);

  private final java.util.List<Runnable> disposals = new java.util.ArrayList<>();

  /** A video source to push frames into; disposed with this instance. */
  public CustomVideoSource videoSource() {
    CustomVideoSource source = new CustomVideoSource();
    disposals.add(source::dispose);
    return source;
  }

  /** An audio source to push samples into; disposed with this instance. */
  public CustomAudioSource audioSource() {
    CustomAudioSource source = new CustomAudioSource();
    disposals.add(source::dispose);
    return source;
  }

  public PeerConnectionFactory factory() {
    return factory;
  }

  /** What every change to this instance's peer connections and every microphone pass. */
  public AudioCaptureGate audioGate() {
    return audioGate;
  }

  @Override
  public void close() {
    disposals.forEach(Runnable::run);
    factory.dispose();
    audioDevice.dispose();
  }
}
