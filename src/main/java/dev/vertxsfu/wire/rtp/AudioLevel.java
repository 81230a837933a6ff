package dev.vertxsfu.wire.rtp;

/**
 * The client-to-mixer audio level header extension (RFC 6464,
 * {@code urn:ietf:params:rtp-hdrext:ssrc-audio-level}): one byte per packet saying how loud
 * the audio in it is and whether the sender thinks it holds a voice.
 *
 * <p>RFC 6464 §3, the one-byte form of RFC 8285 (the two-byte form carries the same byte):
 * <pre>
 *    0                   1
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |  ID   | len=0 |V| level       |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * {@code V} is the voice activity flag; {@code level} is the audio level in -dBov, 0 the
 * loudest and 127 silence (or anything quieter). Callers: audio producers, per packet, on the
 * room's loop; nothing here allocates.
 */
public final class AudioLevel {
  /** What {@link #read} gives for a packet without the extension (or a malformed one). */
  public static final int ABSENT = -1;
  /** The quietest level, in -dBov: digital silence. */
  public static final int SILENCE = 127;

  private AudioLevel() {}

  /**
   * The extension's byte in {@code packet} (0-255) under the publisher's {@code id}, or
   * {@link #ABSENT} when the id is 0, the packet has no such element or its data is empty.
   */
  public static int read(RtpPacket packet, int id) {
    if (id <= 0 || !packet.hasExtension()) {
      return ABSENT;
    }
    HeaderExtensions extensions = packet.extensions();
    int offset = extensions.valueOffset(id);
    if (offset < 0 || extensions.valueLength(id) < 1) {
      return ABSENT;
    }
    return packet.buffer()[offset] & 0xFF;
  }

  /** The level of a value {@link #read} gave, in -dBov (0 loudest, 127 silence). */
  public static int level(int value) {
    return value & 0x7F;
  }

  /** The voice activity flag of a value {@link #read} gave. */
  public static boolean voiceActivity(int value) {
    return (value & 0x80) != 0;
  }
}
