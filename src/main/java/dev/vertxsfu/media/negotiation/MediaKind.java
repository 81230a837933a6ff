package dev.vertxsfu.media.negotiation;

/** The kinds of RTP media an m-line carries ({@code m=audio}, {@code m=video}). */
public enum MediaKind {
  AUDIO("audio"),
  VIDEO("video");

  private final String sdpName;

  MediaKind(String sdpName) {
    this.sdpName = sdpName;
  }

  /** The {@code <media>} token of the m-line. */
  public String sdpName() {
    return sdpName;
  }

  /** The kind an m-line's {@code <media>} names, or {@code null} (application, text...). */
  public static MediaKind fromSdpName(String media) {
    for (MediaKind kind : values()) {
      if (kind.sdpName.equals(media)) {
        return kind;
      }
    }
    return null;
  }
}
