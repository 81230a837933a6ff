package dev.vertxsfu.wire.rtp;

import static dev.vertxsfu.wire.rtp.NetworkBytes.put16;
import static dev.vertxsfu.wire.rtp.NetworkBytes.put24;

/**
 * The RFC 8285 extension elements of the packet an {@link RtpPacket} is wrapped around, read and
 * changed in place: find a value by ID, overwrite it, remove it, map every ID. Anything that
 * changes the block's size (adding an element, converting between the one-byte and two-byte
 * forms) writes a copy instead: {@link HeaderExtensionRewriter}.
 *
 * <p>RFC 8285 §4.2 (one-byte element, ID 1-14, 1-16 bytes) and §4.3 (two-byte element, ID 1-255,
 * 0-255 bytes), after the "defined by profile" value 0xBEDE or 0x100 and appbits:
 * <pre>
 *        0                       0                   1
 *        0 1 2 3 4 5 6 7         0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5
 *       +-+-+-+-+-+-+-+-+       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *       |  ID   |  len  |       |       ID      |     length    |
 *       +-+-+-+-+-+-+-+-+       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>Each {@link RtpPacket} has exactly one, from {@link RtpPacket#extensions()}, that follows it
 * wherever it is re-pointed; it allocates nothing. A packet without header extension, or with one
 * under another profile (RFC 3550 §5.3.1 leaves its format to the profile), has no elements.
 * Callers: producers (read mid, rid, transport-wide sequence numbers) and consumers (map IDs to
 * the subscriber's, stamp their own transport-wide sequence number).
 */
public final class HeaderExtensions {
  private final RtpPacket packet;

  HeaderExtensions(RtpPacket packet) {
    this.packet = packet;
  }

  /** True when the block is in the one-byte form (profile 0xBEDE). */
  public boolean isOneByte() {
    return packet.extensionForm() == HeaderExtensionElements.FORM_ONE_BYTE;
  }

  /** True when the block is in the two-byte form (profile 0x100 and appbits). */
  public boolean isTwoByte() {
    return packet.extensionForm() == HeaderExtensionElements.FORM_TWO_BYTE;
  }

  /** Offset in {@link RtpPacket#buffer()} of the data of extension {@code id}, or -1 if absent. */
  public int valueOffset(int id) {
    int element = find(id);
    return element < 0 ? -1 : HeaderExtensionElements.valueOffset(element, packet.extensionForm());
  }

  /** Length of the data of extension {@code id}, or -1 if absent. */
  public int valueLength(int id) {
    int element = find(id);
    return element < 0 ? -1
        : HeaderExtensionElements.valueLength(packet.buffer(), element, packet.extensionForm());
  }

  /**
   * Overwrites the data of extension {@code id}. False, and nothing written, when there is no
   * such extension or its data is not exactly {@code length} bytes long: then
   * {@link HeaderExtensionRewriter} writes a copy that has it.
   */
  public boolean setValue(int id, byte[] value, int offset, int length) {
    int at = valueAt(id, length);
    if (at < 0) {
      return false;
    }
    System.arraycopy(value, offset, packet.buffer(), at, length);
    return true;
  }

  /** Overwrites a 2-byte value (a transport-wide sequence number); false if there is none. */
  public boolean setUint16(int id, int value) {
    int at = valueAt(id, 2);
    if (at < 0) {
      return false;
    }
    put16(packet.buffer(), at, value);
    return true;
  }

  /** Overwrites a 3-byte value (abs-send-time); false if there is none. */
  public boolean setUint24(int id, int value) {
    int at = valueAt(id, 3);
    if (at < 0) {
      return false;
    }
    put24(packet.buffer(), at, value);
    return true;
  }

  /**
   * Removes extension {@code id} by zeroing its bytes into padding (RFC 8285 §4.1.2: a zero byte
   * is padding, skipped by every receiver); the block keeps its length. False if there was none.
   */
  public boolean remove(int id) {
    return packet.extensionDataOffset() >= 0 && HeaderExtensionElements.remove(packet.buffer(),
        packet.extensionDataOffset(), end(), packet.extensionForm(), id);
  }

  /**
   * Rewrites every ID through {@code map} and turns the unmapped elements into padding. Returns
   * false and changes nothing if a one-byte block would need an ID above 14 (then use
   * {@link HeaderExtensionRewriter}).
   */
  public boolean mapIds(HeaderExtensionIdMap map) {
    return packet.extensionDataOffset() < 0 || HeaderExtensionElements.mapIds(packet.buffer(),
        packet.extensionDataOffset(), end(), packet.extensionForm(), map);
  }

  /** The offset of the value of {@code id} if it is {@code length} bytes long, else -1. */
  private int valueAt(int id, int length) {
    int element = find(id);
    int form = packet.extensionForm();
    if (element < 0 || HeaderExtensionElements.valueLength(packet.buffer(), element, form)
        != length) {
      return -1;
    }
    return HeaderExtensionElements.valueOffset(element, form);
  }

  private int find(int id) {
    if (packet.extensionDataOffset() < 0 || id < 1) {
      return -1;
    }
    return HeaderExtensionElements.find(packet.buffer(), packet.extensionDataOffset(), end(),
        packet.extensionForm(), id);
  }

  private int end() {
    return packet.extensionDataOffset() + packet.extensionDataLength();
  }
}
