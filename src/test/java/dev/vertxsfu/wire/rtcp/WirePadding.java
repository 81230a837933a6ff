package dev.vertxsfu.wire.rtcp;

import java.util.Arrays;

/** Adds RFC 3550 §6.4.1 padding (P bit, count in the last octet) to a test packet. */
final class WirePadding {
  private WirePadding() {}

  static byte[] pad(byte[] packet, int padding) {
    byte[] padded = Arrays.copyOf(packet, packet.length + padding);
    padded[0] |= 0x20;
    padded[padded.length - 1] = (byte) padding;
    int words = padded.length / 4 - 1;
    padded[2] = (byte) (words >>> 8);
    padded[3] = (byte) words;
    return padded;
  }
}
