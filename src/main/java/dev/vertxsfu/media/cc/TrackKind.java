package dev.vertxsfu.media.cc;

/** What a subscribed track is, for the allocator's order: audio, screen shares, cameras. */
public enum TrackKind {
  AUDIO,
  SCREEN,
  CAMERA
}
