package dev.vertxsfu.media.cc;

/** What a subscribed track is, for the allocator's order: audio, then screen shares, then cameras. */
public enum TrackKind {
  AUDIO,
  SCREEN,
  CAMERA
}
