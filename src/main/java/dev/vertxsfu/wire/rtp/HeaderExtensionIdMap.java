package dev.vertxsfu.wire.rtp;

/**
 * Which RFC 8285 extension IDs a consumer receives, and under which IDs: the publisher's local
 * IDs mapped to the IDs negotiated with one subscriber (RFC 8285 §5: local identifiers are
 * per-session, so the same URI may carry different IDs on each side of the SFU). An ID without a
 * mapping is dropped.
 *
 * <p>Built once per negotiation by the media layer's consumer and then read for every packet by
 * {@link HeaderExtensions#mapIds} and {@link HeaderExtensionRewriter}; immutable, so one map may
 * be shared by consumers of the same negotiated set.
 */
public final class HeaderExtensionIdMap {
  private final byte[] targets;
  private final int maxTargetId;

  private HeaderExtensionIdMap(byte[] targets, int maxTargetId) {
    this.targets = targets;
    this.maxTargetId = maxTargetId;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The ID that {@code id} (1-255) becomes, or 0 when it is dropped. */
  public int map(int id) {
    return targets[id & 0xff] & 0xff;
  }

  /** The largest ID anything maps to, 0 for a map that drops everything. */
  public int maxTargetId() {
    return maxTargetId;
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("HeaderExtensionIdMap{");
    String separator = "";
    for (int id = 1; id < targets.length; id++) {
      if (targets[id] != 0) {
        s.append(separator).append(id).append("->").append(targets[id] & 0xff);
        separator = ", ";
      }
    }
    return s.append('}').toString();
  }

  /** Collects the mappings; refuses IDs outside 1-255 and a source or target used twice. */
  public static final class Builder {
    private final byte[] targets = new byte[256];
    private final boolean[] targetUsed = new boolean[256];
    private int maxTargetId;

    private Builder() {}

    /** Sends extension {@code from} of the publisher as extension {@code to} of the subscriber. */
    public Builder map(int from, int to) {
      checkId(from, "source");
      checkId(to, "target");
      if (targets[from] != 0) {
        throw new IllegalArgumentException("extension ID " + from + " is already mapped");
      }
      if (targetUsed[to]) {
        throw new IllegalArgumentException("extension ID " + to + " is already a target");
      }
      targets[from] = (byte) to;
      targetUsed[to] = true;
      maxTargetId = Math.max(maxTargetId, to);
      return this;
    }

    /** Keeps extension {@code id} under the same ID. */
    public Builder keep(int id) {
      return map(id, id);
    }

    public HeaderExtensionIdMap build() {
      return new HeaderExtensionIdMap(targets.clone(), maxTargetId);
    }

    private static void checkId(int id, String role) {
      if (id < 1 || id > HeaderExtensionElements.TWO_BYTE_MAX_ID) {
        throw new IllegalArgumentException(role + " extension ID " + id + " is outside 1-255");
      }
    }
  }
}
