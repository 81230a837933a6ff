package dev.vertxsfu.wire.sdp;

/**
 * What the parser accepts at most, so that a hostile client cannot make the server parse
 * megabytes. The defaults fit real WebRTC descriptions with room to spare: a Chromium offer
 * with audio, two videos and a data channel is about 11 KiB and 300 lines; an SFU subscriber
 * answer with tens of m-lines stays well under 64 KiB because the SFU offers few codecs.
 *
 * @param maxLength characters of a {@code String} input, bytes of a {@code byte[]} input
 * @param maxLines lines
 * @param maxLineLength characters of one line, without its line end
 */
public record SdpLimits(int maxLength, int maxLines, int maxLineLength) {
  /** 64 KiB, 4,096 lines, 4,096 characters per line. */
  public static final SdpLimits DEFAULT = new SdpLimits(64 * 1024, 4096, 4096);

  public SdpLimits {
    if (maxLength < 1 || maxLines < 1 || maxLineLength < 1) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }
}
