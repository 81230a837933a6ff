package dev.vertxsfu.wire.rtp;

import static dev.vertxsfu.wire.WireFuzz.hex;

/**
 * Packets typed in by hand, each byte explained, shared by the tests of this package.
 */
final class RtpTestPackets {
  private RtpTestPackets() {}

  /**
   * A first packet of a VP8 keyframe as Chromium sends it, built by hand: Chromium's default
   * video extmap IDs (abs-send-time 2, transport-wide-cc 4, sdes:mid 9, as its offers list them),
   * one-byte extensions, VP8 payload descriptor (RFC 7741 §4.2) and keyframe header (RFC 6386
   * §9.1).
   */
  static final String CHROMIUM_VP8 = ""
      + "90"           // V=2, P=0, X=1, CC=0
      + "60"           // M=0 (first packet of the frame), PT=96 (VP8 in Chromium's offer)
      + "1f4a"         // sequence number 8010 (random start)
      + "0002bf20"     // timestamp 180000 (2 s at 90 kHz)
      + "5a3c91e7"     // SSRC
      + "bede" + "0003" // RFC 8285 one-byte form, 3 words of elements
      + "22" + "5f3a1c" // ID 2 abs-send-time, L=2: 3 bytes, 6.18 fixed-point seconds
      + "41" + "0001"  // ID 4 transport-wide-cc, L=1: 2 bytes, transport sequence number 1
      + "90" + "30"    // ID 9 sdes:mid, L=0: 1 byte, "0"
      + "000000"       // padding to the 32-bit boundary
      + "90"           // VP8 descriptor: X=1, N=0, S=1 (start of partition), PID=0
      + "80"           // I=1: PictureID follows
      + "802a"         // M=1: 15-bit PictureID 42
      + "903600"       // frame tag: key frame, version 0, show_frame, first partition 436 bytes
      + "9d012a"       // key frame start code
      + "8002" + "e001" // width 640, height 480 (little-endian, scale 0)
      + "a1b2c3d4";    // the start of the compressed first partition (arbitrary)

  static final int CHROMIUM_ABS_SEND_TIME = 2;
  static final int CHROMIUM_TRANSPORT_CC = 4;
  static final int CHROMIUM_MID = 9;

  /**
   * RFC 3550 §5.1 with every field in use, after the diagram: V=2 P=1 X=1 CC=2 M=1 PT=111, two
   * CSRCs, a §5.3.1 extension under a profile that is not RFC 8285's, and 3 bytes of padding.
   */
  static final String RFC3550_FULL = ""
      + "b2"           // V=2 (10), P=1, X=1, CC=2 (0010)
      + "ef"           // M=1, PT=111
      + "abcd"         // sequence number 43981
      + "deadbeef"     // timestamp
      + "cafebabe"     // SSRC
      + "11111111"     // CSRC 0
      + "22222222"     // CSRC 1
      + "1234" + "0001" // defined by profile 0x1234, length 1 word
      + "aabbccdd"     // header extension
      + "010203"       // payload
      + "000003";      // padding, the last byte counting all 3

  /** RFC 8285 §4.2's example block with IDs 1, 2, 3 and data filled in, in a minimal packet. */
  static final String RFC8285_ONE_BYTE = ""
      + "90600001" + "00000002" + "00000003" // V=2 X=1 PT=96, seq 1, ts 2, SSRC 3
      + "bede0003"
      + "10" + "a1"    // ID=1 L=0: 1 byte
      + "21" + "b1b2"  // ID=2 L=1: 2 bytes
      + "0000"         // 0 (pad), 0 (pad)
      + "33" + "c1c2c3c4" // ID=3 L=3: 4 bytes
      + "cafe";        // payload

  /** RFC 8285 §4.3's example block with IDs 1, 2, 3 and data filled in, in a minimal packet. */
  static final String RFC8285_TWO_BYTE = ""
      + "90600001" + "00000002" + "00000003"
      + "1000" + "0003" // 0x100, appbits 0; 3 words
      + "01" + "00"    // ID=1 L=0: no data
      + "02" + "01" + "d1" // ID=2 L=1: 1 byte
      + "00"           // 0 (pad)
      + "03" + "04" + "e1e2e3e4" // ID=3 L=4: 4 bytes
      + "cafe";

  static byte[] bytes(String hexText) {
    return hex(hexText);
  }
}
