package dev.vertxsfu.testpeer;

import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.media.audio.AudioDeviceModuleBase;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps the synthetic microphones of one libwebrtc instance from feeding an audio send stream
 * while its audio device feeds it too.
 *
 * <p>libwebrtc aborts the JVM ({@code audio_send_stream.cc}, "race checker") when two threads
 * are in one send stream's {@code SendAudioData} at once. Two feed it here: the microphone's
 * own thread (through a {@code CustomAudioSource}) and webrtc-java's headless audio device,
 * whose capture thread libwebrtc starts whenever a send stream starts: when a description is
 * applied, a track added or removed, or the transport first becomes writable. So a microphone
 * pushes only through {@link #push}, which stops the device's capture first and skips the
 * chunk while any of those may be under way:
 * <ul>
 *   <li>a description or track change runs inside {@link #around}, which holds the gate;
 *   <li>a peer connection is {@link #connecting} from its creation until {@link #connected}
 *       has seen it connected and a {@code getStats} round trip has passed libwebrtc's worker
 *       thread, behind the task that started its send streams on the first writable state.
 * </ul>
 * A skipped chunk is 10 ms of silence, which no test notices.
 *
 * <p>Threads: {@link #around} from the threads that drive peer connections, {@link #push}
 * from microphones, {@link #connected} and {@link #closed} from libwebrtc's own threads too,
 * which therefore never wait for the lock: a signaling thread blocked on it would stall
 * every native call that the lock's holder waits in. The lock and the set are the state.
 */
public final class AudioCaptureGate {
  /** A change to a peer connection that may start a send stream. */
  public interface Change<T> {
    T run() throws Exception;
  }

  private final AudioDeviceModuleBase audioDevice;
  private final ReentrantLock lock = new ReentrantLock();
  private final Set<RTCPeerConnection> connecting = ConcurrentHashMap.newKeySet();

  AudioCaptureGate(AudioDeviceModuleBase audioDevice) {
    this.audioDevice = audioDevice;
  }

  /** Runs {@code change} with the gate held: no microphone pushes meanwhile. */
  public <T> T around(Change<T> change) throws Exception {
    lock.lock();
    try {
      return change.run();
    } finally {
      lock.unlock();
    }
  }

  /** A new peer connection: its first writable state will start its send streams. */
  public void connecting(RTCPeerConnection connection) {
    connecting.add(connection);
  }

  /**
   * {@code connection} reported connected; once a stats report (which runs on libwebrtc's
   * network and worker threads, after the tasks the writable state queued there) is back,
   * microphones may push again. Call it from the connection's observer; it does not block.
   */
  public void connected(RTCPeerConnection connection) {
    connection.getStats(report -> closed(connection));
  }

  /** {@code connection} is closed, or its start-up is known to be over. */
  public void closed(RTCPeerConnection connection) {
    connecting.remove(connection);
  }

  /**
   * Pushes one chunk unless a change or a connection start-up is under way; returns whether it
   * pushed. Stops the device's capture first (a no-op unless something restarted it).
   */
  public boolean push(Runnable chunk) {
    if (!lock.tryLock()) {
      return false;
    }
    try {
      if (!connecting.isEmpty()) {
        return false;
      }
      audioDevice.stopRecording();
      chunk.run();
      return true;
    } finally {
      lock.unlock();
    }
  }
}
