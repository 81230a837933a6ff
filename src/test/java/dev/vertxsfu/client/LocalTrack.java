package dev.vertxsfu.client;

import dev.onvoid.webrtc.RTCRtpSender;
import dev.vertxsfu.testpeer.SyntheticCamera;

/**
 * A track this client publishes: its ids as they appear in the client's {@code a=msid}, what
 * it is, and the synthetic source that feeds it. Made and closed on the signaling executor.
 */
public final class LocalTrack {
  /** The {@code source} of a camera or microphone track (docs/protocol.md {@code tracks_added}). */
  public static final String MEDIA = "media";
  /** The {@code source} of a screen-share track. */
  public static final String SCREEN = "screen";

  private final String trackId;
  private final String streamId;
  private final String kind;
  private final String source;
  private final RTCRtpSender sender;
  private final AutoCloseable generator;

  LocalTrack(String trackId, String streamId, String kind, String source, RTCRtpSender sender,
      AutoCloseable generator) {
    this.trackId = trackId;
    this.streamId = streamId;
    this.kind = kind;
    this.source = source;
    this.sender = sender;
    this.generator = generator;
  }

  public String trackId() {
    return trackId;
  }

  public String streamId() {
    return streamId;
  }

  /** {@code audio} or {@code video}. */
  public String kind() {
    return kind;
  }

  /** {@link #MEDIA} or {@link #SCREEN}. */
  public String source() {
    return source;
  }

  /** Video frames pushed into the track so far (0 for audio). */
  public int framesPushed() {
    return generator instanceof SyntheticCamera camera ? camera.pushed() : 0;
  }

  /** This track as another client would see it in {@code tracks_available}. */
  public TrackInfo asSeenBy(String publisherClientId) {
    return new TrackInfo(publisherClientId, trackId, streamId, kind, source);
  }

  RTCRtpSender sender() {
    return sender;
  }

  void stop() throws Exception {
    generator.close();
  }
}
