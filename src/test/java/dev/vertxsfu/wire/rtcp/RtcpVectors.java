package dev.vertxsfu.wire.rtcp;

import static dev.vertxsfu.wire.WireFuzz.hex;

import java.util.List;

/**
 * Test vectors typed in by hand from the RFC and draft diagrams, one comment per field. Each is a
 * single canonical packet: no padding bit, reserved bits zero.
 */
final class RtcpVectors {
  private RtcpVectors() {}

  /** RFC 3550 §6.4.1: SR with one report block. */
  static byte[] senderReport() {
    return hex(""
        + "81 c8 00 0c" // V=2 P=0 RC=1 | PT=SR=200 | length=12 (13 words, 52 bytes)
        + "12 34 56 78" // SSRC of sender
        + "e9 5c 1a 2b" // NTP timestamp, most significant word (seconds)
        + "80 00 00 00" // NTP timestamp, least significant word (0.5 s)
        + "00 01 e2 40" // RTP timestamp = 123456
        + "00 00 03 e8" // sender's packet count = 1000
        + "00 0f 42 40" // sender's octet count = 1000000
        + "9a bc de f0" // report block 1: SSRC_1
        + "19"          //   fraction lost = 25/256
        + "ff ff fe"    //   cumulative number of packets lost = -2 (24-bit signed)
        + "00 01 10 5c" //   extended highest sequence number: cycles 1, seq 4188
        + "00 00 00 64" //   interarrival jitter = 100
        + "5c 1a 2b 80" //   last SR (LSR): middle 32 bits of an NTP timestamp
        + "00 01 80 00" //   delay since last SR (DLSR) = 1.5 s in 1/65536 s
    );
  }

  /** RFC 3550 §6.4.2: RR with two report blocks. */
  static byte[] receiverReport() {
    return hex(""
        + "82 c9 00 0d" // V=2 P=0 RC=2 | PT=RR=201 | length=13 (56 bytes)
        + "00 00 00 01" // SSRC of packet sender
        + "00 00 00 02" // report block 1: SSRC_1
        + "00"          //   fraction lost = 0
        + "00 00 00"    //   cumulative lost = 0
        + "00 00 ff ff" //   extended highest sequence number = 65535
        + "00 00 00 0a" //   jitter = 10
        + "00 00 00 00" //   LSR = 0 (no SR received yet)
        + "00 00 00 00" //   DLSR = 0
        + "00 00 00 03" // report block 2: SSRC_2
        + "80"          //   fraction lost = 128/256 (half)
        + "7f ff ff"    //   cumulative lost = 8388607, the largest positive 24-bit value
        + "00 02 00 05" //   extended highest sequence number: cycles 2, seq 5
        + "ff ff ff ff" //   jitter = 2^32-1
        + "12 34 56 78" //   LSR
        + "00 00 40 00" //   DLSR = 0.25 s
    );
  }

  /** RFC 3550 §6.4.2: an RR without report blocks (what a sender-only endpoint may send). */
  static byte[] emptyReceiverReport() {
    return hex(""
        + "80 c9 00 01" // V=2 P=0 RC=0 | PT=RR=201 | length=1 (8 bytes)
        + "de ad be ef" // SSRC of packet sender
    );
  }

  /** RFC 3550 §6.5: SDES with two chunks whose END octets need 4 and 1 nulls. */
  static byte[] sourceDescription() {
    return hex(""
        + "82 ca 00 06" // V=2 P=0 SC=2 | PT=SDES=202 | length=6 (28 bytes)
        + "11 22 33 44" // chunk 1: SSRC/CSRC_1
        + "01 02 61 62" //   CNAME=1, length=2, "ab"
        + "00 00 00 00" //   END, then nulls to the 32-bit boundary
        + "55 66 77 88" // chunk 2: SSRC/CSRC_2
        + "02 01 78"    //   NAME=2, length=1, "x"
        + "06 02 79 7a" //   TOOL=6, length=2, "yz"
        + "00"          //   END, already at the boundary
    );
  }

  /** RFC 3550 §6.6: BYE for two sources with the reason "bye". */
  static byte[] goodbye() {
    return hex(""
        + "82 cb 00 03" // V=2 P=0 SC=2 | PT=BYE=203 | length=3 (16 bytes)
        + "00 00 10 00" // SSRC/CSRC 1
        + "00 00 20 00" // SSRC/CSRC 2
        + "03 62 79 65" // length=3, reason for leaving "bye" (fills the word)
    );
  }

  /** RFC 3550 §6.6: BYE for one source without a reason. */
  static byte[] goodbyeWithoutReason() {
    return hex(""
        + "81 cb 00 01" // V=2 P=0 SC=1 | PT=BYE=203 | length=1 (8 bytes)
        + "ca fe ba be" // SSRC/CSRC
    );
  }

  /** RFC 3550 §6.7: APP subtype 3, name "TEST", two words of data. */
  static byte[] applicationDefined() {
    return hex(""
        + "83 cc 00 04" // V=2 P=0 subtype=3 | PT=APP=204 | length=4 (20 bytes)
        + "01 02 03 04" // SSRC/CSRC
        + "54 45 53 54" // name (ASCII) "TEST"
        + "00 11 22 33" // application-dependent data
        + "44 55 66 77"
    );
  }

