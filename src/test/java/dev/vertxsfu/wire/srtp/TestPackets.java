package dev.vertxsfu.wire.srtp;

import static dev.vertxsfu.wire.WireFuzz.hex;

/** Test RTP and RTCP headers for this package's tests. */
final class TestPackets {
  private TestPackets() {}

  /**
   * A 28-byte RTP header: V=2, X=1, CC=2, PT 96, two CSRCs and a one-byte-header extension
   * (RFC 8285) of one word, so header length handling is exercised everywhere.
   */
  static byte[] rtpHeader(int seq, int ssrc) {
    byte[] header = hex("92 60 0000 00010000 00000000 11111111 22222222 bede0001 10ff0000");
    header[2] = (byte) (seq >>> 8);
    header[3] = (byte) seq;
    RtpHeaderFields.writeInt(header, 8, ssrc);
    return header;
  }

  /** A receiver report (PT 201) from {@code ssrc} with one report block: 32 bytes. */
  static byte[] rtcpReceiverReport(int ssrc) {
    byte[] packet = hex("81c90007 00000000 01020304 00000001 00000002 00000003 00000004"
        + " 00000005");
    RtpHeaderFields.writeInt(packet, 4, ssrc);
    return packet;
  }
}
