package dev.vertxsfu.media.cc;

/** What the delay-based detector concludes of the path (draft-ietf-rmcat-gcc-02 §5.4). */
public enum BandwidthUsage {
  /** Queues are stable. */
  NORMAL,
  /** Queues grow: the sender sends more than the path carries. */
  OVERUSING,
  /** Queues drain: the path carries more than is sent. */
  UNDERUSING
}