  /** RFC 4585 §6.2.1: Generic NACK with two PID/BLP pairs. */
  static byte[] genericNack() {
    return hex(""
        + "81 cd 00 04" // V=2 P=0 FMT=1 | PT=RTPFB=205 | length=4 (20 bytes)
        + "00 00 00 01" // SSRC of packet sender
        + "00 00 00 02" // SSRC of media source
        + "03 e8 00 05" // PID=1000, BLP=0b101: 1000, 1001, 1003 lost
        + "ff ff 80 00" // PID=65535, BLP bit 15: 65535 and (65535+16) mod 2^16 = 15 lost
    );
  }

  /** RFC 4585 §6.3.1: PLI. */
  static byte[] pictureLossIndication() {
    return hex(""
        + "81 ce 00 02" // V=2 P=0 FMT=1 | PT=PSFB=206 | length=2 (12 bytes)
        + "00 00 00 01" // SSRC of packet sender
        + "11 22 33 44" // SSRC of media source
    );
  }

  /** RFC 5104 §4.3.1: FIR with two entries. */
  static byte[] fullIntraRequest() {
    return hex(""
        + "84 ce 00 06" // V=2 P=0 FMT=4 | PT=PSFB=206 | length=6 (28 bytes)
        + "00 00 00 01" // SSRC of packet sender
        + "00 00 00 00" // SSRC of media source: unused, 0
        + "11 22 33 44" // FCI entry 1: SSRC
        + "2a 00 00 00" //   Seq nr.=42, Reserved
        + "55 66 77 88" // FCI entry 2: SSRC
        + "ff 00 00 00" //   Seq nr.=255, Reserved
    );
  }

  /** draft-alvestrand-rmcat-remb-03 §2.2: REMB of 1 Mbit/s for one SSRC. */
  static byte[] remb() {
    return hex(""
        + "8f ce 00 05" // V=2 P=0 FMT=15 | PT=PSFB=206 | length=5 (24 bytes)
        + "00 00 00 01" // SSRC of packet sender
        + "00 00 00 00" // SSRC of media source: always 0
        + "52 45 4d 42" // unique identifier 'R' 'E' 'M' 'B'
        + "01"          // Num SSRC = 1
        + "0b d0 90"    // BR Exp = 2 (000010), BR Mantissa = 0x3d090 = 250000: 1000000 bit/s
        + "11 22 33 44" // SSRC feedback
    );
  }

  /**
   * draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1: a feedback made of the four example
   * chunks of §3.1.3 and §3.1.4.
   */
  static byte[] transportWideFeedbackOfDraftChunks() {
    return hex(""
        + "af cd 00 09" // V=2 P=1 FMT=15 | PT=RTPFB=205 | length=9 (40 bytes)
        + "00 00 00 01" // SSRC of packet sender
        + "00 00 00 02" // SSRC of media source
        + "00 0a"       // base sequence number = 10
        + "01 0a"       // packet status count = 266 = 221 + 24 + 14 + 7
        + "00 00 10"    // reference time = 16 * 64 ms = 1.024 s
        + "07"          // fb pkt. count = 7
        + "00 dd"       // run length chunk, example 1: 221 x "not received"
        + "60 18"       // run length chunk, example 2: 24 x "received, w/o recv delta"
        + "9f 1c"       // status vector chunk, example 1: 14 one-bit symbols, 8 received
        + "cd 50"       // status vector chunk, example 2: 7 two-bit symbols, 3 received small
        + "01 02 03 04 05 06 07 08" // 8 small receive deltas: 0.25 .. 2 ms
        + "04 04 04"    // 3 small receive deltas: 1 ms each
        + "01"          // padding: one octet counting itself
    );
  }

  /** One packet of every kind, as parsed values (for the round trips and the fuzzers). */
  static List<byte[]> all() {
    return List.of(senderReport(), receiverReport(), emptyReceiverReport(), sourceDescription(),
        goodbye(), goodbyeWithoutReason(), applicationDefined(), genericNack(),
        pictureLossIndication(), fullIntraRequest(), remb(),
        transportWideFeedbackOfDraftChunks(), ChromiumLikeTest.senderReportAndSdes(),
        ChromiumLikeTest.transportWideFeedback(), ChromiumLikeTest.transportWideFeedbackReordered(),
        extendedReport(), unknownTransportFeedback());
  }

  /** RFC 3611 XR (PT 207), which this package keeps raw: one receiver reference time block. */
  static byte[] extendedReport() {
    return hex(""
        + "80 cf 00 04" // V=2 P=0 reserved | PT=XR=207 | length=4 (20 bytes)
        + "00 00 00 01" // SSRC
        + "04 00 00 02" // BT=4 receiver reference time, block length 2
        + "e9 5c 1a 2b" // NTP timestamp, most significant word
        + "80 00 00 00" // NTP timestamp, least significant word
    );
  }

  /** RFC 4585 RTPFB with an FMT this package does not interpret (3, TMMBR of RFC 5104). */
  static byte[] unknownTransportFeedback() {
    return hex(""
        + "83 cd 00 04" // V=2 P=0 FMT=3 | PT=RTPFB=205 | length=4 (20 bytes)
        + "00 00 00 01" // SSRC of packet sender
        + "00 00 00 00" // SSRC of media source
        + "11 22 33 44" // TMMBR FCI: SSRC
        + "0c 3d 40 28" // MxTBR Exp/Mantissa/Measured Overhead
    );
  }
}
