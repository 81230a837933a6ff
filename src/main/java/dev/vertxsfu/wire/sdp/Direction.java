package dev.vertxsfu.wire.sdp;

/**
 * The media direction attributes, RFC 8866 sections 6.7.1 to 6.7.4 ({@code a=sendrecv},
 * {@code a=sendonly}, {@code a=recvonly}, {@code a=inactive}), also the optional direction of
 * an {@code a=extmap} (RFC 8285 section 8). Each is said from the point of view of whoever wrote
 * the description: an SFU answers a publisher's {@code sendonly} with {@code recvonly}
 * ({@link #reverse()}, RFC 3264 section 6).
 *
 * <pre>
 * a=sendrecv | a=sendonly | a=recvonly | a=inactive
 * </pre>
 *
 * <p>A fixed set: a media description carrying some other direction-like word keeps it as an
 * unknown attribute.
 */
public enum Direction {
  SENDRECV("sendrecv"),
  SENDONLY("sendonly"),
  RECVONLY("recvonly"),
  INACTIVE("inactive");

  private final String attributeName;

  Direction(String attributeName) {
    this.attributeName = attributeName;
  }

  /** The attribute name ({@code sendrecv}...). */
  public String attributeName() {
    return attributeName;
  }

  /** The direction named {@code name}, or {@code null} if it names none. */
  public static Direction fromName(String name) {
    for (Direction direction : values()) {
      if (direction.attributeName.equals(name)) {
        return direction;
      }
    }
    return null;
  }

  /** Whether the writer of the description sends media. */
  public boolean sends() {
    return this == SENDRECV || this == SENDONLY;
  }

  /** Whether the writer of the description receives media. */
  public boolean receives() {
    return this == SENDRECV || this == RECVONLY;
  }

  /** The same flow seen from the other side: sendonly and recvonly swap. */
  public Direction reverse() {
    return switch (this) {
      case SENDONLY -> RECVONLY;
      case RECVONLY -> SENDONLY;
      default -> this;
    };
  }

  /** The direction that sends iff both allow it in that sense: an answer's upper bound. */
  public Direction intersect(Direction other) {
    return of(sends() && other.sends(), receives() && other.receives());
  }

  /** The direction that sends and receives as told. */
  public static Direction of(boolean sends, boolean receives) {
    return sends ? (receives ? SENDRECV : SENDONLY) : (receives ? RECVONLY : INACTIVE);
  }
}
